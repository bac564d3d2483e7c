import { describe, expect, it } from 'vitest';
import {
  buildSeedBundles,
  SEED_RULE_IDS,
  type SeedExpectation,
  seedExpectations,
} from '../../../src/sandbox/seed/index.ts';
import { expectedDecision, type OracleThresholds } from './seed-oracle.helper.ts';
import { resourcesOf } from './seed-test.helper.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

function recordsOf(now: Date): Map<string, ReturnType<typeof resourcesOf>> {
  const records = new Map<string, ReturnType<typeof resourcesOf>>();
  for (const bundle of buildSeedBundles(now).slice(1)) {
    const resources = resourcesOf(bundle);
    records.set(resources[0]?.id ?? '', resources);
  }
  return records;
}

const RECORDS = recordsOf(NOW);
const DEFAULTS: OracleThresholds = { minOtherGroups: 2, injuryMinEpisodes: 2, frequentMinEncounters: 12 };

function mismatches(now: Date, thresholds: OracleThresholds): string[] {
  const records = now === NOW ? RECORDS : recordsOf(now);
  return seedExpectations.flatMap((e) => {
    const got = expectedDecision(records.get(e.patientId) ?? [], now, thresholds);
    return JSON.stringify([...got].sort()) === JSON.stringify([...e.expectedRules].sort())
      ? []
      : [`${e.patientId}: expected [${e.expectedRules.join(', ')}], records say [${got.join(', ')}]`];
  });
}

describe('seed expectation table', () => {
  it('has one row per seeded patient', () => {
    expect(seedExpectations.map((e) => e.patientId).sort()).toEqual([...RECORDS.keys()].sort());
  });

  it.each(SEED_RULE_IDS)('covers %s with at least one positive and one designed negative', (rule) => {
    const positives = seedExpectations.filter((e) => e.expectedRules.includes(rule));
    const negatives = seedExpectations.filter((e) => e.nearMissOf.includes(rule));
    expect(positives.length).toBeGreaterThanOrEqual(1);
    expect(negatives.length).toBeGreaterThanOrEqual(1);
    for (const n of negatives) expect(n.expectedRules).not.toContain(rule);
  });

  it('keeps the prompt rate realistic: well under half the patients see a card', () => {
    const prompted = seedExpectations.filter((e) => e.expectedRules.length > 0).length;
    expect(prompted / seedExpectations.length).toBeLessThan(0.4);
  });

  it('names the mental-health clinician for patients in mental-health clinic and the GP otherwise', () => {
    const byId = new Map<string, SeedExpectation>(seedExpectations.map((e) => [e.patientId, e]));
    expect(byId.get('persona-kate')?.userId).toBe('Practitioner/sandbox-mh-clinician');
    expect(byId.get('persona-tara')?.userId).toBe('Practitioner/sandbox-gp');
    for (const e of seedExpectations) {
      const inProgress = (RECORDS.get(e.patientId) ?? []).filter(
        (r) => r.resourceType === 'Encounter' && r.status === 'in-progress',
      );
      expect(inProgress.map((r) => r.id)).toEqual(e.encounterId === undefined ? [] : [e.encounterId]);
    }
  });

  it('agrees with the records under the documented semantics', () => {
    expect(mismatches(NOW, DEFAULTS)).toEqual([]);
  });

  it.each([
    [
      'one other indicator group is enough, a single injury counts',
      { ...DEFAULTS, minOtherGroups: 1, injuryMinEpisodes: 1 },
    ],
    ['frequent attendance from 8 encounters', { ...DEFAULTS, frequentMinEncounters: 8 }],
  ])('gives the same answers when %s', (_label, thresholds) => {
    expect(mismatches(NOW, thresholds)).toEqual([]);
  });

  it.each(['2026-03-01T00:03:00Z', '2027-06-30T23:59:30Z', '2028-02-29T12:00:00Z'])(
    'gives the same answers for a seed built at %s',
    (now) => {
      expect(mismatches(new Date(now), DEFAULTS)).toEqual([]);
    },
  );
});
