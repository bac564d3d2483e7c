import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { CookieBrowser } from './helpers/cookie-browser.ts';

const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');

describe('SMART authorization request checks', () => {
  let sandbox: AuthSandbox;

  beforeAll(async () => {
    sandbox = await startAuthSandbox();
  });
  afterAll(() => sandbox.close());

  async function params(overrides: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
    const launch = await sandbox.auth.createLaunch({ userId: 'sandbox-gp', patient: 'persona-samira' });
    const all: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: 'safe-enquiry-app',
      redirect_uri: `${sandbox.baseUrl}/app/`,
      scope: 'launch openid fhirUser offline_access patient/*.rs',
      state: randomBytes(16).toString('hex'),
      aud: sandbox.fhirBase,
      launch,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
  }

  async function authorize(overrides: Record<string, string | undefined> = {}): Promise<URL> {
    const query = new URLSearchParams(await params(overrides));
    const result = await new CookieBrowser().get(`${sandbox.baseUrl}/auth/authorize?${query}`);
    return new URL(result.url);
  }

  async function exchange(code: string, codeVerifier?: string) {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${sandbox.baseUrl}/app/`,
      client_id: 'safe-enquiry-app',
      ...(codeVerifier !== undefined ? { code_verifier: codeVerifier } : {}),
    });
    const response = await fetch(`${sandbox.baseUrl}/auth/token`, { method: 'POST', body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const refusals: [string, Record<string, string | undefined>, RegExp][] = [
    ['no PKCE challenge', { code_challenge: undefined, code_challenge_method: undefined }, /PKCE/],
    [
      'the plain PKCE method',
      { code_challenge: verifier, code_challenge_method: 'plain' },
      /code_challenge_method/,
    ],
    ['a wrong aud', { aud: 'http://elsewhere.example/fhir' }, /aud must be/],
    ['a missing aud', { aud: undefined }, /aud is required/],
    ['an unknown launch', { launch: 'no-such-launch' }, /launch is unknown/],
  ];

  it.each(refusals)('redirects back with invalid_request for %s', async (_name, overrides, description) => {
    const url = await authorize(overrides);
    expect(url.pathname).toBe('/app/');
    expect(url.searchParams.get('error')).toBe('invalid_request');
    expect(url.searchParams.get('error_description')).toMatch(description);
    expect(url.searchParams.has('code')).toBe(false);
  });

  it('shows an error page (no redirect, strict CSP) for an unregistered redirect_uri', async () => {
    const query = new URLSearchParams(await params({ redirect_uri: 'http://evil.example/cb' }));
    const result = await new CookieBrowser().get(`${sandbox.baseUrl}/auth/authorize?${query}`);
    expect(result.response.status).toBe(400);
    expect(result.response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await result.response.text()).not.toContain('<script');
  });

  it('checks code_verifier at the token endpoint', async () => {
    for (const [codeVerifier, expected] of [
      [undefined, 400],
      [randomBytes(32).toString('base64url'), 400],
      [verifier, 200],
    ] as const) {
      const code = (await authorize()).searchParams.get('code');
      expect(code).toEqual(expect.any(String));
      const result = await exchange(String(code), codeVerifier);
      expect(result.status).toBe(expected);
      if (expected === 400) expect(result.body.error).toBe('invalid_grant');
    }
  });

  it('accepts the authorization request by POST and keeps offline_access', async () => {
    const browser = new CookieBrowser();
    const result = await browser.post(`${sandbox.baseUrl}/auth/authorize`, await params());
    const code = new URL(result.url).searchParams.get('code');
    const token = await exchange(String(code), verifier);
    expect(token.status).toBe(200);
    expect(token.body.refresh_token).toEqual(expect.any(String));
    expect(String(token.body.scope).split(' ')).toContain('offline_access');
    expect(token.body.patient).toBe('persona-samira');
    expect(decodeJwt(String(token.body.access_token)).scope).toBe('patient/*.rs');
  });
});
