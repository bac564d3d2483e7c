import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullSandbox, startFullSandbox } from './full-sandbox.harness.ts';

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>/i;
const EVENT_HANDLER = /\son[a-z]+\s*=/i;
const STYLE_ATTRIBUTE = /\sstyle\s*=/i;
const UNSAFE = /'unsafe-(inline|eval|hashes)'/;

interface Page {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

/** Scripts only from the page's own origin (or none), never inline or eval'd; no plugins; framing limited. */
function expectStrictCsp(page: Page, where: string): void {
  const csp = page.headers.get('content-security-policy') ?? '';
  const d = directives(csp);
  const scripts = d.get('script-src') ?? d.get('default-src') ?? [];
  expect(csp, where).not.toMatch(UNSAFE);
  expect(
    scripts.every((s) => s === "'self'" || s === "'none'"),
    `${where}: ${csp}`,
  ).toBe(true);
  expect(d.has('frame-ancestors'), where).toBe(true);
  expect(page.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(page.headers.get('referrer-policy'), where).toBe('no-referrer');
}

function expectNoInlineCode(page: Page, where: string, allowHashedStyle = false): void {
  expect(page.body, where).not.toMatch(INLINE_SCRIPT);
  expect(page.body, where).not.toMatch(EVENT_HANDLER);
  expect(page.body, where).not.toMatch(STYLE_ATTRIBUTE);
  if (!allowHashedStyle) expect(page.body, where).not.toMatch(/<style/i);
}

describe('hardening: security headers and a strict CSP on every page-serving surface', () => {
  let sandbox: FullSandbox;

  beforeAll(async () => {
    sandbox = await startFullSandbox();
  });
  afterAll(() => sandbox.close());

  async function get(path: string, cookie?: string): Promise<Page> {
    const res = await fetch(`${sandbox.baseUrl}${path}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  it('the EHR simulator: strict CSP, no inline script or style, on pages and errors', async () => {
    for (const path of [
      '/ehr/',
      '/ehr/patients/persona-samira',
      '/ehr/patients/nobody',
      '/ehr/no-such-page',
    ]) {
      const page = await get(path, 'ehr_user=sandbox-gp');
      expectStrictCsp(page, path);
      expectNoInlineCode(page, path);
      expect(page.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('the recording app: strict CSP on the app, its launch page and its configuration', async () => {
    for (const path of ['/app/', '/app/launch', '/app/config.json', '/app/no-such-file']) {
      const page = await get(path);
      expectStrictCsp(page, path);
      if (page.status === 200 && page.headers.get('content-type')?.includes('html'))
        expectNoInlineCode(page, path);
    }
  });

  it('the patient portal: the full set (CSP without script, COOP, CORP, Permissions-Policy, no framing)', async () => {
    for (const path of ['/portal/', '/portal/summary', '/portal/proxy/seed-001', '/portal/nothing']) {
      const page = await get(path);
      expectStrictCsp(page, path);
      expectNoInlineCode(page, path);
      expect(directives(page.headers.get('content-security-policy') ?? '').get('script-src')).toEqual([
        "'none'",
      ]);
      expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(page.headers.get('permissions-policy')).toMatch(
        /camera=\(\), microphone=\(\), geolocation=\(\)/,
      );
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('the SMART sign-in pages: no script, only a hashed style', async () => {
    const page = await get(
      '/auth/authorize?client_id=safe-enquiry-app&redirect_uri=https://elsewhere.example/',
    );
    expect(page.status).toBe(400);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).not.toMatch(UNSAFE);
    expect(
      directives(csp)
        .get('style-src')
        ?.every((s) => s.startsWith("'sha256-")),
    ).toBe(true);
    expectNoInlineCode(page, 'authorize error', true);
  });
});
