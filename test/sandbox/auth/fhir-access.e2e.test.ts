import type { AuditEvent, Bundle, FhirResource } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxRole } from '../../../src/sandbox/fhir/index.ts';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { seed } from './helpers/seed.ts';

interface Reply {
  readonly status: number;
  readonly body: FhirResource & { issue?: { details?: { coding?: { code?: string }[] } }[] };
}

describe('FHIR access through the SMART layer (real FHIR service)', () => {
  let sandbox: AuthSandbox;

  beforeAll(async () => {
    sandbox = await startAuthSandbox();
    await seed(sandbox);
  });
  afterAll(() => sandbox.close());

  function token(
    role: SandboxRole,
    scope: string,
    extra: { fhirUser?: string; patient?: string; breakGlassReason?: string } = {},
  ) {
    return sandbox.auth.mintAccessToken({ clientId: 'safe-enquiry-app', role, scope, ...extra });
  }

  async function call(
    bearer: string,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<Reply> {
    const response = await fetch(`${sandbox.fhirBase}/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(init.body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  function ids(reply: Reply): string[] {
    return ((reply.body as Bundle).entry ?? [])
      .map((e) => `${e.resource?.resourceType}/${e.resource?.id}`)
      .sort();
  }

  function reason(reply: Reply): string | undefined {
    return reply.body.issue?.[0]?.details?.coding?.[0]?.code;
  }

  it('never shows the patient NOPAT or restricted records, and refuses their writes', async () => {
    const patient = await token('patient', 'patient/*.rs patient/Observation.c', {
      fhirUser: 'Patient/persona-samira',
      patient: 'persona-samira',
    });
    expect(ids(await call(patient, 'Flag?patient=persona-samira'))).toEqual([]);
    expect(ids(await call(patient, 'Condition?patient=persona-samira'))).toEqual([]);
    expect((await call(patient, 'Flag/flag-samira-nopat')).status).toBe(404);
    expect(ids(await call(patient, 'Observation?patient=persona-samira'))).toEqual([
      'Observation/obs-samira-plain',
    ]);
    expect((await call(patient, 'Observation?patient=persona-tara')).status).toBe(403);
    const write = await call(patient, 'Observation', {
      method: 'POST',
      body: {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: 'Patient/persona-samira' },
      },
    });
    expect([write.status, reason(write)]).toEqual([403, 'read-only-role']);
  });

  it('gives the data lead ordinary records but no restricted ones', async () => {
    const dataLead = await token('data-lead', 'user/*.rs', { fhirUser: 'Practitioner/sandbox-data-lead' });
    expect(ids(await call(dataLead, 'Flag?patient=persona-samira'))).toEqual(['Flag/flag-samira-nopat']);
    expect(ids(await call(dataLead, 'Condition'))).toEqual([]);
    expect((await call(dataLead, 'Condition/cond-samira-dva')).status).toBe(404);
    expect((await call(dataLead, 'AuditEvent')).status).toBe(200);
  });

  it('writes an AuditEvent when a clinician reads a restricted Condition', async () => {
    sandbox.audits.length = 0;
    const gp = await token('gp', 'user/*.rs', { fhirUser: 'Practitioner/sandbox-gp' });
    const read = await call(gp, 'Condition/cond-samira-dva');
    expect(read.status).toBe(200);
    expect(sandbox.audits).toHaveLength(1);
    const event = sandbox.audits[0] as AuditEvent;
    expect(event).toMatchObject({
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }],
      action: 'R',
      outcome: '0',
      agent: [{ who: { reference: 'Practitioner/sandbox-gp' }, requestor: true }],
      entity: [
        { what: { reference: 'Condition/cond-samira-dva' } },
        { what: { reference: 'Patient/persona-samira' } },
      ],
      purposeOfEvent: [{ coding: [{ code: 'TREAT' }] }],
    });
    expect(event.meta?.security?.[0]?.code).toBe('R');
    const lead = await token('safeguarding-lead', 'user/*.rs', {
      fhirUser: 'Practitioner/sandbox-safeguarding-lead',
    });
    const trail = await call(lead, 'AuditEvent?patient=Patient/persona-samira');
    expect(ids(trail)).toHaveLength(1);
    expect(sandbox.audits).toHaveLength(1);
  });

  it('records break-glass access as ETREAT with the reason', async () => {
    sandbox.audits.length = 0;
    const gp = await token('gp', 'user/*.rs', {
      fhirUser: 'Practitioner/sandbox-gp',
      breakGlassReason: 'Urgent synthetic test',
    });
    expect(ids(await call(gp, 'Flag?patient=persona-samira'))).toEqual([
      'Flag/flag-samira-nopat',
      'Flag/flag-samira-restricted',
    ]);
    expect(sandbox.audits).toHaveLength(1);
    expect(sandbox.audits[0]?.subtype?.[0]?.code).toBe('search-type');
    expect(sandbox.audits[0]?.purposeOfEvent?.[0]).toEqual({
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }],
      text: 'Urgent synthetic test',
    });
  });

  it('checks every entry of a batch and a transaction against the scopes', async () => {
    const gp = await token('gp', 'user/Observation.cruds', { fhirUser: 'Practitioner/sandbox-gp' });
    const batch = await call(gp, '', {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: 'Observation' } },
          { request: { method: 'GET', url: 'Condition' } },
        ],
      },
    });
    expect([batch.status, reason(batch)]).toEqual([403, 'insufficient-scope']);
    const transaction = await call(gp, '', {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            request: { method: 'POST', url: 'Condition' },
            resource: { resourceType: 'Condition', subject: { reference: 'Patient/persona-samira' } },
          },
        ],
      },
    });
    expect(transaction.status).toBe(403);
  });

  it('checks _include and _revinclude types against the scopes', async () => {
    const app = await token('gp', 'patient/Patient.rs patient/Observation.rs', {
      fhirUser: 'Practitioner/sandbox-gp',
      patient: 'persona-samira',
    });
    expect((await call(app, 'Patient?_id=persona-samira&_revinclude=Flag:patient')).status).toBe(403);
    const included = await call(app, 'Observation?patient=persona-samira&_include=Observation:patient');
    expect(ids(included)).toEqual(['Observation/obs-samira-plain', 'Patient/persona-samira']);
    expect(
      (await call(app, 'Observation?patient=persona-samira&_include=Observation:performer:Practitioner'))
        .status,
    ).toBe(403);
  });

  it('issues client_credentials tokens to the confidential service client', async () => {
    const service = sandbox.auth.clients.find((c) => c.clientId === 'safe-enquiry-service');
    const basic = Buffer.from(`safe-enquiry-service:${service?.clientSecret ?? ''}`).toString('base64');
    const response = await fetch(`${sandbox.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/Condition.rs user/*.rs' }),
    });
    const body = (await response.json()) as { access_token: string; scope: string };
    expect(response.status).toBe(200);
    expect(body.scope).toBe('system/Condition.rs');
    expect(ids(await call(body.access_token, 'Condition?patient=persona-samira'))).toEqual([
      'Condition/cond-samira-dva',
    ]);
    expect((await call(body.access_token, 'Observation')).status).toBe(403);
  });
});
