import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { base64url, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';

describe('bearer token verification at /fhir', () => {
  let sandbox: AuthSandbox;
  let dataDir: string;
  let realKey: JWK;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'smart-auth-verify-'));
    sandbox = await startAuthSandbox({ dataDir });
    const file = JSON.parse(await readFile(path.join(dataDir, 'smart-auth-keys.json'), 'utf8')) as {
      signingKeys: JWK[];
    };
    const rs256 = file.signingKeys.find((k) => k.alg === 'RS256');
    if (!rs256) throw new Error('no RS256 key persisted');
    realKey = rs256;
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: `${sandbox.baseUrl}/auth`,
      aud: sandbox.fhirBase,
      sub: 'Practitioner/sandbox-gp',
      client_id: 'safe-enquiry-app',
      scope: 'user/*.rs',
      role: 'gp',
      fhirUser: 'Practitioner/sandbox-gp',
      jti: 'test-jti',
      iat: now,
      exp: now + 300,
      ...overrides,
    };
  }

  async function signWithRealKey(payload: Record<string, unknown>, typ = 'at+jwt'): Promise<string> {
    const key = await importJWK(realKey, 'RS256');
    const header = { alg: 'RS256', typ, ...(realKey.kid ? { kid: realKey.kid } : {}) };
    return new SignJWT(payload).setProtectedHeader(header).sign(key);
  }

  async function get(token: string | undefined, url = `${sandbox.fhirBase}/Patient`) {
    const response = await fetch(
      url,
      token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
    );
    return {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: await response.json(),
    };
  }

  it('accepts a well-formed token signed with the server key', async () => {
    expect((await get(await signWithRealKey(claims()))).status).toBe(200);
  });

  it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const result = await get(undefined);
    expect(result.status).toBe(401);
    expect(result.challenge).toBe(`Bearer realm="${sandbox.fhirBase}"`);
    expect(result.body.resourceType).toBe('OperationOutcome');
  });

  const attacks: [string, () => Promise<string>][] = [
    ['an expired token', () => signWithRealKey(claims({ exp: Math.floor(Date.now() / 1000) - 60 }))],
    ['a wrong audience', () => signWithRealKey(claims({ aud: 'http://elsewhere.example/fhir' }))],
    ['a wrong issuer', () => signWithRealKey(claims({ iss: 'http://elsewhere.example/auth' }))],
    ['an id_token typ', () => signWithRealKey(claims(), 'JWT')],
    ['an unknown role', () => signWithRealKey(claims({ role: 'admin' }))],
    [
      'a signature by another key under the real kid',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(claims())
          .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: realKey.kid ?? '' })
          .sign(privateKey);
      },
    ],
    [
      'alg none',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
        return `${header}.${base64url.encode(JSON.stringify(claims()))}.`;
      },
    ],
    [
      'HS256 keyed with the public modulus',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: realKey.kid ?? '' })
          .sign(new TextEncoder().encode(String(realKey.n))),
    ],
    ['garbage', async () => 'not-a-jwt'],
  ];

  it.each(attacks)('answers 401 invalid_token for %s', async (_name, make) => {
    const result = await get(await make());
    expect(result.status).toBe(401);
    expect(result.challenge).toBe(
      `Bearer realm="${sandbox.fhirBase}", error="invalid_token", error_description="The access token is invalid or expired"`,
    );
    expect(result.body.issue[0].details.coding[0].code).toBe('token-invalid');
  });

  it('answers 401 invalid_request for a non-Bearer Authorization header', async () => {
    const response = await fetch(`${sandbox.fhirBase}/Patient`, { headers: { authorization: 'Basic abc' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('keeps the discovery document and CapabilityStatement open', async () => {
    const config = await fetch(`${sandbox.fhirBase}/.well-known/smart-configuration`);
    expect(config.status).toBe(200);
    expect((await config.json()).code_challenge_methods_supported).toEqual(['S256']);
    expect((await fetch(`${sandbox.fhirBase}/metadata`)).status).toBe(200);
  });
});
