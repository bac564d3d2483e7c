import { describe, expect, it } from 'vitest';
import { buildMeasureLookup, measureBit, normalMask, notDoneMask } from '../../src/extract/measure-lookup.ts';
import { MEASURE_IDS } from '../../src/extract/measures.ts';
import type { MeasureTerminology } from '../../src/extract/terminology.port.ts';
import { terminology } from '../../src/terminology/index.ts';
import { ICD10, SNOMED } from './helpers/fhir-builders.ts';

describe('measure lookup built from the terminology ValueSets', () => {
  it('matches every concept of every measure ValueSet to that measure', () => {
    const lookup = buildMeasureLookup(terminology);
    for (const id of MEASURE_IDS) {
      const concepts = terminology.concepts(id);
      expect(concepts.length, id).toBeGreaterThan(0);
      for (const concept of concepts) {
        const packed = lookup.match(concept.system, concept.code);
        expect((normalMask(packed) | notDoneMask(packed)) & measureBit(id), `${id} ${concept.code}`).not.toBe(
          0,
        );
      }
    }
  });

  it('holds no codes of its own: a different terminology gives different matches and fingerprint', () => {
    const fake: MeasureTerminology = {
      concepts: (id) => (id === 'disclosure' ? [{ system: SNOMED, code: '38341003' }] : []),
      careSetting: () => undefined,
    };
    const lookup = buildMeasureLookup(fake);
    expect(normalMask(lookup.match(SNOMED, '38341003'))).toBe(measureBit('disclosure'));
    expect(lookup.match(SNOMED, '879911000000102')).toBe(0);
    expect(lookup.fingerprint).not.toBe(buildMeasureLookup(terminology).fingerprint);
  });

  it('a code in both enquiry-asked and enquiry-not-made counts as asked, or as not made when not done', () => {
    const packed = buildMeasureLookup(terminology).match(SNOMED, '700410005');
    expect(normalMask(packed)).toBe(measureBit('enquiry-asked'));
    expect(notDoneMask(packed)).toBe(measureBit('enquiry-not-made'));
  });

  it.each(['X60', 'x60', 'X60.2', 'X602', 'X84.91'])('ICD-10 %s is self-harm', (code) => {
    expect(normalMask(buildMeasureLookup(terminology).match(ICD10, code))).toBe(measureBit('self-harm'));
  });
});
