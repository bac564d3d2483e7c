import type { Bundle, Observation, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { applyTransaction, SandboxRepository } from '../../../src/sandbox/fhir/index.ts';
import { OperationOutcomeError } from '../../../src/shared/index.ts';

const PATIENT_URN = 'urn:uuid:6f1c2c7e-2f4b-4b8e-9a51-3f0f2f9d1a10';

const patient: Patient = { resourceType: 'Patient', id: 'persona-test', name: [{ family: 'Seeded' }] };

function seedBundle(observation: Observation): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: PATIENT_URN,
        resource: patient,
        request: { method: 'PUT', url: 'Patient/persona-test' },
      },
      { resource: observation, request: { method: 'POST', url: 'Observation' } },
    ],
  };
}

const observation: Observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'seeded' },
  subject: { reference: PATIENT_URN },
};

describe('applyTransaction', () => {
  it('applies an R4 transaction in process, keeping client ids and rewriting urn:uuid references', async () => {
    const repo = await SandboxRepository.open();
    const response = await applyTransaction(repo, seedBundle(observation));
    expect(response.type).toBe('transaction-response');
    const observations = await repo.searchResources({ resourceType: 'Observation' });
    expect((observations[0] as Observation | undefined)?.subject?.reference).toBe('Patient/persona-test');
  });

  it('throws the shared OperationOutcomeError and keeps nothing when an entry is invalid', async () => {
    const repo = await SandboxRepository.open();
    const invalid = { ...observation, status: undefined } as unknown as Observation;
    const error = await applyTransaction(repo, seedBundle(invalid)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperationOutcomeError);
    expect((error as OperationOutcomeError).status).toBe(400);
    expect(await repo.searchResources({ resourceType: 'Patient' })).toEqual([]);
  });
});
