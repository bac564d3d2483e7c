import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, appScopes, reviewScopes } from '../../src/smart-app/shared/index.ts';
import { entryOf, planLaunch } from '../../src/smart-app/web/launch/launch.ts';
import { authorRefOf, verifyIdToken } from '../../src/smart-app/web/session/id-token.verify.ts';
import { clearLaunchState } from '../../src/smart-app/web/session/launch-state.ts';
import { parsePromptContext } from '../../src/smart-app/web/session/prompt-context.ts';

const FHIR = 'http://ehr.test/fhir';
let server: Server;
let jwksUri: string;
let privateKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  jwksUri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function idToken(
  claims: Record<string, unknown>,
  options: { aud?: string; exp?: string; key?: CryptoKey } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer('http://ehr.test/auth')
    .setAudience(options.aud ?? 'safe-enquiry-app')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? privateKey);
}

const check = () => ({
  issuer: 'http://ehr.test/auth',
  jwksUri,
  clientId: 'safe-enquiry-app',
  fhirBaseUrl: FHIR,
});

describe('the signed-in user', () => {
  it('is the verified id_token’s fhirUser, as a Practitioner reference', async () => {
    const token = await idToken({ sub: 'gp', fhirUser: `${FHIR}/Practitioner/sandbox-gp` });
    await expect(verifyIdToken(token, check())).resolves.toEqual({ authorRef: 'Practitioner/sandbox-gp' });
  });

  it.each([
    ['a wrong audience', { aud: 'another-app' }, 'id-token-invalid'],
    ['an expired token', { exp: '-5m' }, 'id-token-invalid'],
  ])('is refused with %s', async (_what, options, reason) => {
    const token = await idToken({ fhirUser: `${FHIR}/Practitioner/sandbox-gp` }, options);
    await expect(verifyIdToken(token, check())).rejects.toMatchObject({ reason });
  });

  it('is refused when the signature is not the server’s, when missing, and for a patient', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await idToken({ fhirUser: `${FHIR}/Practitioner/sandbox-gp` }, { key: other.privateKey });
    await expect(verifyIdToken(forged, check())).rejects.toMatchObject({ reason: 'id-token-invalid' });
    await expect(verifyIdToken(undefined, check())).rejects.toMatchObject({ reason: 'id-token-missing' });
    const patient = await idToken({ fhirUser: `${FHIR}/Patient/persona-samira` });
    await expect(verifyIdToken(patient, check())).rejects.toMatchObject({ reason: 'not-a-clinician' });
  });

  it.each([
    [`${FHIR}/Practitioner/p1`, 'Practitioner/p1'],
    [`${FHIR}/PractitionerRole/r.2`, 'PractitionerRole/r.2'],
    ['Practitioner/p1', 'Practitioner/p1'],
    ['http://elsewhere.test/fhir/Practitioner/p1', undefined],
    [`${FHIR}/RelatedPerson/rp1`, undefined],
    [`${FHIR}/Practitioner/p1/_history/2`, undefined],
  ])('reads %j as author %j', (fhirUser, author) => {
    expect(authorRefOf(fhirUser, FHIR)).toBe(author);
  });
});

describe('the launch', () => {
  const config: AppConfig = {
    clientId: 'safe-enquiry-app',
    redirectUri: 'http://app.test/app/',
    fhirBaseUrl: FHIR,
    allowedIssuers: [FHIR],
    scopes: { ehr: appScopes('ehr'), standalone: appScopes('standalone') },
    reviewScopes: { ehr: reviewScopes('ehr'), standalone: reviewScopes('standalone') },
    directory: [],
  };

  it.each([
    [`?iss=${encodeURIComponent(FHIR)}&launch=abc`, { kind: 'ehr', iss: FHIR, launch: 'abc' }],
    [`?iss=${encodeURIComponent(`${FHIR}/`)}&launch=abc`, { kind: 'ehr', iss: `${FHIR}/`, launch: 'abc' }],
    ['', { kind: 'standalone', iss: FHIR }],
    [
      `?iss=${encodeURIComponent('http://evil.test/fhir')}&launch=abc`,
      { kind: 'refused', reason: 'unknown-server' },
    ],
  ])('plans %j', (search, plan) => {
    expect(planLaunch(search, config)).toEqual(plan);
  });

  it.each([
    ['/app/launch', 'recording'],
    ['/app/launch/', 'recording'],
    ['/app/safeguarding/launch', 'safeguarding'],
    ['/app/safeguarding/launch/', 'safeguarding'],
  ])('reads the launch URL %s as the %s entry', (pathname, entry) => {
    expect(entryOf(pathname)).toBe(entry);
  });

  it.each([
    [
      JSON.stringify({ hookInstance: 'h', card: 'c', kind: 'enquiry', rules: ['repeat-self-harm'] }),
      { kind: 'enquiry', rules: ['repeat-self-harm'] },
    ],
    [JSON.stringify({ rules: [] }), { rules: [] }],
    ['not json', undefined],
    [JSON.stringify({ rules: 'x' }), undefined],
    [42, undefined],
  ])('reads the card’s appContext %j', (appContext, expected) => {
    expect(parsePromptContext(appContext)).toEqual(expected);
  });

  it('removes fhirclient’s launch state and nothing else', () => {
    const items = new Map([
      ['SMART_KEY', JSON.stringify('state-1')],
      ['state-1', '{"tokenResponse":{}}'],
      ['other', 'kept'],
    ]);
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      removeItem: (k: string) => void items.delete(k),
    } as unknown as Storage;
    clearLaunchState(storage);
    expect([...items.keys()]).toEqual(['other']);
  });
});
