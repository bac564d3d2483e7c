import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { CODES, condition, encounter, flag, observation, patient, procedure } from '../fhir-builders.ts';
import { decide, firedRules, NOW } from '../rule-harness.ts';

/** Repeat self-harm fires on these two entries; each case adds what may suppress it. */
const indicators = (): Resource[] => [
  condition(CODES.selfInflictedInjury, '2026-01-05'),
  condition(CODES.intentionalSelfPoisoning, '2026-04-01'),
];

const notSafeNow = (date: string) =>
  procedure(CODES.enquiryAsked, date, { status: 'not-done', statusReason: { coding: [CODES.notSafeNow] } });

const cases: readonly {
  name: string;
  extra: () => Resource[];
  entitled?: boolean;
  kind: string;
  reason?: string;
}[] = [
  { name: 'nothing on record → prompt', extra: () => [], kind: 'prompt' },
  {
    name: 'asked 2 weeks ago → none',
    extra: () => [procedure(CODES.enquiryAsked, '2026-05-27')],
    kind: 'none',
    reason: 'enquiry-recent',
  },
  {
    name: 'declined 3 weeks ago → none',
    extra: () => [observation(CODES.enquiryDeclined, '2026-05-20')],
    kind: 'none',
    reason: 'enquiry-recent',
  },
  {
    name: 'asked 5 weeks ago → prompt',
    extra: () => [procedure(CODES.enquiryAsked, '2026-05-05')],
    kind: 'prompt',
  },
  {
    name: '"not safe now" recorded today (earlier this morning, London) → none',
    extra: () => [notSafeNow('2026-06-10T07:30:00+01:00')],
    kind: 'none',
    reason: 'not-safe-now-today',
  },
  {
    name: '"not safe now" recorded yesterday → prompt again',
    extra: () => [notSafeNow('2026-06-09T16:00:00Z')],
    kind: 'prompt',
  },
  {
    name: '"not made" Observation with the not-safe-now reason as value, today → none',
    extra: () => [
      observation(CODES.enquiryNotMade, '2026-06-10T08:00:00Z', {
        valueCodeableConcept: { coding: [CODES.notSafeNow] },
      }),
    ],
    kind: 'none',
    reason: 'not-safe-now-today',
  },
  {
    name: 'disclosure on record, user entitled → review card',
    extra: () => [flag(CODES.victimOfDomesticAbuse, '2025-02-01')],
    kind: 'review',
  },
  {
    name: 'disclosure on record, entitlement unknown → none',
    extra: () => [flag(CODES.victimOfDomesticAbuse, '2025-02-01')],
    entitled: false,
    kind: 'none',
    reason: 'disclosure-not-entitled',
  },
  {
    name: 'enquiry with outcome "disclosed" 6 months ago → review card',
    extra: () => [
      procedure(CODES.enquiryAsked, '2025-12-01', { outcome: { coding: [CODES.outcomeDisclosed] } }),
    ],
    kind: 'review',
  },
];

describe('suppression (enquiry in 4 weeks; not safe now today; disclosure on record)', () => {
  it.each(cases)('$name', ({ extra, entitled, kind, reason }) => {
    const decision = decide({ resources: [...indicators(), ...extra()], userEntitled: entitled ?? true });
    expect(decision.kind).toBe(kind);
    if (reason) expect(decision).toMatchObject({ reason });
    expect(firedRules(decision)).toEqual(['repeat-self-harm']);
  });

  it('gives no card when no rule fires, whatever the record holds', () => {
    expect(decide({ resources: [flag(CODES.victimOfDomesticAbuse, '2025-02-01')] })).toEqual({
      kind: 'none',
      reason: 'no-indicators',
      hits: [],
    });
  });

  it('does not give enquiry prompts to under-16s; the whole-family card covers them', () => {
    const camhs = encounter(NOW.toISOString(), { setting: '711', status: 'in-progress' });
    const decision = decide({
      patient: patient('2013-01-01'),
      resources: [...indicators(), camhs, flag(CODES.victimInHousehold, '2026-01-01')],
    });
    expect(decision.kind).toBe('prompt');
    expect(firedRules(decision)).toEqual(['whole-family']);
  });
});
