import fs from 'node:fs';
import path from 'node:path';
import type { Coding, ElementDefinition, FhirResource, StructureDefinition, ValueSet } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { mapFormToBundle, UK_CORE_PROFILES } from '../../src/recording/index.ts';
import { resourcesOf } from './bundle.invariants.ts';
import { contextFor, GOLDEN_CASES } from './forms.fixture.ts';

/**
 * Conformance to the UK Core R4 2.0.0 profiles (shared/fhir/uk-core-2.0.0, differentials only). The profiles we
 * declare constrain little beyond base R4 (checked in golden.test.ts): this test applies what their differentials
 * say — cardinalities and required/extensible bindings of top-level elements — to every golden resource. Slices
 * (extension slices, the genomics ServiceRequest.category slice) do not apply: we send no such extension or system.
 */

const UK_CORE_DIR = path.resolve(import.meta.dirname, '../../../shared/fhir/uk-core-2.0.0');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

function profileFor(url: string): StructureDefinition {
  const file = path.join(UK_CORE_DIR, 'structuredefinitions', `${url.split('/').pop()}.json`);
  return readJson<StructureDefinition>(file);
}

function valueSetContains(url: string, coding: Coding): boolean {
  const vs = readJson<ValueSet>(path.join(UK_CORE_DIR, 'valuesets', `ValueSet-${url.split('/').pop()}.json`));
  return (vs.compose?.include ?? []).some(
    (inc) =>
      inc.system === coding.system && (!inc.concept || inc.concept.some((c) => c.code === coding.code)),
  );
}

function valuesAt(resource: FhirResource, element: ElementDefinition): unknown[] {
  const name = element.path.split('.')[1] ?? '';
  const value: unknown = (resource as unknown as Record<string, unknown>)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function problems(resource: FhirResource, profile: StructureDefinition): string[] {
  const found: string[] = [];
  for (const element of profile.differential?.element ?? []) {
    if (element.id?.includes(':') || element.path.split('.').length !== 2) continue;
    const values = valuesAt(resource, element);
    if ((element.min ?? 0) > values.length) found.push(`${element.path}: min ${element.min}`);
    if (element.max === '0' && values.length > 0) found.push(`${element.path}: not allowed`);
    const binding = element.binding;
    if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible'))
      continue;
    for (const value of values) {
      const codings = (value as { coding?: Coding[] }).coding ?? [];
      if (!codings.some((c) => valueSetContains(binding.valueSet ?? '', c))) {
        found.push(`${element.path}: not in ${binding.valueSet}`);
      }
    }
  }
  return found;
}

describe('UK Core profiles', () => {
  it.each(Object.entries(UK_CORE_PROFILES))(
    '%s → %s is a UK Core 2.0.0 profile of that type',
    (type, url) => {
      const profile = profileFor(url);
      expect(profile.url).toBe(url);
      expect(profile.type).toBe(type);
      expect(profile.fhirVersion).toBe('4.0.1');
    },
  );

  it.each(GOLDEN_CASES)('$name: every resource meets its UK Core differential', ({ form, patientId }) => {
    for (const resource of resourcesOf(mapFormToBundle(form, contextFor(patientId)))) {
      const url = resource.meta?.profile?.[0];
      if (!url) {
        expect(resource.resourceType).toBe('RiskAssessment');
        continue;
      }
      expect(problems(resource, profileFor(url)), `${resource.resourceType}/${resource.id}`).toEqual([]);
    }
  });
});
