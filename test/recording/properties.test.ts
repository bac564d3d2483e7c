import fc from 'fast-check';
import type { Bundle, FhirResource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { type DvaForm, mapFormToBundle, parseDvaForm, readDvaSummary } from '../../src/recording/index.ts';
import {
  emptyValues,
  labelProblems,
  recordOf,
  resourcesOf,
  unknownCodings,
  unresolvedReferences,
} from './bundle.invariants.ts';
import { validateR4 } from './fhir-validation.helper.ts';
import { PATIENT_ID, validFormArb } from './form.arbitrary.ts';
import { contextFor } from './forms.fixture.ts';
import { expectSummaryMatchesForm } from './summary.expect.ts';

const RUNS = { numRuns: 150 };
const context = contextFor(PATIENT_ID);
const map = (form: DvaForm): Bundle<FhirResource> => mapFormToBundle(form, context);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function given(form: DvaForm): string[] {
  return [
    `Patient/${PATIENT_ID}`,
    ...(form.disclosure?.children?.linkedPatientIds ?? []).map((id) => `Patient/${id}`),
    ...(form.suspectedPerpetration ? [`Patient/${form.suspectedPerpetration.patientId}`] : []),
    context.authorRef,
    context.appDevice ?? '',
    `Encounter/${context.encounterId}`,
  ];
}

describe('recording properties (fast-check)', () => {
  it('generates only forms the parser accepts', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        expect(parseDvaForm(form, { patientId: PATIENT_ID })).toEqual(form);
      }),
      RUNS,
    );
  });

  it('labels every emitted resource R or V, SDV and NOPAT', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        expect(resourcesOf(map(form)).flatMap(labelProblems)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('resolves every reference inside the Bundle or to a given id', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        expect(unresolvedReferences(map(form), given(form))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('maps the same input to the same output, whatever the object identity', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        expect(map(structuredClone(form))).toEqual(map(form));
      }),
      RUNS,
    );
  });

  it('emits no empty strings, arrays, objects or nulls, and only terminology/ codes', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        const bundle = map(form);
        expect(emptyValues(bundle)).toEqual([]);
        expect(resourcesOf(bundle).flatMap(unknownCodings)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('gives every resource a unique UUID id and PUTs it there', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        const entries = map(form).entry ?? [];
        const ids = entries.map((e) => e.resource?.id ?? '');
        expect(new Set(ids).size).toBe(ids.length);
        for (const e of entries) {
          expect(e.resource?.id).toMatch(UUID);
          expect(e.request?.url).toBe(`${e.resource?.resourceType}/${e.resource?.id}`);
        }
      }),
      RUNS,
    );
  });

  it('emits only resources valid against the base R4 StructureDefinitions', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        for (const resource of resourcesOf(map(form))) expect(validateR4(resource)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('never puts anything about a third party’s suspected perpetration on the patient’s record', () => {
    fc.assert(
      fc.property(
        validFormArb.filter((f) => f.suspectedPerpetration?.source === 'third-party'),
        (form) => {
          const resources = resourcesOf(map(form));
          const perpetrator = `Patient/${form.suspectedPerpetration?.patientId}`;
          const victimSide = resources.filter((r) => JSON.stringify(r).includes(`"Patient/${PATIENT_ID}"`));
          const perpetratorSide = resources.filter((r) => JSON.stringify(r).includes(`"${perpetrator}"`));
          expect(JSON.stringify(victimSide)).not.toContain(perpetrator);
          expect(JSON.stringify(perpetratorSide)).not.toMatch(
            /"Patient\/prop-patient"|Encounter\/|submission-/,
          );
          expect(perpetratorSide.every((r) => r.meta?.security?.[0]?.code === 'V')).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('reads back, from the patient’s own resources, a summary that matches the form', () => {
    fc.assert(
      fc.property(validFormArb, (form) => {
        const own = resourcesOf(map(form)).filter(
          (r) =>
            recordOf(r) === `Patient/${PATIENT_ID}` ||
            (r.resourceType === 'Provenance' && JSON.stringify(r).includes(`"Patient/${PATIENT_ID}"`)),
        );
        expectSummaryMatchesForm(readDvaSummary(own), form, PATIENT_ID);
      }),
      RUNS,
    );
  });
});
