import type { Bundle, Patient, Resource } from 'fhir/r4.js';
import { CODES, condition, PATIENT_ID, patient } from './fhir-builders.ts';

export function searchset(resources: readonly Resource[], extra: Partial<Bundle> = {}): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
    ...extra,
  };
}

/** Every key of the discovery document, filled from a list of resources (by type). */
export function fullPrefetch(
  resources: readonly Resource[],
  subject: Patient | null = patient('1990-04-02'),
) {
  const ofType = (type: string) => resources.filter((r) => r.resourceType === type);
  return {
    patient: subject,
    encounters: searchset(ofType('Encounter')),
    conditions: searchset(ofType('Condition')),
    procedures: searchset(ofType('Procedure')),
    observations: searchset(ofType('Observation')),
    flags: searchset(ofType('Flag')),
  };
}

/** Two self-harm episodes months apart: the repeat self-harm rule fires. */
export function repeatSelfHarm(): Resource[] {
  return [
    condition(CODES.selfInflictedInjury, '2026-01-05'),
    condition(CODES.intentionalSelfPoisoning, '2026-04-01'),
  ];
}

export { PATIENT_ID };
