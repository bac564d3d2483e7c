import type { RequestHandler } from 'express';

/**
 * Content-Security-Policy directives by name (`script-src` → sources). `frame-ancestors` is set from
 * {@link SecurityHeadersOptions.frameAncestors}, not here. https://www.w3.org/TR/CSP3/
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export interface SecurityHeadersOptions {
  /** The policy; `'unsafe-inline'`, `'unsafe-eval'`, `'unsafe-hashes'` and wildcard script sources are refused. */
  readonly csp: CspDirectives;
  /** Origins allowed to frame the pages (CSP `frame-ancestors`); default none at all. */
  readonly frameAncestors?: readonly string[];
  /** Public base URL; `Strict-Transport-Security` is sent only when it is https (RFC 6797 §7.2). */
  readonly publicBaseUrl?: string;
}

/**
 * The policy for server-rendered pages without any script: styles, images and fonts from the page's own origin,
 * forms posted only back to it, nothing else (no inline script or style, no plugins, no `<base>`).
 */
export const STRICT_PAGE_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};

const UNSAFE_SOURCES: ReadonlySet<string> = new Set(["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"]);
const SCRIPT_DIRECTIVES: ReadonlySet<string> = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
]);
const DIRECTIVE_NAME = /^[a-z][a-z-]*$/;
const SOURCE = /^[^\s;,]+$/;

/** Powerful features no page of ours uses, switched off for the page and anything it embeds. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';
/** One year, subdomains included (sent only over an https public base URL). */
export const HSTS = 'max-age=31536000; includeSubDomains';

function policyProblems(csp: CspDirectives): string[] {
  const problems: string[] = [];
  for (const [name, sources] of Object.entries(csp)) {
    if (!DIRECTIVE_NAME.test(name)) problems.push(`'${name}' is not a directive name`);
    if (name === 'frame-ancestors') problems.push('set frame-ancestors through the frameAncestors option');
    for (const source of sources) {
      if (!SOURCE.test(source)) problems.push(`${name}: '${source}' is not a single source`);
      if (UNSAFE_SOURCES.has(source)) problems.push(`${name}: ${source} is not allowed`);
      if (SCRIPT_DIRECTIVES.has(name) && /^(\*|https?:|data:|blob:)$/.test(source)) {
        problems.push(`${name}: ${source} would allow scripts from anywhere`);
      }
    }
  }
  if (!('default-src' in csp)) problems.push('default-src is required');
  return problems;
}

/**
 * Serialises a policy, refusing any that allows inline or eval'd script or style (one error listing every
 * problem). `frame-ancestors` is `'none'` unless origins are given.
 */
export function buildContentSecurityPolicy(
  csp: CspDirectives,
  frameAncestors: readonly string[] = [],
): string {
  const problems = policyProblems(csp);
  for (const origin of frameAncestors) {
    if (!SOURCE.test(origin) || origin === '*')
      problems.push(`frame-ancestors: '${origin}' is not an origin`);
  }
  if (problems.length > 0) throw new Error(`Unsafe Content-Security-Policy:\n  ${problems.join('\n  ')}`);
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  const parts = Object.entries(csp).map(([name, sources]) => [name, ...sources].join(' '));
  return [...parts, `frame-ancestors ${ancestors}`].join('; ');
}

function isHttps(url: string | undefined): boolean {
  return url !== undefined && URL.canParse(url) && new URL(url).protocol === 'https:';
}

/**
 * Express middleware setting the security headers of every response (OWASP Secure Headers): the CSP,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `Cross-Origin-Opener-Policy` and
 * `Cross-Origin-Resource-Policy: same-origin`, a `Permissions-Policy` turning off camera, microphone and
 * geolocation, `X-Frame-Options: DENY` when nothing may frame the pages, `Cache-Control: no-store` (pages carry
 * patient data; a route serving immutable assets may override it) and HSTS when the public base URL is https.
 * The policy is checked once, here: an unsafe one throws at start-up rather than at the first request.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  const frameAncestors = options.frameAncestors ?? [];
  const headers: [string, string][] = [
    ['Content-Security-Policy', buildContentSecurityPolicy(options.csp, frameAncestors)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Cache-Control', 'no-store'],
  ];
  if (frameAncestors.length === 0) headers.push(['X-Frame-Options', 'DENY']);
  if (isHttps(options.publicBaseUrl)) headers.push(['Strict-Transport-Security', HSTS]);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
