import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import type { FhirResource } from 'fhir/r4.js';
import { dvaSecurityLabels, LABEL_NOPAT, LABEL_RESTRICTED } from '../../../../src/shared/index.ts';
import type { AuthSandbox } from './auth-sandbox.ts';

/** Synthetic records: two patients, an ordinary Observation each, and labelled records for Samira. */
export const SEED: readonly FhirResource[] = [
  { resourceType: 'Patient', id: 'persona-samira', name: [{ family: 'Synthetic', given: ['Samira'] }] },
  { resourceType: 'Patient', id: 'persona-tara', name: [{ family: 'Synthetic', given: ['Tara'] }] },
  {
    resourceType: 'Encounter',
    id: 'enc-samira-1',
    status: 'finished',
    class: { code: 'AMB' },
    subject: { reference: 'Patient/persona-samira' },
  },
  {
    resourceType: 'Observation',
    id: 'obs-samira-plain',
    status: 'final',
    code: { text: 'Blood pressure (synthetic)' },
    subject: { reference: 'Patient/persona-samira' },
  },
  {
    resourceType: 'Observation',
    id: 'obs-tara-plain',
    status: 'final',
    code: { text: 'Blood pressure (synthetic)' },
    subject: { reference: 'Patient/persona-tara' },
  },
  {
    resourceType: 'Condition',
    id: 'cond-samira-dva',
    meta: { security: dvaSecurityLabels() },
    subject: { reference: 'Patient/persona-samira' },
    code: { text: 'Synthetic restricted condition' },
  },
  {
    resourceType: 'Flag',
    id: 'flag-samira-nopat',
    meta: { security: [{ ...LABEL_NOPAT }] },
    status: 'active',
    code: { text: 'Not for online access (synthetic)' },
    subject: { reference: 'Patient/persona-samira' },
  },
  {
    resourceType: 'Flag',
    id: 'flag-samira-restricted',
    meta: { security: [{ ...LABEL_RESTRICTED }] },
    status: 'active',
    code: { text: 'Restricted flag (synthetic)' },
    subject: { reference: 'Patient/persona-samira' },
  },
];

/** Writes the seed straight into the repository (no access checks). */
export async function seed(sandbox: AuthSandbox): Promise<void> {
  for (const resource of SEED) await sandbox.fhir.repo.updateResource(resource as unknown as MedplumResource);
}
