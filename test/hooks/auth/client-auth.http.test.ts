import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  hookBody,
  ISSUER,
  makeKey,
  PUBLIC_BASE,
  SERVICE_AUD,
  SERVICE_ID,
  startCds,
} from '../cds-harness.ts';

const PATH = `/cds-services/${SERVICE_ID}`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => h.nowSeconds();

let h: Harness;
const failures: string[] = [];
beforeAll(async () => {
  h = await startCds({
    deps: { log: (event, fields) => event === 'cds.auth.rejected' && failures.push(String(fields.failure)) },
  });
});
afterAll(async () => {
  await h.close();
});

async function expectBare401(token: string | null, headers: Record<string, string> = {}, failure?: string) {
  failures.length = 0;
  const res = await h.post(PATH, hookBody(), { token, headers });
  expect(res.status).toBe(401);
  if (failure) expect(failures).toEqual([failure]);
  expect(res.headers.get('www-authenticate')).toBe('Bearer');
  expect(await res.text()).toBe('');
}

describe('client JWT: the attack table → bare 401', () => {
  const attacks: readonly {
    name: string;
    failure: string;
    token: () => Promise<string | null>;
    headers?: Record<string, string>;
  }[] = [
    { name: 'no Authorization header', failure: 'missing', token: async () => null },
    {
      name: 'not a bearer JWT',
      failure: 'malformed',
      token: async () => 'not-a-jwt',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    },
    {
      name: 'alg none (unsigned)',
      failure: 'verification-failed',
      token: async () =>
        `${b64({ alg: 'none', typ: 'JWT', kid: h.key.kid })}.${b64({ iss: ISSUER, aud: SERVICE_AUD, iat: now(), exp: now() + 300, jti: randomUUID() })}.`,
    },
    {
      name: 'HS256 with the public key as the HMAC secret (algorithm confusion)',
      failure: 'verification-failed',
      token: async () =>
        new SignJWT({ jti: randomUUID() })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: h.key.kid })
          .setIssuer(ISSUER)
          .setAudience(SERVICE_AUD)
          .setIssuedAt(now())
          .setExpirationTime(now() + 300)
          .sign(new TextEncoder().encode(JSON.stringify(h.key.publicJwk))),
    },
    {
      name: 'signed with the wrong key (same kid)',
      failure: 'verification-failed',
      token: async () => h.token({ key: { ...(await makeKey()), kid: h.key.kid } }),
    },
    {
      name: 'wrong aud (another service)',
      failure: 'verification-failed',
      token: async () => h.token({ aud: `${PUBLIC_BASE}/cds-services/other` }),
    },
    {
      name: 'wrong aud (discovery URL used for a service call)',
      failure: 'verification-failed',
      token: async () => h.token({ aud: `${PUBLIC_BASE}/cds-services` }),
    },
    {
      name: 'aud with a trailing slash (not exact)',
      failure: 'verification-failed',
      token: async () => h.token({ aud: `${SERVICE_AUD}/` }),
    },
    {
      name: 'expired (beyond the 60 s tolerance)',
      failure: 'verification-failed',
      token: async () => h.token({ iat: now() - 600, exp: now() - 120 }),
    },
    {
      name: 'iat older than the maximum age',
      failure: 'verification-failed',
      token: async () => h.token({ iat: now() - 7200, exp: now() + 300 }),
    },
    {
      name: 'iat in the future',
      failure: 'verification-failed',
      token: async () => h.token({ iat: now() + 600, exp: now() + 900 }),
    },
    { name: 'no exp', failure: 'verification-failed', token: async () => h.token({ omit: ['exp'] }) },
    { name: 'no iat', failure: 'verification-failed', token: async () => h.token({ omit: ['iat'] }) },
    { name: 'no jti', failure: 'verification-failed', token: async () => h.token({ omit: ['jti'] }) },
    { name: 'no kid', failure: 'no-kid', token: async () => h.token({ omit: ['kid'] }) },
    {
      name: 'typ is not JWT',
      failure: 'verification-failed',
      token: async () => h.token({ header: { typ: 'at+jwt' } }),
    },
    {
      name: 'unknown iss',
      failure: 'unknown-issuer',
      token: async () => h.token({ iss: 'https://attacker.example' }),
    },
    {
      name: 'jku not allowlisted (attacker JWKS)',
      failure: 'jku-not-allowed',
      token: async () => h.token({ header: { jku: 'https://attacker.example/jwks.json' } }),
    },
    {
      name: 'ES256 not in the default allowlist',
      failure: 'verification-failed',
      token: async () => h.token({ key: await makeKey('ES256') }),
    },
  ];

  it.each(attacks)('$name → $failure', async ({ token, headers, failure }) => {
    await expectBare401(await token(), headers, failure);
  });

  it('a replayed jti is refused the second time', async () => {
    const token = await h.token();
    expect((await h.post(PATH, hookBody(), { token })).status).toBe(200);
    await expectBare401(token, {}, 'replayed');
  });

  it('accepts a valid ES384 token with aud as an array and an extra sub claim (Epic)', async () => {
    const token = await h.token({ aud: [SERVICE_AUD], claims: { sub: 'epic-client' } });
    expect((await h.post(PATH, hookBody(), { token })).status).toBe(200);
  });

  it('requires a JWT on discovery and feedback too, with their own aud', async () => {
    expect((await h.get('/cds-services', { token: null })).status).toBe(401);
    expect((await h.get('/cds-services', { token: await h.token() })).status).toBe(401);
    expect((await h.get('/cds-services')).status).toBe(200);
    const feedback = `${PATH}/feedback`;
    const body = {
      feedback: [{ card: randomUUID(), outcome: 'overridden', outcomeTimestamp: new Date().toISOString() }],
    };
    expect(
      (await h.post(feedback, body, { token: await h.token({ aud: `${PUBLIC_BASE}/cds-services` }) })).status,
    ).toBe(401);
    expect((await h.post(feedback, body)).status).toBe(200);
    expect((await h.post(feedback, body, { token: await h.token({ aud: SERVICE_AUD }) })).status).toBe(200);
  });
});

describe('client JWT: configuration', () => {
  it('RS384 is accepted by default; ES256 only when configured', async () => {
    const rs = await makeKey('RS384');
    const es = await makeKey('ES256');
    const clients = [{ iss: ISSUER, jwks: { keys: [rs.publicJwk, es.publicJwk] } }];
    const strict = await startCds({ clients });
    const loose = await startCds({ clients, config: { algorithms: ['ES384', 'RS384', 'ES256'] } });
    try {
      expect((await strict.post(PATH, hookBody(), { token: await strict.token({ key: rs }) })).status).toBe(
        200,
      );
      expect((await strict.post(PATH, hookBody(), { token: await strict.token({ key: es }) })).status).toBe(
        401,
      );
      expect((await loose.post(PATH, hookBody(), { token: await loose.token({ key: es }) })).status).toBe(
        200,
      );
    } finally {
      await strict.close();
      await loose.close();
    }
  });

  it('a tenant-bound client requires the matching tenant claim', async () => {
    const key = await makeKey();
    const t = await startCds({
      clients: [{ iss: ISSUER, tenant: 'practice-a', jwks: { keys: [key.publicJwk] } }],
    });
    try {
      expect(
        (await t.post(PATH, hookBody(), { token: await t.token({ key, claims: { tenant: 'practice-a' } }) }))
          .status,
      ).toBe(200);
      expect(
        (await t.post(PATH, hookBody(), { token: await t.token({ key, claims: { tenant: 'practice-b' } }) }))
          .status,
      ).toBe(401);
      expect((await t.post(PATH, hookBody(), { token: await t.token({ key }) })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
