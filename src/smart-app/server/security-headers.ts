import type { RequestHandler } from 'express';

/** Where the app may be framed from and what it may connect to, besides its own origin. */
export interface SecurityPolicyOrigins {
  /** EHR origins allowed to show the app in an iframe (CSP `frame-ancestors`). */
  readonly frameAncestors: readonly string[];
  /** Origins of the FHIR server, token endpoint and JWKS (CSP `connect-src`). */
  readonly connectSources: readonly string[];
}

/**
 * The app's Content Security Policy: scripts and styles from its own origin only (no inline script or style, no
 * eval), no plugins, no forms posted anywhere, framed only by the EHR origins configured.
 * https://www.w3.org/TR/CSP3/
 */
export function buildContentSecurityPolicy(origins: SecurityPolicyOrigins): string {
  const list = (extra: readonly string[]) => ["'self'", ...extra].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${list(origins.connectSources)}`,
    `frame-ancestors ${list(origins.frameAncestors)}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "manifest-src 'none'",
  ].join('; ');
}

/** Headers on every response of the app (documents, config, assets, errors). */
export function securityHeaders(origins: SecurityPolicyOrigins): RequestHandler {
  const csp = buildContentSecurityPolicy(origins);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/** Content-hashed build assets hold no patient data and never change under their name: cache them. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
