/**
 * fhirclient keeps its launch state (including the token response) in sessionStorage under `SMART_KEY` and the
 * state key. The app needs it only until `ready()` has returned, so it is removed at once, and again on close: no
 * token or launch state stays in the browser.
 */
const SMART_KEY = 'SMART_KEY';

function parsedKey(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Removes fhirclient's entries (and only those) from sessionStorage. */
export function clearLaunchState(storage: Storage | undefined = globalThis.sessionStorage): void {
  if (!storage) return;
  try {
    const key = parsedKey(storage.getItem(SMART_KEY));
    if (key !== undefined) storage.removeItem(key);
    storage.removeItem(SMART_KEY);
  } catch {
    // Storage may be blocked (e.g. in a sandboxed frame): then nothing was stored either.
  }
}
