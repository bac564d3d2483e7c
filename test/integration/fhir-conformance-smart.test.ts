import type { AuditEvent, Bundle, Condition, Resource } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MintAccessTokenGrant } from '../../src/sandbox/auth/index.ts';
import { ACT_CODE_SYSTEM, CONFIDENTIALITY_SYSTEM, isNotForPatient } from '../../src/shared/index.ts';
import { type ConformanceTarget, describeFhirConformance } from '../conformance/fhir-conformance.ts';
import { fetchJson } from './helpers/cds-client.ts';
import { type RunningSandbox, startSandbox } from './helpers/sandbox.ts';

/** The protocol-only FHIR conformance suite through SMART, and the label policy on seeded restricted data. */

let s: RunningSandbox;
let target: ConformanceTarget = { base: '' };

const SERVICE = 'safe-enquiry-service';
const SAMIRA = 'persona-samira';

beforeAll(async () => {
  s = await startSandbox();
  const token = await s.token({
    clientId: SERVICE,
    role: 'system',
    scope: 'system/*.cruds',
    ttlSeconds: 3600,
  });
  target = { base: s.fhirBase, token };
});

afterAll(async () => {
  await s?.stop();
});

describeFhirConformance(() => target);

const CLINICIAN = (
  role: 'gp' | 'mh-clinician' | 'safeguarding-lead' | 'data-lead',
  id: string,
): MintAccessTokenGrant => ({
  clientId: 'safe-enquiry-app',
  role,
  scope: 'user/*.rs',
  fhirUser: `Practitioner/${id}`,
});

const READERS = [
  CLINICIAN('gp', 'sandbox-gp'),
  CLINICIAN('mh-clinician', 'sandbox-mh-clinician'),
  CLINICIAN('safeguarding-lead', 'sandbox-safeguarding-lead'),
];
const DATA_LEAD = CLINICIAN('data-lead', 'sandbox-data-lead');
const PATIENT: MintAccessTokenGrant = {
  clientId: 'safe-enquiry-app',
  role: 'patient',
  scope: 'patient/*.rs',
  fhirUser: `Patient/${SAMIRA}`,
  patient: SAMIRA,
};

const NOPAT = `${ACT_CODE_SYSTEM}|NOPAT`;
/** Types the seed labels and the patient may search in her compartment. */
const CLINICAL_TYPES = [
  'Condition',
  'Observation',
  'Procedure',
  'Flag',
  'Encounter',
  'ServiceRequest',
] as const;

async function get<T>(grant: MintAccessTokenGrant, path: string) {
  const token = await s.token(grant);
  return fetchJson<T>(`${s.fhirBase}/${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
  });
}

function ids(bundle: Bundle | undefined): string[] {
  return (bundle?.entry ?? []).flatMap((e) =>
    e.resource ? [`${e.resource.resourceType}/${e.resource.id ?? ''}`] : [],
  );
}

function hasLabel(resource: Resource, system: string, code: string): boolean {
  return (resource.meta?.security ?? []).some((c) => c.system === system && c.code === code);
}

const SYSTEM: MintAccessTokenGrant = { clientId: SERVICE, role: 'system', scope: 'system/*.rs' };

/** A seeded Condition carrying NOPAT, R and SDV, found with a system token. */
async function restrictedCondition(): Promise<Condition> {
  const reply = await get<Bundle<Condition>>(
    SYSTEM,
    `Condition?_security=${encodeURIComponent(NOPAT)}&_count=200`,
  );
  const found = (reply.body?.entry ?? [])
    .map((e) => e.resource)
    .find(
      (r): r is Condition =>
        r !== undefined &&
        hasLabel(r, ACT_CODE_SYSTEM, 'NOPAT') &&
        hasLabel(r, CONFIDENTIALITY_SYSTEM, 'R') &&
        hasLabel(r, ACT_CODE_SYSTEM, 'SDV'),
    );
  if (!found?.id) throw new Error('the seed has no Condition labelled NOPAT + R + SDV');
  return found;
}

async function auditEventsFor(entity: string, who: string): Promise<AuditEvent[]> {
  const reply = await get<Bundle<AuditEvent>>(
    SYSTEM,
    `AuditEvent?entity=${encodeURIComponent(entity)}&_count=1000`,
  );
  expect(reply.status).toBe(200);
  return (reply.body?.entry ?? [])
    .map((e) => e.resource)
    .filter((a): a is AuditEvent => a?.agent.some((g) => g.who?.reference === who) === true);
}

/** AuditEvents may be written just after the response: poll for up to 2 s. */
async function waitForMoreAuditEvents(entity: string, who: string, count: number): Promise<AuditEvent[]> {
  let events = await auditEventsFor(entity, who);
  for (let attempt = 0; attempt < 20 && events.length <= count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    events = await auditEventsFor(entity, who);
  }
  return events;
}

/** Samira's resources labelled NOPAT, as a system token sees them. */
async function samiraNopatRefs(): Promise<string[]> {
  const refs: string[] = [];
  for (const type of CLINICAL_TYPES) {
    const all = await get<Bundle>(SYSTEM, `${type}?patient=${SAMIRA}&_count=1000`);
    for (const entry of all.body?.entry ?? []) {
      if (entry.resource && isNotForPatient(entry.resource)) refs.push(`${type}/${entry.resource.id ?? ''}`);
    }
  }
  return refs;
}

describe('role matrix on seeded restricted data', () => {
  it('lets the GP, the mental-health clinician and the safeguarding lead read a NOPAT + R + SDV Condition', async () => {
    const condition = await restrictedCondition();
    for (const grant of READERS) {
      const read = await get<Condition>(grant, `Condition/${condition.id}`);
      expect(read.status, grant.role).toBe(200);
      expect(read.body?.id).toBe(condition.id);
    }
  });

  it('hides it from the data lead: 404 on read, absent from searches', async () => {
    const condition = await restrictedCondition();
    const ref = `Condition/${condition.id}`;
    expect((await get(DATA_LEAD, ref)).status).toBe(404);
    const patient = condition.subject.reference ?? '';
    const byPatient = await get<Bundle>(
      DATA_LEAD,
      `Condition?subject=${encodeURIComponent(patient)}&_count=500`,
    );
    expect(byPatient.status).toBe(200);
    expect(ids(byPatient.body)).not.toContain(ref);
    const byLabel = await get<Bundle>(
      DATA_LEAD,
      `Condition?_security=${encodeURIComponent(NOPAT)}&_count=500`,
    );
    expect(byLabel.status).toBe(200);
    expect(ids(byLabel.body)).toEqual([]);
    expect(byLabel.body?.total ?? 0).toBe(0);
    expect((await get(DATA_LEAD, patient)).status, 'the data lead still reads unrestricted records').toBe(
      200,
    );
  });

  it('never shows the patient her own NOPAT resources, by search or by read', async () => {
    const hidden = await samiraNopatRefs();
    const visible: string[] = [];
    for (const type of CLINICAL_TYPES) {
      const own = await get<Bundle>(PATIENT, `${type}?patient=${SAMIRA}&_count=1000`);
      expect(own.status, type).toBe(200);
      visible.push(...ids(own.body));
    }
    expect(hidden.length).toBeGreaterThan(0);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.filter((ref) => hidden.includes(ref))).toEqual([]);
    for (const ref of hidden) expect((await get(PATIENT, ref)).status, ref).toBe(404);
    expect((await get(PATIENT, `Patient/${SAMIRA}`)).status).toBe(200);
  });

  it('never shows them to her through _revinclude, nor counts them in _summary=count', async () => {
    const hidden = await samiraNopatRefs();
    const revinclude = CLINICAL_TYPES.filter((t) => t !== 'Encounter').map((t) => `_revinclude=${t}:patient`);
    const included = await get<Bundle>(PATIENT, `Patient?_id=${SAMIRA}&${revinclude.join('&')}`);
    expect(included.status).toBe(200);
    expect(ids(included.body)).toContain(`Patient/${SAMIRA}`);
    expect(ids(included.body).filter((ref) => hidden.includes(ref))).toEqual([]);
    const counted = await get<Bundle>(PATIENT, `Condition?patient=${SAMIRA}&_summary=count`);
    const listed = await get<Bundle>(PATIENT, `Condition?patient=${SAMIRA}&_count=1000`);
    expect(counted.body?.total, 'a count must not reveal hidden records').toBe(ids(listed.body).length);
  });

  it('writes an AuditEvent when a clinician reads a restricted record', async () => {
    const condition = await restrictedCondition();
    const ref = `Condition/${condition.id}`;
    const gp = CLINICIAN('gp', 'sandbox-gp');
    const before = await auditEventsFor(ref, gp.fhirUser ?? '');
    expect((await get(gp, ref)).status).toBe(200);
    const after = await waitForMoreAuditEvents(ref, gp.fhirUser ?? '', before.length);
    const event = after.find((a) => !before.some((b) => b.id === a.id));
    expect(event?.action).toBe('R');
    expect(event?.subtype?.map((c) => c.code)).toContain('read');
    expect(event?.entity?.map((e) => e.what?.reference)).toEqual(
      expect.arrayContaining([ref, condition.subject.reference]),
    );
  });
});
