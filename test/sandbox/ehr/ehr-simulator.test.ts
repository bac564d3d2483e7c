import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EHR_CSP } from '../../../src/sandbox/ehr/index.ts';
import { type EhrHarness, hookCall, startEhrHarness } from './support/ehr.harness.ts';
import type { RecordedRequest } from './support/fake-servers.ts';
import { XSS_NAME } from './support/records.fixture.ts';

let h: EhrHarness;
beforeAll(async () => {
  h = await startEhrHarness();
});
afterAll(async () => {
  await h.close();
});

function post(path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${h.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function verifyJwt(request: Pick<RecordedRequest, 'authorization'> | undefined, audience: string) {
  const token = (request?.authorization ?? '').replace(/^Bearer /, '');
  expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES384', kid: h.ehr.jwks.keys[0]?.kid, typ: 'JWT' });
  const jwks = createRemoteJWKSet(new URL(`${h.base}/ehr/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, {
    issuer: `${h.base}/ehr`,
    audience,
    algorithms: ['ES384'],
  });
  expect(payload.exp).toBe((payload.iat ?? 0) + 300);
  return payload;
}

async function firePatientView(sendPrefetch = true): Promise<{ hookInstance: string; html: string }> {
  const response = await post('/ehr/api/hooks/patient-view', { patientId: 'persona-samira', sendPrefetch });
  expect(response.status).toBe(200);
  return (await response.json()) as { hookInstance: string; html: string };
}

describe('EHR simulator: pages', () => {
  it('publishes its issuer and JWKS', async () => {
    expect(h.ehr.issuer).toBe(`${h.base}/ehr`);
    const response = await fetch(`${h.base}/ehr/.well-known/jwks.json`);
    expect(await response.json()).toEqual(h.ehr.jwks);
  });

  it('serves pages with the strict CSP and no inline script or style', async () => {
    for (const path of ['/ehr/', '/ehr/patients/persona-samira', '/ehr/patients/nobody']) {
      const response = await fetch(`${h.base}${path}`);
      expect(response.headers.get('content-security-policy')).toBe(EHR_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('permissions-policy')).toMatch(
        /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
      );
      const body = await response.text();
      const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, content] of scripts) {
        expect(attrs).toMatch(/\bsrc="\/ehr\/static\//);
        expect(content).toBe('');
      }
      expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('lists patients with NHS number, UK date of birth and age, and searches them', async () => {
    const list = await (await fetch(`${h.base}/ehr/`)).text();
    expect(list).toContain('SANDBOX, Samira');
    expect(list).toContain('999 000 0018');
    expect(list).toContain('15 Jun 1990');
    for (const q of ['999%20000%200018', '15%2F06%2F1990', '1990-06-15', 'samira']) {
      const found = await (await fetch(`${h.base}/ehr/?q=${q}`)).text();
      expect(found, q).toContain('SANDBOX, Samira');
      expect(found, q).not.toContain('Eve');
    }
    expect(await (await fetch(`${h.base}/ehr/?q=nobody`)).text()).toContain('No patients match');
  });

  it('renders a hostile patient name inert', async () => {
    for (const path of ['/ehr/', '/ehr/patients/hostile', '/ehr/?q=%3Cscript%3E']) {
      const body = await (await fetch(`${h.base}${path}`)).text();
      expect(body).not.toContain(XSS_NAME.toUpperCase());
      expect(body).not.toContain('<script>alert');
      expect(body).toContain('&lt;SCRIPT&gt;ALERT(&quot;X&quot;)&lt;/SCRIPT&gt;');
    }
  });

  it('shows the chart with banner, sections, and restricted entries folded away', async () => {
    const body = await (await fetch(`${h.base}/ehr/patients/persona-samira`)).text();
    expect(body).toContain('SANDBOX, Samira');
    expect(body).toMatch(/15 Jun 1990 \(\d+y\)/);
    for (const text of [
      'Problems',
      'Encounters',
      'Medications',
      'Observations',
      'Anxiety disorder',
      'Sertraline',
    ]) {
      expect(body).toContain(text);
    }
    expect(body).toContain('03 Nov 2025');
    expect(body).toMatch(
      /<details class="restricted"><summary>Restricted entry<\/summary>Restricted synthetic entry/,
    );
    expect(body).toContain('data-hook="patient-view"');
  });

  it('answers an unknown patient with a friendly 404 page', async () => {
    const response = await fetch(`${h.base}/ehr/patients/nobody`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain('Not found');
    expect(body).toContain('Back to the patient list');
    expect((await fetch(`${h.base}/ehr/patients/${'x'.repeat(80)}`)).status).toBe(404);
  });

  it('switches user by cookie and only returns inside the simulator', async () => {
    const form = (returnTo: string) =>
      fetch(`${h.base}/ehr/user`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ userId: 'sandbox-mh-clinician', returnTo }),
      });
    const ok = await form('/ehr/patients/persona-samira');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/ehr/patients/persona-samira');
    expect(ok.headers.get('set-cookie')).toMatch(
      /^ehr_user=sandbox-mh-clinician; Path=\/ehr; HttpOnly; SameSite=Lax/,
    );
    expect((await form('//evil.example/x')).headers.get('location')).toBe('/ehr/');
    expect((await form('https://evil.example/')).headers.get('location')).toBe('/ehr/');
  });

  it.each([
    [{ origin: 'https://evil.example' }, 403],
    [{ 'sec-fetch-site': 'cross-site', origin: 'null' }, 403],
    [{ 'sec-fetch-site': 'same-site' }, 403],
    [{ 'sec-fetch-site': 'same-origin', origin: 'null' }, 200],
  ])('answers a state-changing request with headers %j by %i (CSRF)', async (headers, status) => {
    const response = await fetch(`${h.base}/ehr/api/hooks/patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ patientId: 'persona-samira' }),
    });
    expect(response.status).toBe(status);
  });
});

describe('EHR simulator: patient-view', () => {
  it('discovers with a signed JWT and calls only the services for the hook', async () => {
    const { hookInstance } = await firePatientView();
    await verifyJwt(h.cds.discoveryRequests[0], h.cds.discoveryUrl);
    const call = hookCall(h.cds, hookInstance);
    expect(call.path).toBe('/cds-services/dva-patient-view');
    const payload = await verifyJwt(call, `${h.cds.discoveryUrl}/dva-patient-view`);
    expect(payload.sub).toBe('safe-enquiry-service');
  });

  it('sends a CDS Hooks 2.0 request with a patient-scoped token and FHIR-equal prefetch', async () => {
    const { hookInstance } = await firePatientView();
    const { body } = hookCall(h.cds, hookInstance);
    const token = h.tokens.at(-1);
    expect(token).toEqual({
      clientId: 'safe-enquiry-service',
      role: 'gp',
      scope: 'patient/*.rs',
      fhirUser: 'Practitioner/sandbox-gp',
      patient: 'persona-samira',
      ttlSeconds: 300,
    });
    expect(body).toMatchObject({
      hook: 'patient-view',
      hookInstance: expect.stringMatching(/^[0-9a-f-]{36}$/),
      fhirServer: `${h.base}/fhir`,
      fhirAuthorization: {
        access_token: `token-${h.tokens.length}`,
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/*.rs',
        subject: 'safe-enquiry-service',
        patient: 'persona-samira',
      },
      context: { userId: 'Practitioner/sandbox-gp', patientId: 'persona-samira' },
    });
    expect(Object.keys(body.context as object)).toEqual(['userId', 'patientId']);
    const prefetch = body.prefetch as Record<string, unknown>;
    expect(Object.keys(prefetch).sort()).toEqual(['conditions', 'patient', 'user']);
    expect(prefetch.user).toBeNull();
    const direct = await (await fetch(`${h.base}/fhir/Patient/persona-samira`)).json();
    expect(prefetch.patient).toEqual(direct);
    const conditions = prefetch.conditions as { resourceType: string; entry: unknown[] };
    expect(conditions.resourceType).toBe('Bundle');
    expect(conditions.entry).toHaveLength(2);
    const fhirCalls = h.fhirRequests.filter((r) => r.authorization === `Bearer token-${h.tokens.length}`);
    expect(fhirCalls.map((r) => r.path).sort()).toEqual([
      'Condition?patient=persona-samira',
      'Patient/persona-samira',
      'Practitioner/sandbox-gp',
    ]);
  });

  it('omits a key whose prefetch query failed, and all prefetch when told not to send it', async () => {
    h.failingFhir.add('Condition');
    const { hookInstance } = await firePatientView();
    h.failingFhir.clear();
    const withFailure = hookCall(h.cds, hookInstance).body;
    expect(Object.keys(withFailure.prefetch as object).sort()).toEqual(['patient', 'user']);
    const off = await firePatientView(false);
    const withoutPrefetch = hookCall(h.cds, off.hookInstance).body;
    expect(withoutPrefetch).not.toHaveProperty('prefetch');
    expect(withoutPrefetch).toHaveProperty('fhirAuthorization');
  });

  it('renders the cards as a side panel would', async () => {
    const { html } = await firePatientView();
    expect(html).toContain('card card--warning');
    expect(html).toContain('Consider a private conversation');
    expect(html).toContain('Source: Safe Enquiry · Safe enquiry');
    expect(html).toMatch(/<details class="card__detail"><summary>Details<\/summary>/);
    expect(html).toContain('<strong>Evidence</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|javascript:/i);
    expect(html).toContain('href="https://example.org/guide" target="_blank" rel="noopener noreferrer"');
    expect(html).toMatch(/href="\/ehr\/smart-link\?h=[0-9a-f-]{36}&amp;s=0&amp;c=0&amp;l=1"/);
    expect(html).toContain('data-accept="0">Book a longer appointment</button>');
    expect(html).toContain(
      '<option value="0">Patient not alone</option><option value="1">Not relevant</option>',
    );
    expect(html).not.toContain('<textarea');
  });
});
