import { randomUUID } from 'node:crypto';
import type { CapabilityStatement } from 'fhir/r4.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOperationOutcome } from './helpers/assertions.ts';
import {
  type CdsTestClient,
  createCdsTestClient,
  fetchJson,
  getSigned,
  postSigned,
} from './helpers/cds-client.ts';
import { makeTempDir, type RunningSandbox, startSandbox } from './helpers/sandbox.ts';

/** architecture.md "CONTRACT: sandbox URLs", against the whole sandbox on a real port. */

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

let s: RunningSandbox;
let ehr: CdsTestClient;

beforeAll(async () => {
  const tempDir = await makeTempDir();
  ehr = await createCdsTestClient();
  s = await startSandbox({ tempDir, cdsClientsFile: await ehr.writeClientsFile(tempDir) });
});

afterAll(async () => {
  await s?.stop();
});

async function systemToken(scope = 'system/*.rs'): Promise<string> {
  return s.token({ clientId: 'safe-enquiry-service', role: 'system', scope });
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
}

describe('/fhir', () => {
  it('serves /fhir/metadata without a token, with SMART oauth-uris matching the SMART configuration', async () => {
    const reply = await fetchJson<CapabilityStatement>(`${s.fhirBase}/metadata`);
    expect(reply.status).toBe(200);
    expect(reply.body?.resourceType).toBe('CapabilityStatement');
    expect(reply.body?.fhirVersion).toBe('4.0.1');
    const extension = reply.body?.rest?.[0]?.security?.extension?.find((e) => e.url === OAUTH_URIS);
    const uris = Object.fromEntries((extension?.extension ?? []).map((e) => [e.url, e.valueUri]));
    expect(uris.authorize).toBe(`${s.base}/auth/authorize`);
    expect(uris.token).toBe(`${s.base}/auth/token`);
  });

  it('serves /fhir/.well-known/smart-configuration without a token, under the public base', async () => {
    const reply = await fetchJson<Record<string, unknown>>(`${s.fhirBase}/.well-known/smart-configuration`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      issuer: `${s.base}/auth`,
      jwks_uri: `${s.base}/auth/jwks`,
      authorization_endpoint: `${s.base}/auth/authorize`,
      token_endpoint: `${s.base}/auth/token`,
    });
    expect(reply.body?.code_challenge_methods_supported).toEqual(['S256']);
    expect(reply.body?.capabilities).toEqual(expect.arrayContaining(['launch-ehr']));
  });

  it('answers 401 with WWW-Authenticate and an OperationOutcome when the token is missing or invalid', async () => {
    const missing = await fetchJson(`${s.fhirBase}/Patient`);
    expectOperationOutcome(missing, 401);
    expect(missing.headers.get('www-authenticate') ?? '').toMatch(/^Bearer\b/);
    const invalid = await fetchJson(`${s.fhirBase}/Patient`, { headers: bearer('not.a.token') });
    expectOperationOutcome(invalid, 401);
    expect(invalid.headers.get('www-authenticate') ?? '').toMatch(/^Bearer\b/);
  });

  it('answers a malformed JSON body with 400, an unknown type with 404 and an out-of-scope write with 403', async () => {
    const token = await systemToken();
    const headers = { ...bearer(token), 'content-type': 'application/fhir+json' };
    const malformed = await fetchJson(`${s.fhirBase}/Observation`, {
      method: 'POST',
      headers,
      body: '{"resourceType": ',
    });
    expectOperationOutcome(malformed, 400);
    expectOperationOutcome(await fetchJson(`${s.fhirBase}/NoSuchType`, { headers: bearer(token) }), 404);
    const body = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Integration' }] });
    const write = await fetchJson(`${s.fhirBase}/Patient`, { method: 'POST', headers, body });
    expectOperationOutcome(write, 403);
  });

  it('answers a patient-confined write outside the patient compartment with 403', async () => {
    const token = await s.token({
      clientId: 'safe-enquiry-app',
      role: 'patient',
      scope: 'patient/*.cruds',
      fhirUser: 'Patient/persona-samira',
      patient: 'persona-samira',
    });
    const body = JSON.stringify({
      resourceType: 'Flag',
      status: 'active',
      code: { text: 'x' },
      subject: { reference: 'Patient/persona-tara' },
    });
    const write = await fetchJson(`${s.fhirBase}/Flag`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/fhir+json' },
      body,
    });
    expectOperationOutcome(write, 403);
  });
});

describe('/auth', () => {
  it('publishes public signing keys that verify minted access tokens for the FHIR base', async () => {
    const jwks = await fetchJson<{ keys: Record<string, unknown>[] }>(`${s.base}/auth/jwks`);
    expect(jwks.status).toBe(200);
    expect(jwks.body?.keys.length).toBeGreaterThan(0);
    for (const key of jwks.body?.keys ?? []) {
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key).not.toHaveProperty(member);
    }
    const keys = createRemoteJWKSet(new URL(`${s.base}/auth/jwks`));
    const { payload } = await jwtVerify(await systemToken(), keys, {
      issuer: `${s.base}/auth`,
      audience: s.fhirBase,
    });
    expect(payload.scope).toBe('system/*.rs');
  });

  it('serves OpenID discovery for the issuer {base}/auth', async () => {
    const reply = await fetchJson<Record<string, unknown>>(`${s.base}/auth/.well-known/openid-configuration`);
    expect(reply.status).toBe(200);
    expect(reply.body?.issuer).toBe(`${s.base}/auth`);
    expect(reply.body?.token_endpoint).toBe(`${s.base}/auth/token`);
  });
});

describe('/cds-services', () => {
  it('answers discovery to a trusted client JWT with patient-view and encounter-start services', async () => {
    const reply = await getSigned<{
      services: { hook: string; id: string; prefetch?: Record<string, string> }[];
    }>(ehr, `${s.base}/cds-services`);
    expect(reply.status).toBe(200);
    const hooks = reply.body?.services.map((svc) => svc.hook) ?? [];
    expect(hooks).toEqual(expect.arrayContaining(['patient-view', 'encounter-start']));
    for (const svc of reply.body?.services ?? [])
      expect(Object.keys(svc.prefetch ?? {}).length).toBeGreaterThan(0);
  });

  it('answers a bare 401 without a JWT, with a JWT for another audience, and to a replayed JWT', async () => {
    const url = `${s.base}/cds-services`;
    const cases = [
      await fetch(url),
      await fetch(url, { headers: { authorization: `Bearer ${await ehr.sign(`${url}/other`)}` } }),
    ];
    const jwt = await ehr.sign(url);
    expect((await fetch(url, { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(200);
    cases.push(await fetch(url, { headers: { authorization: `Bearer ${jwt}` } }));
    for (const response of cases) {
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('');
    }
  });

  it('answers malformed JSON with 400 and a body over 4 MB with 413', async () => {
    const url = `${s.base}/cds-services/safe-enquiry-patient-view`;
    const send = async (body: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await ehr.sign(url)}` },
        body,
      });
    const malformed = await send('{"hook": "patient-view",');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/\n\s+at\s/);
    const huge = await send(JSON.stringify({ hook: 'patient-view', pad: 'x'.repeat(4 * 1024 * 1024 + 16) }));
    expect(huge.status).toBe(413);
    await huge.body?.cancel();
  });

  it('answers 412 when neither prefetch nor a FHIR server gives the data', async () => {
    const reply = await postSigned(ehr, `${s.base}/cds-services/safe-enquiry-patient-view`, {
      hook: 'patient-view',
      hookInstance: randomUUID(),
      context: { userId: 'Practitioner/sandbox-gp', patientId: 'persona-kate' },
    });
    expect(reply.status).toBe(412);
    expect(reply.text).not.toMatch(/\n\s+at\s/);
  });

  it('answers an unknown service with 404', async () => {
    const reply = await postSigned(ehr, `${s.base}/cds-services/no-such-service`, {});
    expect(reply.status).toBe(404);
  });
});

describe('/ehr', () => {
  it('serves the patient list as HTML', async () => {
    const response = await fetch(`${s.base}/ehr/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type') ?? '').toMatch(/^text\/html/);
    expect(await response.text()).toContain('persona-samira');
  });

  it('launches the app for a patient by a real EHR launch: a redirect to /app/launch?iss={fhir}&launch=…', async () => {
    const response = await fetch(`${s.base}/ehr/launch?patient=persona-samira`, { redirect: 'manual' });
    await response.body?.cancel();
    expect([302, 303]).toContain(response.status);
    const location = new URL(response.headers.get('location') ?? '', s.base);
    expect(`${location.origin}${location.pathname}`).toBe(`${s.base}/app/launch`);
    expect(location.searchParams.get('iss')).toBe(s.fhirBase);
    expect(location.searchParams.get('launch') ?? '').toMatch(/^[A-Za-z0-9_-]{8,}$/);
  });

  it('refuses a launch for a patient that does not exist', async () => {
    const response = await fetch(`${s.base}/ehr/launch?patient=no-such-patient`, { redirect: 'manual' });
    await response.body?.cancel();
    expect(response.status).toBe(404);
  });
});

describe('/healthz and unknown paths', () => {
  it('answers /healthz with 200', async () => {
    const reply = await fetchJson<{ status: string }>(`${s.base}/healthz`);
    expect(reply.status).toBe(200);
    expect(reply.body?.status).toBe('ok');
  });

  it('answers an unknown path with a 404 OperationOutcome', async () => {
    expectOperationOutcome(await fetchJson(`${s.base}/no/such/path`), 404);
  });
});
