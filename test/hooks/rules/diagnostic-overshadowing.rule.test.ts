import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { evaluateDiagnosticOvershadowing, resolveRuleConfig } from '../../../src/hooks/rules/index.ts';
import { CODES, condition, encounter, observation } from '../fhir-builders.ts';
import { contextFor } from '../rule-harness.ts';

const depression = () => condition(CODES.depression, '2019-03-01');
const attendances = (n: number): Resource[] =>
  Array.from({ length: n }, (_, i) => encounter(`2026-0${1 + (i % 5)}-${String(1 + i).padStart(2, '0')}`));

const cases: readonly { name: string; resources: () => Resource[]; fires: boolean }[] = [
  { name: 'depression alone', resources: () => [depression()], fires: false },
  {
    name: 'depression + chronic pain (one group) — too common to prompt',
    resources: () => [depression(), condition(CODES.chronicPain, '2025-11-01')],
    fires: false,
  },
  {
    name: 'depression + chronic pain + alcohol misuse',
    resources: () => [
      depression(),
      condition(CODES.chronicPain, '2025-11-01'),
      condition(CODES.alcoholMisuse, '2026-02-01'),
    ],
    fires: true,
  },
  {
    name: 'anxiety + repeated injuries (fracture and assault, weeks apart) + miscarriage',
    resources: () => [
      condition(CODES.anxiety, '2024-01-01'),
      condition(CODES.fracture, '2025-09-01'),
      encounter('2026-01-12', { reason: CODES.assaultIcd }),
      condition(CODES.miscarriage, '2025-12-01'),
    ],
    fires: true,
  },
  {
    name: 'a single injury is not "repeated"',
    resources: () => [
      depression(),
      condition(CODES.injury, '2026-01-01'),
      condition(CODES.chronicPain, '2026-01-02'),
    ],
    fires: false,
  },
  {
    name: 'depression + STI + frequent attendance (12 encounters in 12 months)',
    resources: () => [depression(), observation(CODES.sti, '2026-03-01'), ...attendances(12)],
    fires: true,
  },
  {
    name: '11 encounters is not frequent attendance',
    resources: () => [depression(), observation(CODES.sti, '2026-03-01'), ...attendances(11)],
    fires: false,
  },
  {
    name: 'indicators older than the 24-month window do not count',
    resources: () => [
      depression(),
      condition(CODES.chronicPain, '2024-01-01'),
      condition(CODES.alcoholMisuse, '2024-02-01'),
    ],
    fires: false,
  },
  {
    name: 'a cluster without a mental-health diagnosis',
    resources: () => [
      condition(CODES.chronicPain, '2025-11-01'),
      condition(CODES.alcoholMisuse, '2026-02-01'),
    ],
    fires: false,
  },
];

describe('diagnostic-overshadowing rule (mental-health diagnosis + ≥2 other indicator groups in 24 months)', () => {
  it.each(cases)('$name', ({ resources, fires }) => {
    expect(evaluateDiagnosticOvershadowing(contextFor({ resources: resources() })) !== undefined).toBe(fires);
  });

  it('lists the anchor diagnosis and each indicator group with dates, and the attendance count', () => {
    const hit = evaluateDiagnosticOvershadowing(
      contextFor({ resources: [depression(), observation(CODES.sti, '2026-03-01'), ...attendances(13)] }),
    );
    expect(hit?.evidence.map((e) => e.indicator)).toEqual([
      'mental-health',
      'gi-gu-gynae',
      'frequent-attendance',
    ]);
    expect(hit?.evidence).toContainEqual({
      kind: 'attendance',
      indicator: 'frequent-attendance',
      encounters: 13,
      months: 12,
    });
  });

  it('is configurable: which groups count and how many are needed', () => {
    const resources = [
      depression(),
      condition(CODES.chronicPain, '2025-11-01'),
      condition(CODES.alcoholMisuse, '2026-02-01'),
    ];
    const one = resolveRuleConfig({ overshadowing: { minOtherIndicators: 1 } });
    const noSubstance = resolveRuleConfig({ overshadowing: { indicators: ['chronic-pain', 'injury'] } });
    expect(
      evaluateDiagnosticOvershadowing(contextFor({ resources: resources.slice(0, 2), config: one })),
    ).toBeDefined();
    expect(evaluateDiagnosticOvershadowing(contextFor({ resources, config: noSubstance }))).toBeUndefined();
  });
});
