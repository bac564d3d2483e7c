import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { evaluateRoutineEnquiry } from '../../../src/hooks/rules/index.ts';
import { CODES, encounter, observation, procedure } from '../fhir-builders.ts';
import { contextFor } from '../rule-harness.ts';

const today = (setting: string) => encounter('2026-06-10T08:45:00Z', { setting, status: 'in-progress' });

const cases: readonly { name: string; resources: () => Resource[]; encounter?: 'first'; fires: boolean }[] = [
  { name: 'adult mental-health contact (710), never asked', resources: () => [today('710')], fires: true },
  {
    name: 'forensic psychiatry (712) maps to mental-health too',
    resources: () => [today('712')],
    fires: true,
  },
  {
    name: 'general practice (600) — not a routine-enquiry setting',
    resources: () => [today('600')],
    fires: false,
  },
  {
    name: 'an unknown service type',
    resources: () => [encounter('2026-06-10T08:45:00Z', { status: 'in-progress' })],
    fires: false,
  },
  {
    name: 'asked 11 months ago — not due',
    resources: () => [today('710'), procedure(CODES.enquiryAsked, '2025-07-15')],
    fires: false,
  },
  {
    name: 'declined 6 months ago counts as asked — not due',
    resources: () => [today('710'), observation(CODES.enquiryDeclined, '2025-12-15')],
    fires: false,
  },
  {
    name: 'asked 13 months ago — due',
    resources: () => [today('710'), procedure(CODES.enquiryAsked, '2025-05-01')],
    fires: true,
  },
  {
    name: 'an enquiry not made (not-done Procedure) does not count as asked',
    resources: () => [today('710'), procedure(CODES.enquiryAsked, '2026-03-01', { status: 'not-done' })],
    fires: true,
  },
  {
    name: 'a mental-health encounter on another day is not the current contact',
    resources: () => [encounter('2026-06-02T10:00:00Z', { setting: '710' })],
    fires: false,
  },
];

describe('routine-enquiry rule (NICE PH50: ask routinely in mental-health services)', () => {
  it.each(cases)('$name', ({ resources, fires }) => {
    expect(evaluateRoutineEnquiry(contextFor({ resources: resources() })) !== undefined).toBe(fires);
  });

  it("uses the hook's encounterId when given", () => {
    const mh = encounter('2026-06-02T10:00:00Z', { setting: '710' });
    const hit = evaluateRoutineEnquiry(contextFor({ resources: [mh], encounterId: String(mh.id) }));
    expect(hit?.evidence).toEqual([
      expect.objectContaining({
        kind: 'record',
        indicator: 'mental-health-setting',
        ref: `Encounter/${mh.id}`,
      }),
      { kind: 'no-recent-enquiry', indicator: 'no-recent-enquiry', months: 12, lastDay: undefined },
    ]);
  });
});
