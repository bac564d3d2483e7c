import { describe, expect, it } from 'vitest';
import { ASKED, DISCLOSED, problems, withReferrals, withRisk, yes } from './form-problems.helper.ts';
import { NOT_ASKED } from './forms.fixture.ts';

describe('parseDvaForm: every rule, with its reason and path', () => {
  it.each([
    [
      'not asked without reason',
      { enquiry: { ...ASKED, outcome: 'not-asked' } },
      'not-asked-reason-required',
      'enquiry.notAskedReason',
    ],
    [
      'reason when asked',
      { enquiry: { ...ASKED, outcome: 'declined', notAskedReason: 'not-asked-not-alone' } },
      'not-asked-reason-unexpected',
      'enquiry.notAskedReason',
    ],
    ['empty form', {}, 'form-empty', undefined],
    [
      'disclosed without disclosure',
      { enquiry: { ...ASKED, outcome: 'asked-disclosed' } },
      'disclosure-required',
      'disclosure',
    ],
    [
      'disclosure when declined',
      { ...DISCLOSED, enquiry: { ...ASKED, outcome: 'declined' } },
      'disclosure-unexpected',
      'disclosure',
    ],
    [
      'risk without disclosure',
      {
        enquiry: { ...ASKED, outcome: 'declined' },
        risk: { score: 1, professionalJudgement: false, level: 'standard' },
      },
      'risk-requires-disclosure',
      'risk',
    ],
    [
      'risk with neither',
      withRisk({ professionalJudgement: false, level: 'standard' }),
      'dash-score-required',
      'risk.score',
    ],
    [
      'score disagrees with answers',
      withRisk({ dashAnswers: yes(3), score: 4, professionalJudgement: false, level: 'standard' }),
      'dash-score-mismatch',
      'risk.score',
    ],
    [
      'level below score',
      withRisk({ score: 14, professionalJudgement: true, level: 'medium' }),
      'risk-level-below-score',
      'risk.level',
    ],
    [
      'raised without judgement',
      withRisk({ score: 2, professionalJudgement: false, level: 'high' }),
      'risk-level-needs-judgement',
      'risk.professionalJudgement',
    ],
    [
      'duplicate abuse type',
      { ...DISCLOSED, disclosure: { ...DISCLOSED.disclosure, abuseTypes: ['physical', 'physical'] } },
      'duplicate-abuse-type',
      'disclosure.abuseTypes[1]',
    ],
    [
      'duplicate relationship',
      { ...DISCLOSED, disclosure: { ...DISCLOSED.disclosure, relationships: ['wife', 'wife'] } },
      'duplicate-relationship',
      'disclosure.relationships[1]',
    ],
    [
      'more ages than children',
      {
        ...DISCLOSED,
        disclosure: { ...DISCLOSED.disclosure, children: { count: 1, ages: [1, 2], linkedPatientIds: [] } },
      },
      'children-ages-exceed-count',
      'disclosure.children.ages',
    ],
    [
      'more links than children',
      {
        ...DISCLOSED,
        disclosure: {
          ...DISCLOSED.disclosure,
          children: { count: 1, ages: [], linkedPatientIds: ['c1', 'c2'] },
        },
      },
      'children-links-exceed-count',
      'disclosure.children.linkedPatientIds',
    ],
    [
      'child linked twice',
      {
        ...DISCLOSED,
        disclosure: {
          ...DISCLOSED.disclosure,
          children: { count: 2, ages: [], linkedPatientIds: ['c1', 'c1'] },
        },
      },
      'duplicate-child-link',
      'disclosure.children.linkedPatientIds[1]',
    ],
    [
      'duplicate referral',
      withReferrals([
        { target: 'idva', status: 'made' },
        { target: 'idva', status: 'declined' },
      ]),
      'duplicate-referral',
      'actions.referrals[1].target',
    ],
    [
      'MARAC without criterion',
      withReferrals([{ target: 'marac', status: 'made' }]),
      'marac-criterion-required',
      'actions.referrals[0].maracCriterion',
    ],
    [
      'criterion on IDVA',
      withReferrals([{ target: 'idva', status: 'made', maracCriterion: 'repeat' }]),
      'marac-criterion-unexpected',
      'actions.referrals[0].maracCriterion',
    ],
    [
      'visible high risk without DASH',
      withReferrals([{ target: 'marac', status: 'made', maracCriterion: 'visible-high-risk' }]),
      'marac-visible-high-risk-unsupported',
      'actions.referrals[0].maracCriterion',
    ],
    [
      'IDVA referral without disclosure',
      {
        enquiry: { ...ASKED, outcome: 'asked-no-disclosure' },
        actions: {
          referrals: [{ target: 'idva', status: 'made' }],
          safetyPlan: false,
          informationGiven: false,
        },
        consent: { decision: 'given', lawfulBasis: 'consent' },
      },
      'referral-requires-disclosure',
      'actions.referrals[0].target',
    ],
    [
      'referral without consent',
      withReferrals([{ target: 'idva', status: 'made' }], null),
      'consent-required',
      'consent',
    ],
    [
      'consent basis when refused',
      withReferrals([{ target: 'idva', status: 'made' }], { decision: 'refused', lawfulBasis: 'consent' }),
      'lawful-basis-without-consent',
      'consent.lawfulBasis',
    ],
    [
      'not shared with a referral',
      withReferrals([{ target: 'idva', status: 'made' }], { decision: 'given', lawfulBasis: 'not-shared' }),
      'lawful-basis-not-shared-with-referral',
      'consent.lawfulBasis',
    ],
    [
      'perpetrator linked as child',
      {
        ...DISCLOSED,
        disclosure: { ...DISCLOSED.disclosure, children: { count: 1, ages: [], linkedPatientIds: ['p2'] } },
        suspectedPerpetration: {
          patientId: 'p2',
          source: 'third-party',
          riskToOthers: true,
          riskToChildren: true,
        },
      },
      'perpetrator-is-linked-child',
      'suspectedPerpetration.patientId',
    ],
    [
      'patient linked as own child',
      {
        ...DISCLOSED,
        disclosure: { ...DISCLOSED.disclosure, children: { count: 1, ages: [], linkedPatientIds: ['p1'] } },
      },
      'child-is-patient',
      'disclosure.children.linkedPatientIds[0]',
    ],
    [
      'own disclosure on another record',
      {
        suspectedPerpetration: {
          patientId: 'p2',
          source: 'own-disclosure',
          riskToOthers: true,
          riskToChildren: false,
        },
      },
      'own-disclosure-other-patient',
      'suspectedPerpetration.patientId',
    ],
    [
      'record access without an enquiry',
      {
        suspectedPerpetration: {
          patientId: 'p1',
          source: 'own-disclosure',
          riskToOthers: true,
          riskToChildren: false,
        },
        recordAccess: { enhancedReview: true },
      },
      'record-access-requires-enquiry',
      'recordAccess',
    ],
  ])('%s → %s', (_name, form, reason, expression) => {
    expect(problems(form)).toEqual([{ reason, expression }]);
  });

  it.each([
    ['unknown field', { ...NOT_ASKED, extra: 1 }, 'form-unrecognized-keys', undefined],
    [
      'wrong type',
      { enquiry: { ...ASKED, patientAlone: 'yes', outcome: 'declined' } },
      'form-invalid-type',
      'enquiry.patientAlone',
    ],
    ['missing field', { enquiry: { ...ASKED, outcome: undefined } }, 'form-invalid-value', 'enquiry.outcome'],
    [
      'unknown code',
      { enquiry: { ...ASKED, outcome: 'not-asked', notAskedReason: 'busy' } },
      'form-invalid-value',
      'enquiry.notAskedReason',
    ],
    [
      '23 DASH answers',
      withRisk({ dashAnswers: yes(0).slice(1), professionalJudgement: false, level: 'standard' }),
      'form-too-small',
      'risk.dashAnswers',
    ],
    [
      'score 25',
      withRisk({ score: 25, professionalJudgement: false, level: 'high' }),
      'form-too-big',
      'risk.score',
    ],
    [
      'bad date',
      {
        enquiry: { ...ASKED, outcome: 'declined' },
        actions: { referrals: [], safetyPlan: false, informationGiven: false, followUpDate: '31/01/2027' },
      },
      'form-invalid-format',
      'actions.followUpDate',
    ],
    [
      'bad child id',
      {
        ...DISCLOSED,
        disclosure: { ...DISCLOSED.disclosure, children: { count: 1, ages: [], linkedPatientIds: ['a b'] } },
      },
      'form-invalid-format',
      'disclosure.children.linkedPatientIds[0]',
    ],
    [
      'no abuse type',
      { ...DISCLOSED, disclosure: { ...DISCLOSED.disclosure, abuseTypes: [] } },
      'form-too-small',
      'disclosure.abuseTypes',
    ],
    ['not an object', 'form', 'form-invalid-type', undefined],
  ])('schema: %s → %s', (_name, form, reason, expression) => {
    expect(problems(form)).toEqual([{ reason, expression }]);
  });
});
