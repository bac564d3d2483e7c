import type { FhirResource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  buildClinicalRecord,
  buildRuleContext,
  codeMatcherFor,
  DEFAULT_RULE_CONFIG,
  type Decision,
  decideFor,
  evaluateDiagnosticOvershadowing,
} from '../../src/hooks/rules/index.ts';
import { buildSeedBundles, seedExpectations } from '../../src/sandbox/seed/index.ts';
import { terminology } from '../../src/terminology/index.ts';

/** The seed names two rules differently and expresses the review card as a rule id. */
const SEED_NAMES: Readonly<Record<string, string>> = {
  'routine-enquiry-due': 'routine-enquiry',
  'camhs-whole-family': 'whole-family',
};

const now = new Date('2026-06-10T09:00:00Z');
const resourcesByPatient = new Map<string, FhirResource[]>(
  buildSeedBundles(now)
    .slice(1)
    .map((b) => [
      b.id?.replace(/^seed-/, '') ?? '',
      (b.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])),
    ]),
);

function contextOf(patientId: string, encounterId: string | undefined) {
  const resources = resourcesByPatient.get(patientId) ?? [];
  const patient = resources.find((r) => r.resourceType === 'Patient' && r.id === patientId);
  const record = buildClinicalRecord({
    patientId,
    patient,
    resources,
    now,
    classify: codeMatcherFor(terminology).valueSetsOf,
  });
  return buildRuleContext({
    record,
    now,
    terminology,
    config: DEFAULT_RULE_CONFIG,
    encounterId,
    userEntitled: true,
  });
}

function shownRules(d: Decision): string[] {
  if (d.kind === 'review') return ['disclosure-on-record-review'];
  return d.kind === 'prompt' ? d.hits.map((h) => h.ruleId).sort() : [];
}

describe('the sandbox cohort (src/sandbox/seed) under the default rules', () => {
  it.each(seedExpectations)('$patientId: $note', (expectation) => {
    const decision = decideFor(contextOf(expectation.patientId, expectation.encounterId), true);
    expect(shownRules(decision)).toEqual(expectation.expectedRules.map((r) => SEED_NAMES[r] ?? r).sort());
  });

  it('diagnostic overshadowing fires for the designed clusters only (8 of 61: 5 cards, 1 held back, 2 reviews)', () => {
    const firing = seedExpectations
      .filter((e) => evaluateDiagnosticOvershadowing(contextOf(e.patientId, e.encounterId)))
      .map((e) => e.patientId);
    expect(firing).toEqual([
      'persona-tara',
      'persona-kate',
      'persona-mary',
      'seed-014',
      'seed-015',
      'seed-016',
      'seed-027',
      'seed-029',
    ]);
  });
});
