import type { Resource as MedplumResource, ResourceType } from '@medplum/fhirtypes';
import type { Condition, Resource } from 'fhir/r4.js';
import type { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';
import { dvaSecurityLabels, isNotForPatient, SNOMED } from '../../../src/shared/index.ts';

/** Every type the seed or the recording app writes about a patient. */
const PATIENT_TYPES: readonly ResourceType[] = [
  'Patient',
  'RelatedPerson',
  'Encounter',
  'Condition',
  'Observation',
  'Procedure',
  'ServiceRequest',
  'Flag',
  'MedicationRequest',
  'MedicationStatement',
  'Appointment',
  'DocumentReference',
  'Consent',
  'Provenance',
  'RiskAssessment',
  'CarePlan',
];

/** Tags the test's DVA-coded records that lost their labels in transfer (terminology.md R12). */
const UNLABELLED_DVA_MARK = 'portal-test-unlabelled';

function mentions(resource: Resource, patientId: string): boolean {
  const json = JSON.stringify(resource);
  return resource.id === patientId || json.includes(`"reference":"Patient/${patientId}"`);
}

/** Everything in the repository that is about the patient (read directly, not through the access layer). */
export async function patientResources(repo: SandboxRepository, patientId: string): Promise<Resource[]> {
  const all = await Promise.all(
    PATIENT_TYPES.map((resourceType) => repo.searchResources({ resourceType, count: 10_000 })),
  );
  return all
    .flat()
    .map((r) => r as unknown as Resource)
    .filter((r) => mentions(r, patientId));
}

/** True for what no patient-facing page may show: NOPAT, or the test's DVA-coded records whose labels were lost. */
export function isUnshowable(resource: Resource): boolean {
  return (
    isNotForPatient(resource) || resource.meta?.tag?.some((t) => t.code === UNLABELLED_DVA_MARK) === true
  );
}

function collectStrings(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'meta') continue;
    if (['code', 'display', 'text', 'id', 'valueString'].includes(key) && typeof child === 'string')
      out.add(child);
    else collectStrings(child, out);
  }
}

/**
 * Ids, codes, displays and texts that only the unshowable records carry: whatever also appears in the patient's
 * showable records (the same diagnosis coded on an ordinary visit, the service of a visit) is not a leak.
 */
export function exclusiveStrings(unshowable: readonly Resource[], showable: readonly Resource[]): string[] {
  const secret = new Set<string>();
  for (const r of unshowable) collectStrings(r, secret);
  const ordinary = showable.map((r) => JSON.stringify(r)).join('\n');
  return [...secret].filter((s) => s.length >= 3 && !ordinary.includes(JSON.stringify(s).slice(1, -1)));
}

function labelled<T extends Resource>(resource: T): T {
  return { ...resource, meta: { security: dvaSecurityLabels() } };
}

/**
 * Adds what the seed lacks for a patient: a labelled medication (sexual health, terminology.md R4), a labelled
 * observation with a free-text value, and a DVA-coded condition whose labels were lost in transfer (R12).
 */
export async function addUnshowableRecords(repo: SandboxRepository, patientId: string): Promise<void> {
  const subject = { reference: `Patient/${patientId}` };
  const unlabelled: Condition = {
    resourceType: 'Condition',
    meta: { tag: [{ system: 'https://example.org/test', code: UNLABELLED_DVA_MARK }] },
    subject,
    code: { coding: [{ system: SNOMED, code: '879911000000102', display: 'Victim of domestic abuse' }] },
    recordedDate: '2026-02-03',
  };
  const resources: Resource[] = [
    labelled({
      resourceType: 'MedicationStatement',
      status: 'active',
      subject,
      medicationCodeableConcept: { text: 'Portal test hidden medicine' },
      effectiveDateTime: '2026-02-01',
    }),
    labelled({
      resourceType: 'Observation',
      status: 'final',
      subject,
      code: { text: 'Portal test hidden observation' },
      valueString: 'Portal test hidden value',
      effectiveDateTime: '2026-02-02',
    }),
    unlabelled,
  ];
  for (const resource of resources) await repo.createResource(resource as unknown as MedplumResource);
}

/** Deletes the unshowable records of a patient, as if they had never been made. */
export async function deleteUnshowable(repo: SandboxRepository, patientId: string): Promise<number> {
  const doomed = (await patientResources(repo, patientId)).filter(isUnshowable);
  for (const r of doomed) await repo.deleteResource(r.resourceType, r.id ?? '');
  return doomed.length;
}
