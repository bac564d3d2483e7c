import { describe, expect, it } from 'vitest';
import type { DvaForm } from '../../src/recording/index.ts';
import { terminology } from '../../src/terminology/index.ts';
import { codes, DISCLOSED, map, ofType, PATIENT } from './bundle-query.helper.ts';

describe('record access', () => {
  const enhancedReviews = (form: DvaForm) =>
    ofType(map(form), 'Observation').filter((o) => codes(o.code).includes('sct|1364731000000104'));
  const NOT_SAFE: DvaForm = { enquiry: { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now' } };

  it.each([
    ['asked, enhanced review', { ...DISCLOSED, recordAccess: { enhancedReview: true } }, 1],
    ['not safe now, enhanced review', { ...NOT_SAFE, recordAccess: { enhancedReview: true } }, 1],
    ['enhanced review not asked for', { ...DISCLOSED, recordAccess: { enhancedReview: false } }, 0],
    ['no record access section', DISCLOSED, 0],
  ] as const)('%s → %i enhanced-review Observation(s)', (_name, form, count) => {
    const bundle = map(form);
    const found = enhancedReviews(form);
    expect(found).toHaveLength(count);
    expect(JSON.stringify(bundle)).not.toContain('1364751000000106');
    for (const observation of found) {
      expect(observation).toMatchObject({
        status: 'final',
        subject: { reference: `Patient/${PATIENT}` },
        encounter: { reference: `Encounter/encounter-${PATIENT}` },
        effectiveDateTime: '2026-11-23T10:15:00.000Z',
        performer: [{ reference: 'Practitioner/sandbox-gp' }],
      });
      expect(observation.meta?.security?.map((s) => s.code)).toEqual(['R', 'SDV', 'NOPAT']);
      expect(terminology.containsAny('record-access-control', observation.code.coding)).toBe(true);
      const provenance = ofType(bundle, 'Provenance')[0];
      expect(provenance?.target).toContainEqual({ reference: `Observation/${observation.id}` });
    }
  });
});
