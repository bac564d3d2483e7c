import { getStatus, isOk } from '@medplum/core';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle } from 'fhir/r4.js';
import { OperationOutcomeError } from '../../shared/index.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

let sharedRouter: FhirRouter | undefined;

/**
 * Applies a `transaction` (atomic: all or nothing) or `batch` Bundle to the repository in process, exactly as
 * `POST [base]` would, including urn:uuid reference rewriting and conditional creates (keep a Bundle with a
 * conditional entry to 8 entries or fewer: a Medplum limit). For seeding. Throws the shared OperationOutcomeError
 * with the failing status when the Bundle is rejected.
 */
export async function applyTransaction(repo: SandboxRepository, bundle: Bundle): Promise<Bundle> {
  sharedRouter ??= new FhirRouter();
  const router = sharedRouter;
  const [outcome, result] = await repo.exclusive(() =>
    router.handleRequest(
      {
        method: 'POST',
        url: '',
        pathname: '',
        params: {},
        query: {},
        body: structuredClone(bundle),
        config: { transactions: true },
      },
      repo,
    ),
  );
  if (!isOk(outcome) || result?.resourceType !== 'Bundle') {
    throw new OperationOutcomeError(
      getStatus(outcome),
      outcome as unknown as OperationOutcomeError['outcome'],
    );
  }
  return result as unknown as Bundle;
}
