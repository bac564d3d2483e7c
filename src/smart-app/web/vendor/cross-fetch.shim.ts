/**
 * Stands in for `cross-fetch` in the browser bundle (vite.config.ts alias): fhirclient's pure build uses the
 * browser's own fetch, so the ponyfill is never needed.
 */
const browserFetch: typeof fetch = (...args) => globalThis.fetch(...args);
export default browserFetch;
export { browserFetch as fetch };
export const Headers = globalThis.Headers;
export const Request = globalThis.Request;
export const Response = globalThis.Response;
