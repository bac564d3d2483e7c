import type { RequestHandler } from 'express';

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type';

/**
 * CORS for browser CDS clients (CDS Hooks 2.0 "Cross-Origin Resource Sharing"), with an origin allowlist instead
 * of `*`. Preflights (`OPTIONS`) are answered here, before authentication: browsers send no `Authorization` on
 * them. The CDS Hooks sandbox preflights with `Access-Control-Request-Headers: authorization,content-type`.
 */
export function cdsCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    res.vary('Origin');
    if (permitted) res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (!permitted) {
      res.status(403).end();
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
