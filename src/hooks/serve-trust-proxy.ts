import { isIP } from 'node:net';

/**
 * Express's `trust proxy` setting (https://expressjs.com/en/guide/behind-proxies.html): which peers' `X-Forwarded-*`
 * headers to believe. `false` (nobody), `true` (everybody: only when nothing can reach the service but the
 * proxy), a hop count, or addresses, CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal`.
 */
export type TrustProxy = boolean | number | readonly string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (NAMED.has(item)) return true;
  const [address = '', bits, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** Parses `TRUST_PROXY`; a problem names the first entry that is not an address, a range or a known name. */
export function parseTrustProxy(
  value: string,
): { readonly ok: true; readonly value: TrustProxy } | { readonly ok: false; readonly problem: string } {
  const text = value.trim();
  if (text === 'true') return { ok: true, value: true };
  if (text === 'false' || text === '') return { ok: true, value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? { ok: true, value: hops } : { ok: false, problem: 'a hop count must be at most 10' };
  }
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const bad = items.find((item) => !isAddressOrRange(item));
  return bad === undefined
    ? { ok: true, value: items }
    : {
        ok: false,
        problem: `"${bad}" is not true, false, a hop count, an address, a CIDR range or a known name`,
      };
}
