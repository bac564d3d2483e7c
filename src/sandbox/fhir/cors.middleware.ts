import type { RequestHandler } from 'express';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'If-Match',
  'If-None-Exist',
  'If-None-Match',
  'If-Modified-Since',
  'Prefer',
  'X-Requested-With',
].join(', ');
const EXPOSED_HEADERS = 'Location, ETag, Last-Modified, Content-Location, WWW-Authenticate';

/** The origin (`scheme://host[:port]`) of an absolute URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * CORS for browser SMART apps (they send `Authorization`, so every request is preflighted). Only origins in the
 * allowlist get CORS headers; `*` allows any origin. No credentials mode: SMART apps use bearer tokens, not cookies.
 */
export function createCorsMiddleware(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const anyOrigin = allowed.has('*');
  return (req, res, next) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && (anyOrigin || allowed.has(origin));
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (permitted) {
      res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (!anyOrigin) res.append('Vary', 'Origin');
    if (!preflight) {
      next();
      return;
    }
    if (permitted) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
