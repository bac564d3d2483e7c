import { describe, expect, it } from 'vitest';
import { evaluateRepeatSelfHarm, resolveRuleConfig } from '../../../src/hooks/rules/index.ts';
import { CODES, condition, encounter, observation, procedure } from '../fhir-builders.ts';
import { contextFor, type Scenario } from '../rule-harness.ts';

const cases: readonly { name: string; scenario: Scenario; fires: boolean; evidence?: number }[] = [
  {
    name: 'no self-harm',
    scenario: { resources: [condition(CODES.depression, '2026-01-01')] },
    fires: false,
  },
  {
    name: 'one episode only',
    scenario: { resources: [condition(CODES.selfInflictedInjury, '2026-03-01')] },
    fires: false,
  },
  {
    name: 'two episodes on different resource types, months apart (Condition + Encounter.reasonCode)',
    scenario: {
      resources: [
        condition(CODES.selfInflictedInjury, '2026-01-05'),
        encounter('2026-04-20T22:10:00Z', { reason: CODES.intentionalSelfPoisoning }),
      ],
    },
    fires: true,
    evidence: 2,
  },
  {
    name: 'the same episode coded twice within 24 h counts once',
    scenario: {
      resources: [
        encounter('2026-05-01T23:00:00Z', { reason: CODES.selfInflictedInjury }),
        condition(CODES.selfInflictedInjury, '2026-05-02T03:00:00Z'),
      ],
    },
    fires: false,
  },
  {
    name: 'ICD-10 X60.2 (Procedure) and SNOMED (Observation) ≥24 h apart',
    scenario: {
      resources: [
        procedure(CODES.selfHarmIcd, '2026-02-01'),
        observation(CODES.selfInflictedInjury, '2026-02-03'),
      ],
    },
    fires: true,
    evidence: 2,
  },
  {
    name: 'second episode older than 12 months does not count',
    scenario: {
      resources: [
        condition(CODES.selfInflictedInjury, '2025-06-01'),
        condition(CODES.selfInflictedInjury, '2026-05-01'),
      ],
    },
    fires: false,
  },
  {
    name: 'future-dated entries do not count',
    scenario: {
      resources: [
        condition(CODES.selfInflictedInjury, '2026-05-01'),
        condition(CODES.selfInflictedInjury, '2026-07-01'),
      ],
    },
    fires: false,
  },
  {
    name: 'H/O repeated overdose alone (any date)',
    scenario: { resources: [condition(CODES.repeatedOverdose, '2019-01-01')] },
    fires: true,
    evidence: 1,
  },
  {
    name: 'an entered-in-error or refuted entry is not evidence',
    scenario: {
      resources: [
        condition(CODES.selfInflictedInjury, '2026-01-05', {
          verificationStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' },
            ],
          },
        }),
        observation(CODES.selfInflictedInjury, '2026-03-01', { status: 'entered-in-error' }),
        condition(CODES.selfInflictedInjury, '2026-05-01'),
      ],
    },
    fires: false,
  },
  {
    name: "another patient's entries are ignored (the server ignored the patient filter)",
    scenario: {
      resources: [
        condition(CODES.selfInflictedInjury, '2026-01-05', {
          subject: { reference: 'Patient/someone-else' },
        }),
        condition(CODES.selfInflictedInjury, '2026-05-01'),
      ],
    },
    fires: false,
  },
];

describe('repeat-self-harm rule (NICE NG225 definition; ≥2 episodes ≥24 h apart in 12 months)', () => {
  it.each(cases)('$name', ({ scenario, fires, evidence }) => {
    const hit = evaluateRepeatSelfHarm(contextFor(scenario));
    expect(hit !== undefined).toBe(fires);
    if (evidence !== undefined) expect(hit?.evidence).toHaveLength(evidence);
  });

  it('takes its thresholds from configuration', () => {
    const resources = [
      condition(CODES.selfInflictedInjury, '2026-01-05'),
      condition(CODES.selfInflictedInjury, '2026-03-05'),
    ];
    const config = resolveRuleConfig({ repeatSelfHarm: { minEpisodes: 3 } });
    expect(evaluateRepeatSelfHarm(contextFor({ resources, config }))).toBeUndefined();
  });

  it('shows each episode with its day and the terminology display, never the record text', () => {
    const c = condition(CODES.selfInflictedInjury, '2026-01-05T10:00:00Z');
    c.code = { coding: [{ ...CODES.selfInflictedInjury, display: '<script>x</script>' }], text: 'free text' };
    const hit = evaluateRepeatSelfHarm(
      contextFor({ resources: [c, condition(CODES.intentionalSelfPoisoning, '2026-02-01')] }),
    );
    expect(hit?.evidence).toContainEqual({
      kind: 'record',
      indicator: 'self-harm',
      ref: `Condition/${c.id}`,
      resourceType: 'Condition',
      day: '2026-01-05',
      concept: {
        system: CODES.selfInflictedInjury.system,
        code: '276853009',
        display: 'Self inflicted injury',
      },
    });
  });
});
