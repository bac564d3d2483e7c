/** The benchmark's synthetic patient: ~600 resources (~190 kB of prefetch), two of them self-harm Conditions. */
import { randomUUID } from 'node:crypto';
import type { FhirResource } from 'fhir/r4.js';

export const ISS = 'https://bench.invalid/ehr';
export const BASE = 'https://bench.invalid';
export const PATIENT = 'bench-patient';
export const SERVICE_PATH = '/cds-services/safe-enquiry-patient-view';
/** The service's clock, fixed so that the fixture's dates stay inside the rules' windows. */
export const NOW = new Date('2026-06-10T09:00:00Z');

const subject = { reference: `Patient/${PATIENT}` };
const amb = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' };
/** Filler codes use an obviously fake system, so that only the two self-harm codes classify. */
const code = (i: number) => ({
  coding: [{ system: 'urn:bench:filler', code: `filler-${i % 97}`, display: `Filler ${i % 97}` }],
});
const day = (i: number) =>
  `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00Z`;
const times = (n: number, make: (i: number) => FhirResource) => Array.from({ length: n }, (_, i) => make(i));
const kg = (i: number) => ({
  value: 60 + (i % 40),
  unit: 'kg',
  system: 'http://unitsofmeasure.org',
  code: 'kg',
});

function selfHarm(id: string, date: string, sct: string): FhirResource {
  return {
    resourceType: 'Condition',
    id,
    subject,
    code: { coding: [{ system: 'http://snomed.info/sct', code: sct }] },
    onsetDateTime: date,
  };
}

function encounters(): FhirResource[] {
  return times(110, (i) => ({
    resourceType: 'Encounter',
    id: `e${i}`,
    status: 'finished',
    class: amb,
    subject,
    period: { start: day(i) },
    type: [code(i)],
  }));
}

function codedEntries(): FhirResource[] {
  return [
    ...times(150, (i) => ({
      resourceType: 'Condition',
      id: `c${i}`,
      subject,
      code: code(i + 1),
      onsetDateTime: day(i),
    })),
    ...times(80, (i) => ({
      resourceType: 'Procedure',
      id: `p${i}`,
      status: 'completed',
      subject,
      code: code(i + 2),
      performedDateTime: day(i),
    })),
    ...times(230, (i) => ({
      resourceType: 'Observation',
      id: `o${i}`,
      status: 'final',
      subject,
      code: code(i + 3),
      effectiveDateTime: day(i),
      valueQuantity: kg(i),
    })),
    ...times(28, (i) => ({
      resourceType: 'Flag',
      id: `f${i}`,
      status: 'active',
      subject,
      code: code(i + 4),
      period: { start: day(i) },
    })),
  ];
}

/** The Patient first, then 601 entries of five types; a prompt card fires for this record. */
export function buildResources(): FhirResource[] {
  return [
    { resourceType: 'Patient', id: PATIENT, birthDate: '1988-02-03', gender: 'female' },
    ...encounters(),
    ...codedEntries(),
    selfHarm('sh-1', '2026-01-05', '276853009'),
    selfHarm('sh-2', '2026-04-01', '271982007'),
  ];
}

function searchset(resources: readonly FhirResource[], type: string) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources
      .filter((r) => r.resourceType === type)
      .map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}

/** A patient-view request: with every prefetch key filled, or (given `fhirServer`) none, so the service calls back. */
export function requestBody(resources: readonly FhirResource[], fhirServer?: string): string {
  const base = {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/bench-gp', patientId: PATIENT },
  };
  if (fhirServer) {
    const fhirAuthorization = {
      access_token: 'bench',
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.rs',
      subject: 'bench',
      patient: PATIENT,
    };
    return JSON.stringify({ ...base, fhirServer, fhirAuthorization });
  }
  const types = ['Encounter', 'Condition', 'Procedure', 'Observation', 'Flag'];
  const prefetch = {
    patient: resources[0],
    ...Object.fromEntries(types.map((t) => [`${t.toLowerCase()}s`, searchset(resources, t)])),
  };
  return JSON.stringify({ ...base, prefetch });
}
