import fs from 'node:fs';
import path from 'node:path';
import type { Bundle, FhirResource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { mapFormToBundle, UK_CORE_PROFILES } from '../../src/recording/index.ts';
import {
  byRecord,
  emptyValues,
  labelProblems,
  resourcesOf,
  unknownCodings,
  unresolvedReferences,
} from './bundle.invariants.ts';
import { validateR4 } from './fhir-validation.helper.ts';
import { contextFor, GOLDEN_CASES } from './forms.fixture.ts';

/** Golden Bundles; regenerate with `UPDATE_GOLDEN=1 npx vitest run test/recording/golden.test.ts` and review the diff. */
const GOLDEN_DIR = path.join(import.meta.dirname, 'golden');

function givenReferences(patientId: string, bundle: Bundle<FhirResource>): string[] {
  const context = contextFor(patientId);
  const patients = resourcesOf(bundle).flatMap((r) => {
    const subject = 'subject' in r ? r.subject : undefined;
    return subject && typeof subject === 'object' && 'reference' in subject
      ? [String(subject.reference)]
      : [];
  });
  return [
    `Patient/${patientId}`,
    ...patients.filter((p) => p.startsWith('Patient/')),
    context.authorRef,
    context.appDevice ?? '',
    `Encounter/${context.encounterId}`,
  ];
}

describe.each(GOLDEN_CASES)('golden Bundle: $name', ({ name, form, patientId }) => {
  const bundle = mapFormToBundle(form, contextFor(patientId));
  const resources = resourcesOf(bundle);

  it('matches the golden file', () => {
    const file = path.join(GOLDEN_DIR, `${name}.bundle.json`);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
    expect(bundle).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
  });

  it('is a transaction of PUTs to the resources’ own ids, each id unique', () => {
    expect(bundle.type).toBe('transaction');
    for (const entry of bundle.entry ?? []) {
      expect(entry.request).toEqual({
        method: 'PUT',
        url: `${entry.resource?.resourceType}/${entry.resource?.id}`,
      });
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
    }
    const ids = resources.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('labels every resource, Provenance included', () => {
    expect(resources.flatMap(labelProblems)).toEqual([]);
    expect(resources.some((r) => r.resourceType === 'Provenance')).toBe(true);
  });

  it('resolves every reference, leaves nothing empty and uses only terminology/ codes', () => {
    expect(unresolvedReferences(bundle, givenReferences(patientId, bundle))).toEqual([]);
    expect(emptyValues(bundle)).toEqual([]);
    expect(resources.flatMap(unknownCodings)).toEqual([]);
  });

  it('validates against the base R4 StructureDefinitions and declares UK Core profiles', () => {
    for (const resource of resources) {
      expect(validateR4(resource), `${resource.resourceType}/${resource.id}`).toEqual([]);
      const profile = UK_CORE_PROFILES[resource.resourceType];
      expect(resource.meta?.profile).toEqual(profile ? [profile] : undefined);
    }
  });

  it('gives each record its own Provenance, naming the author and the app', () => {
    for (const [record, group] of byRecord(bundle)) {
      expect(record, 'a Provenance spans two records').not.toContain(' + ');
      const provenances = group.filter((r) => r.resourceType === 'Provenance');
      expect(provenances.length, record).toBe(1);
      const agents = provenances.flatMap((p) => (p.resourceType === 'Provenance' ? p.agent : []));
      expect(agents.map((a) => a.who.reference)).toEqual([
        'Practitioner/sandbox-gp',
        'Device/safe-enquiry-app',
      ]);
    }
  });
});
