import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { CookieBrowser } from './helpers/cookie-browser.ts';
import { mountNodeApp, type SmartClient } from './helpers/node-app.ts';
import { seed } from './helpers/seed.ts';

const SCOPE = 'launch openid fhirUser offline_access patient/*.rs patient/Observation.c';

describe('EHR launch with fhirclient (Node adapter)', () => {
  let sandbox: AuthSandbox;
  let ready: SmartClient | undefined;

  beforeAll(async () => {
    sandbox = await startAuthSandbox({
      routes: (app) =>
        mountNodeApp(app, { clientId: 'safe-enquiry-app', scope: SCOPE, onReady: (c) => (ready = c) }),
    });
    await seed(sandbox);
  });
  afterAll(() => sandbox.close());

  async function launch(): Promise<{ client: SmartClient; hops: number }> {
    ready = undefined;
    const launchId = await sandbox.auth.createLaunch({
      userId: 'sandbox-gp',
      patient: 'persona-samira',
      encounter: 'enc-samira-1',
      fhirContext: [{ reference: 'ServiceRequest/sr-1' }],
      needPatientBanner: false,
    });
    const url = `${sandbox.baseUrl}/app/launch?iss=${encodeURIComponent(sandbox.fhirBase)}&launch=${launchId}`;
    const result = await new CookieBrowser().get(url);
    expect(await result.response.text()).toBe('ready');
    if (!ready) throw new Error('fhirclient ready() did not run');
    return { client: ready, hops: result.hops.length };
  }

  it('completes with the launch context in the token response and fhirUser in the id_token', async () => {
    const { client } = await launch();
    const token = client.state.tokenResponse ?? {};
    expect(token.patient).toBe('persona-samira');
    expect(token.encounter).toBe('enc-samira-1');
    expect(token.need_patient_banner).toBe(false);
    expect(token.fhirContext).toEqual([{ reference: 'ServiceRequest/sr-1' }]);
    expect(token.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'offline_access']));
    expect(decodeJwt(String(token.id_token)).fhirUser).toBe(`${sandbox.fhirBase}/Practitioner/sandbox-gp`);
    expect(client.getFhirUser()).toBe('Practitioner/sandbox-gp');
    const claims = decodeJwt(String(token.access_token));
    expect(claims).toMatchObject({
      iss: `${sandbox.baseUrl}/auth`,
      aud: sandbox.fhirBase,
      patient: 'persona-samira',
      fhirUser: 'Practitioner/sandbox-gp',
      role: 'gp',
    });
    expect(typeof claims.jti).toBe('string');
    const patient = await client.patient.read();
    expect(patient.id).toBe('persona-samira');
  });

  it('writes inside the scopes and the patient, and refuses everything else', async () => {
    const { client } = await launch();
    const created = await client.create({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Synthetic note' },
      subject: { reference: 'Patient/persona-samira' },
    });
    expect(created.id).toEqual(expect.any(String));
    const outOfScope = client.create({
      resourceType: 'Condition',
      subject: { reference: 'Patient/persona-samira' },
      code: { text: 'Synthetic' },
    });
    await expect(outOfScope).rejects.toMatchObject({ status: 403 });
    const otherPatientWrite = client.create({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Synthetic' },
      subject: { reference: 'Patient/persona-tara' },
    });
    await expect(otherPatientWrite).rejects.toMatchObject({ status: 403 });
    await expect(client.request('Patient/persona-tara')).rejects.toMatchObject({ status: 403 });
    await expect(client.request('Observation?patient=persona-tara')).rejects.toMatchObject({ status: 403 });
    await expect(client.request('Observation/obs-tara-plain')).rejects.toMatchObject({ status: 404 });
  });

  it('refreshes a public client without client_id and keeps the launch context', async () => {
    const { client } = await launch();
    const before = String(client.state.tokenResponse?.access_token);
    await client.refresh();
    const token = client.state.tokenResponse ?? {};
    expect(token.access_token).not.toBe(before);
    expect(token.patient).toBe('persona-samira');
    expect(decodeJwt(String(token.access_token)).patient).toBe('persona-samira');
    expect((await client.patient.read()).id).toBe('persona-samira');
  });

  it('binds each launch to its own user and patient (no grant reuse)', async () => {
    const browser = new CookieBrowser();
    const contexts = [
      { userId: 'sandbox-gp', patient: 'persona-samira' },
      { userId: 'sandbox-mh-clinician', patient: 'persona-tara' },
    ];
    const seen: unknown[] = [];
    for (const context of contexts) {
      ready = undefined;
      const launchId = await sandbox.auth.createLaunch(context);
      const url = `${sandbox.baseUrl}/app/launch?iss=${encodeURIComponent(sandbox.fhirBase)}&launch=${launchId}`;
      expect(await (await browser.get(url)).response.text()).toBe('ready');
      const client = ready as SmartClient | undefined;
      const claims = decodeJwt(String(client?.state.tokenResponse?.access_token));
      seen.push({ patient: claims.patient, fhirUser: claims.fhirUser });
    }
    expect(seen).toEqual([
      { patient: 'persona-samira', fhirUser: 'Practitioner/sandbox-gp' },
      { patient: 'persona-tara', fhirUser: 'Practitioner/sandbox-mh-clinician' },
    ]);
  });

  it('refuses a launch value used twice', async () => {
    const launchId = await sandbox.auth.createLaunch({ userId: 'sandbox-gp', patient: 'persona-samira' });
    const url = `${sandbox.baseUrl}/app/launch?iss=${encodeURIComponent(sandbox.fhirBase)}&launch=${launchId}`;
    expect(await (await new CookieBrowser().get(url)).response.text()).toBe('ready');
    const second = await new CookieBrowser().get(url);
    expect(second.response.status).toBe(400);
    expect(await second.response.text()).toContain('launch is unknown');
  });
});
