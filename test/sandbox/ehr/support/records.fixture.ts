import type { Resource } from '@medplum/fhirtypes';

export const XSS_NAME = '<script>alert("x")</script>';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const R4_LABELS = [
  { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
  { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SDV' },
];

/** Synthetic records: two patients (one with a hostile name), with problems, an encounter, a medicine, a reading. */
export const SEED: readonly Resource[] = [
  {
    resourceType: 'Patient',
    id: 'persona-samira',
    name: [{ use: 'official', family: 'Sandbox', given: ['Samira'] }],
    birthDate: '1990-06-15',
    gender: 'female',
    identifier: [{ system: NHS, value: '9990000018' }],
    address: [{ postalCode: 'ZZ99 3VZ' }],
  },
  {
    resourceType: 'Patient',
    id: 'hostile',
    name: [{ family: XSS_NAME, given: ['Eve'] }],
    birthDate: '1985-01-31',
    gender: 'female',
  },
  {
    resourceType: 'Condition',
    id: 'c-anxiety',
    subject: { reference: 'Patient/persona-samira' },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '197480006', display: 'Anxiety disorder' }] },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    recordedDate: '2025-11-03',
  },
  {
    resourceType: 'Condition',
    id: 'c-restricted',
    meta: { security: R4_LABELS },
    subject: { reference: 'Patient/persona-samira' },
    code: { text: 'Restricted synthetic entry' },
    recordedDate: '2025-12-01',
  },
  {
    resourceType: 'Encounter',
    id: 'e-old',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    serviceType: {
      coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode', code: '600' }],
    },
    subject: { reference: 'Patient/persona-samira' },
    period: { start: '2025-11-03T09:30:00Z' },
  },
  {
    resourceType: 'MedicationStatement',
    id: 'm-1',
    status: 'active',
    subject: { reference: 'Patient/persona-samira' },
    medicationCodeableConcept: { text: 'Sertraline 50mg tablets' },
    dosage: [{ text: 'One daily' }],
    effectiveDateTime: '2025-11-03',
  },
  {
    resourceType: 'Observation',
    id: 'o-1',
    status: 'final',
    subject: { reference: 'Patient/persona-samira' },
    code: { text: 'Body weight' },
    valueQuantity: { value: 61, unit: 'kg' },
    effectiveDateTime: '2025-11-03',
  },
];
