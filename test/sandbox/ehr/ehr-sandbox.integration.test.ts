import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSmartAuth,
  defaultSandboxClients,
  defaultSandboxUsers,
  type SmartAuth,
} from '../../../src/sandbox/auth/index.ts';
import { createEhrSimulator } from '../../../src/sandbox/ehr/index.ts';
import { createFhirService, type FhirService } from '../../../src/sandbox/fhir/index.ts';
import { defaultCdsSpec, hookCall } from './support/ehr.harness.ts';
import { type FakeCdsService, type Listening, listen, startFakeCdsService } from './support/fake-servers.ts';
import { SEED } from './support/records.fixture.ts';

/** The simulator wired to the real sandbox FHIR server and SMART authorization server, as main.ts would. */
let server: Listening;
let auth: SmartAuth;
let fhir: FhirService;
let cds: FakeCdsService;

beforeAll(async () => {
  const spec = defaultCdsSpec();
  cds = await startFakeCdsService(spec);
  const app = express();
  server = await listen(app);
  spec.smartUrl.value = `${server.url}/app/launch`;
  auth = await createSmartAuth({
    publicBaseUrl: server.url,
    clients: defaultSandboxClients(server.url),
    users: defaultSandboxUsers,
    writeAuditEvent: async () => undefined,
  });
  fhir = await createFhirService({
    baseUrl: `${server.url}/fhir`,
    access: auth.access,
    smartConfiguration: () => auth.smartConfiguration(),
  });
  for (const resource of SEED) await fhir.repo.createResource(resource);
  const ehr = await createEhrSimulator(
    { publicBaseUrl: server.url, cdsDiscoveryUrls: [cds.discoveryUrl] },
    {
      repo: fhir.repo,
      createLaunch: (c) => auth.createLaunch(c),
      mintAccessToken: (g) => auth.mintAccessToken(g),
    },
  );
  app.use('/auth', auth.router);
  app.use('/fhir', fhir.router);
  app.use('/ehr', ehr.router);
});

afterAll(async () => {
  await server?.close();
  await cds?.close();
  await auth?.close();
  await fhir?.close();
});

describe('EHR simulator in the sandbox (real FHIR server and SMART auth)', () => {
  it('prefetches with a minted token the FHIR server accepts, confined to the patient', async () => {
    const response = await fetch(`${server.url}/ehr/api/hooks/patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patientId: 'persona-samira' }),
    });
    const { hookInstance } = (await response.json()) as { hookInstance: string };
    const { body } = hookCall(cds, hookInstance);
    const prefetch = body.prefetch as Record<string, { resourceType?: string; id?: string }>;
    expect(prefetch.patient).toMatchObject({ resourceType: 'Patient', id: 'persona-samira' });
    expect(prefetch.conditions).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });

    const token = (body.fhirAuthorization as { access_token: string }).access_token;
    expect(token.split('.')).toHaveLength(3);
    const read = (path: string) =>
      fetch(`${server.url}/fhir/${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read('Patient/persona-samira')).status).toBe(200);
    expect([403, 404]).toContain((await read('Patient/hostile')).status);
  });

  it('makes a real EHR launch for /ehr/launch', async () => {
    const response = await fetch(`${server.url}/ehr/launch?patient=persona-samira`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('iss')).toBe(`${server.url}/fhir`);
    expect(location.searchParams.get('launch')).toMatch(/^\S{16,}$/);
  });
});
