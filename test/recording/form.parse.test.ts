import { describe, expect, it } from 'vitest';
import { parseDvaForm } from '../../src/recording/index.ts';
import type { OperationOutcomeError } from '../../src/shared/index.ts';
import { ASKED, DISCLOSED, problems, withReferrals, withRisk, yes } from './form-problems.helper.ts';
import { EMILY, GOLDEN_CASES, KATE, MARY, SAMIRA } from './forms.fixture.ts';

describe('parseDvaForm: valid forms of every kind', () => {
  it.each(GOLDEN_CASES)('$name parses unchanged', ({ form, patientId }) => {
    expect(parseDvaForm(structuredClone(form), { patientId })).toEqual(form);
  });

  it.each([
    ['asked, no disclosure', { enquiry: { ...ASKED, outcome: 'asked-no-disclosure' } }],
    ['declined', { enquiry: { ...ASKED, outcome: 'declined' } }],
    [
      'not asked with reason',
      { enquiry: { ...ASKED, outcome: 'not-asked', notAskedReason: 'not-asked-no-interpreter' } },
    ],
    ['disclosed', DISCLOSED],
    ['risk from answers', withRisk({ dashAnswers: yes(9), professionalJudgement: false, level: 'standard' })],
    ['risk raised on judgement', withRisk({ score: 3, professionalJudgement: true, level: 'medium' })],
    ['risk from score 10', withRisk({ score: 10, professionalJudgement: false, level: 'medium' })],
    [
      'answers and equal score',
      withRisk({ dashAnswers: yes(14), score: 14, professionalJudgement: false, level: 'high' }),
    ],
    ['declined referral needs no consent', withReferrals([{ target: 'idva', status: 'declined' }], null)],
    [
      'safeguarding without disclosure',
      {
        enquiry: { ...ASKED, outcome: 'asked-no-disclosure' },
        actions: {
          referrals: [{ target: 'safeguarding-adults', status: 'made' }],
          safetyPlan: false,
          informationGiven: false,
        },
        consent: { decision: 'refused', lawfulBasis: 'public-task' },
      },
    ],
    [
      'MARAC on escalation',
      withReferrals([{ target: 'marac', status: 'made', maracCriterion: 'potential-escalation' }]),
    ],
    ['MARAC repeat', withReferrals([{ target: 'marac', status: 'made', maracCriterion: 'repeat' }])],
    ['declined MARAC needs no criterion', withReferrals([{ target: 'marac', status: 'declined' }])],
    [
      'consent not sought, legal obligation',
      withReferrals([{ target: 'da-service', status: 'made' }], {
        decision: 'not-sought',
        lawfulBasis: 'legal-obligation',
      }),
    ],
    [
      'consent recorded, nothing shared',
      { ...DISCLOSED, consent: { decision: 'refused', lawfulBasis: 'not-shared' } },
    ],
    [
      'perpetration only, third party',
      {
        suspectedPerpetration: {
          patientId: 'p2',
          source: 'third-party',
          riskToOthers: false,
          riskToChildren: false,
        },
      },
    ],
    [
      'own disclosure on own record',
      {
        suspectedPerpetration: {
          patientId: 'p1',
          source: 'own-disclosure',
          riskToOthers: true,
          riskToChildren: true,
        },
      },
    ],
    [
      'children without links',
      {
        ...DISCLOSED,
        disclosure: { ...DISCLOSED.disclosure, children: { count: 2, ages: [], linkedPatientIds: [] } },
      },
    ],
    [
      'follow-up date',
      {
        enquiry: { ...ASKED, outcome: 'declined' },
        actions: { referrals: [], safetyPlan: false, informationGiven: false, followUpDate: '2027-01-31' },
      },
    ],
  ])('%s', (_name, form) => {
    expect(problems(form)).toEqual([]);
  });
});

describe('parseDvaForm: every problem at once', () => {
  it('reports problems from several sections together, each with its path', () => {
    const form = {
      enquiry: { ...ASKED, outcome: 'not-asked' },
      disclosure: { ...DISCLOSED.disclosure, abuseTypes: ['physical', 'physical'] },
      risk: { score: 30, professionalJudgement: 'no', level: 'high' },
      actions: {
        referrals: [{ target: 'marac', status: 'made' }],
        safetyPlan: false,
        informationGiven: false,
      },
    };
    expect(problems(form)).toEqual([
      { reason: 'not-asked-reason-required', expression: 'enquiry.notAskedReason' },
      { reason: 'duplicate-abuse-type', expression: 'disclosure.abuseTypes[1]' },
      { reason: 'form-too-big', expression: 'risk.score' },
      { reason: 'form-invalid-type', expression: 'risk.professionalJudgement' },
      { reason: 'marac-criterion-required', expression: 'actions.referrals[0].maracCriterion' },
    ]);
  });

  it('reports every cross-section problem together', () => {
    const form = {
      ...withReferrals([{ target: 'idva', status: 'made', maracCriterion: 'repeat' }], {
        decision: 'refused',
        lawfulBasis: 'consent',
      }),
      enquiry: { ...ASKED, outcome: 'declined' },
      risk: { score: 1, professionalJudgement: false, level: 'standard' },
    };
    expect(problems(form).map((p) => p.reason)).toEqual([
      'marac-criterion-unexpected',
      'disclosure-unexpected',
      'lawful-basis-without-consent',
    ]);
  });

  it('gives the clinician a message for every problem, never the form values', () => {
    try {
      parseDvaForm(
        { ...KATE, consent: { decision: 'refused', lawfulBasis: 'consent' } },
        { patientId: 'persona-kate' },
      );
      expect.unreachable();
    } catch (error) {
      const outcome = (error as OperationOutcomeError).outcome;
      expect(outcome.issue).toHaveLength(1);
      expect(outcome.issue[0]?.diagnostics).toBe('Consent cannot be the basis when it was not given');
      expect(JSON.stringify(outcome)).not.toContain('persona-kate');
    }
  });

  it('accepts the personas with their own patient ids', () => {
    for (const [form, id] of [
      [SAMIRA, 'persona-samira'],
      [EMILY, 'persona-emily'],
      [MARY, 'persona-mary'],
    ] as const) {
      expect(problems(form, id)).toEqual([]);
    }
  });
});
