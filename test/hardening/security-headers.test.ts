import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  HSTS,
  PERMISSIONS_POLICY,
  STRICT_PAGE_CSP,
  securityHeaders,
} from '../../src/http/index.ts';

function headersSet(middleware: ReturnType<typeof securityHeaders>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) };
  let nextCalled = false;
  middleware({} as Request, res as unknown as Response, () => {
    nextCalled = true;
  });
  expect(nextCalled).toBe(true);
  return headers;
}

describe('securityHeaders (src/http/security-headers.ts)', () => {
  it('sets the CSP and the OWASP secure headers on every response', () => {
    const headers = headersSet(securityHeaders({ csp: STRICT_PAGE_CSP }));
    expect(headers).toEqual({
      'content-security-policy':
        "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': PERMISSIONS_POLICY,
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
    });
    expect(PERMISSIONS_POLICY).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  });

  it('sends Strict-Transport-Security only when the public base URL is https', () => {
    const https = headersSet(
      securityHeaders({ csp: STRICT_PAGE_CSP, publicBaseUrl: 'https://sandbox.example' }),
    );
    const http = headersSet(
      securityHeaders({ csp: STRICT_PAGE_CSP, publicBaseUrl: 'http://localhost:8080' }),
    );
    const none = headersSet(securityHeaders({ csp: STRICT_PAGE_CSP }));
    expect(https['strict-transport-security']).toBe(HSTS);
    expect(http['strict-transport-security']).toBeUndefined();
    expect(none['strict-transport-security']).toBeUndefined();
  });

  it('lets only the given origins frame the pages, and then drops X-Frame-Options', () => {
    const headers = headersSet(
      securityHeaders({ csp: STRICT_PAGE_CSP, frameAncestors: ['https://ehr.example'] }),
    );
    expect(headers['content-security-policy']).toMatch(/frame-ancestors https:\/\/ehr\.example$/);
    expect(headers['x-frame-options']).toBeUndefined();
  });

  it('refuses unsafe-inline, unsafe-eval, unsafe-hashes and scripts from anywhere, listing every problem', () => {
    const unsafe = {
      'default-src': ["'self'"],
      'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'", 'https:'],
      'style-src': ["'unsafe-hashes'"],
    };
    expect(() => securityHeaders({ csp: unsafe })).toThrow(
      /script-src: 'unsafe-inline'[\s\S]*script-src: 'unsafe-eval'[\s\S]*https: would allow scripts[\s\S]*style-src: 'unsafe-hashes'/,
    );
    expect(() => buildContentSecurityPolicy({ 'script-src': ["'self'"] })).toThrow(/default-src is required/);
    expect(() => buildContentSecurityPolicy({ 'default-src': ['*'] })).toThrow(/would allow scripts/);
    expect(() => buildContentSecurityPolicy(STRICT_PAGE_CSP, ['*'])).toThrow(/frame-ancestors/);
    expect(() => buildContentSecurityPolicy({ 'default-src': ["'self'; script-src *"] })).toThrow(
      /not a single source/,
    );
    expect(() => buildContentSecurityPolicy({ 'default-src': ["'none'"], 'frame-ancestors': ['*'] })).toThrow(
      /frameAncestors option/,
    );
  });
});
