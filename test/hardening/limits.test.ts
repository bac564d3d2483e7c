import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullSandbox, startFullSandbox } from './full-sandbox.harness.ts';
import { FuzzClient } from './fuzz.client.ts';

const DEPTH = 10_000;
const DEEP_ARRAYS = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const DEEP_OBJECTS = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const DEEP_IN_RESOURCE = `{"resourceType":"Patient","name":${DEEP_ARRAYS}}`;
const OVER_4_MB = JSON.stringify({ resourceType: 'Patient', text: { div: 'x'.repeat(4 * 1024 * 1024 + 1) } });
const PATIENT_VIEW = '/cds-services/safe-enquiry-patient-view';

function outcomeCode(body: string): string | undefined {
  const parsed = JSON.parse(body) as { issue?: { details?: { coding?: { code?: string }[] } }[] };
  return parsed.issue?.[0]?.details?.coding?.[0]?.code;
}

describe('hardening: limits (deep nesting, oversized bodies, malformed input, wrong types)', () => {
  let sandbox: FullSandbox;
  let client: FuzzClient;

  beforeAll(async () => {
    sandbox = await startFullSandbox();
    client = new FuzzClient(sandbox.baseUrl);
  });
  afterAll(async () => {
    console.info(client.report());
    await sandbox.close();
  });

  const gp = () => ({
    authorization: `Bearer ${sandbox.tokens.gp}`,
    'content-type': 'application/fhir+json',
  });
  const cds = async (path = PATIENT_VIEW) => ({
    authorization: `Bearer ${await sandbox.cdsJwt(path)}`,
    'content-type': 'application/json',
  });

  it('refuses JSON nested 10 000 deep on every JSON endpoint with a 4xx and no stack', async () => {
    const targets = [
      { target: 'fhir', path: '/fhir/Patient', method: 'POST', headers: gp },
      { target: 'fhir', path: '/fhir', method: 'POST', headers: gp },
      { target: 'fhir', path: '/fhir/Patient/persona-samira', method: 'PUT', headers: gp },
      { target: 'cds-services', path: PATIENT_VIEW, method: 'POST', headers: () => cds() },
      {
        target: 'cds-services',
        path: `${PATIENT_VIEW}/feedback`,
        method: 'POST',
        headers: () => cds(`${PATIENT_VIEW}/feedback`),
      },
      {
        target: 'ehr',
        path: '/ehr/api/hooks/patient-view',
        method: 'POST',
        headers: () => ({ 'content-type': 'application/json' }),
      },
    ];
    for (const t of targets) {
      for (const body of [DEEP_ARRAYS, DEEP_OBJECTS, DEEP_IN_RESOURCE]) {
        const reply = await client.send(t.target, {
          method: t.method,
          path: t.path,
          headers: await t.headers(),
          body,
        });
        expect(reply.status, `${t.method} ${t.path}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${t.method} ${t.path}`).toBeLessThan(500);
      }
    }
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });

  it('answers a body over 4 MB with 413 and an OperationOutcome on /fhir and /cds-services', async () => {
    const fhir = await client.send('fhir', {
      method: 'POST',
      path: '/fhir/Patient',
      headers: gp(),
      body: OVER_4_MB,
    });
    const hook = await client.send('cds-services', {
      method: 'POST',
      path: PATIENT_VIEW,
      headers: await cds(),
      body: OVER_4_MB,
    });
    for (const reply of [fhir, hook]) {
      expect(reply.status).toBe(413);
      expect(outcomeCode(reply.body)).toBe('body-too-large');
    }
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });

  it('answers malformed JSON with 400 and a wrong content type with 415, as OperationOutcomes', async () => {
    const malformed = await client.send('fhir', {
      method: 'POST',
      path: '/fhir/Patient',
      headers: gp(),
      body: '{"resourceType":',
    });
    const hook = await client.send('cds-services', {
      method: 'POST',
      path: PATIENT_VIEW,
      headers: await cds(),
      body: '{"hook":',
    });
    const xml = await client.send('fhir', {
      method: 'POST',
      path: '/fhir/Patient',
      headers: { ...gp(), 'content-type': 'application/fhir+xml' },
      body: '<Patient xmlns="http://hl7.org/fhir"/>',
    });
    expect([malformed.status, outcomeCode(malformed.body)]).toEqual([400, 'malformed-json']);
    expect([hook.status, outcomeCode(hook.body)]).toEqual([400, 'malformed-json']);
    expect(xml.status).toBe(415);
    expect(client.problems).toEqual([]);
  });

  it('survives an oversized URL and header block (Node answers 431 before any route)', async () => {
    const longQuery = await client.send('fhir', {
      method: 'GET',
      path: `/fhir/Patient?name=${'a'.repeat(100_000)}`,
      headers: gp(),
    });
    const longHeader = await client.send('ehr', {
      method: 'GET',
      path: '/ehr/',
      headers: { cookie: `ehr_user=${'x'.repeat(40_000)}` },
    });
    expect([longQuery.status, longHeader.status]).toEqual([431, 431]);
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });
});
