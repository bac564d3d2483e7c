/**
 * Stands in for `isomorphic-webcrypto` (vite.config.ts alias): every browser the app supports has Web Crypto, and a
 * polyfill would be a weaker source of randomness for PKCE than the browser's own.
 */
export default globalThis.crypto;
