import { describe, expect, it } from 'vitest';
import { parseDvaForm } from '../../src/recording/index.ts';
import { createDraft } from '../../src/smart-app/web/form/draft.ts';
import {
  buildFormInput,
  buildNotSafeInput,
  draftScore,
  wholeNumber,
} from '../../src/smart-app/web/form/draft-to-form.ts';
import { stepOfPath, stepsFor } from '../../src/smart-app/web/form/steps.ts';
import { disclosedDraft, PATIENT } from './helpers/drafts.ts';

describe('building the recording form from the answers', () => {
  it('maps a complete disclosure to a form the recording library accepts', () => {
    const form = parseDvaForm(buildFormInput(disclosedDraft(), PATIENT), { patientId: PATIENT });
    expect(form).toEqual({
      enquiry: {
        setting: 'general-practice',
        patientAlone: true,
        privateSpace: true,
        interpreter: 'professional',
        outcome: 'asked-disclosed',
      },
      disclosure: {
        timing: 'current',
        abuseTypes: ['physical', 'coercive-control'],
        relationships: ['partner'],
        duration: { value: 3, unit: 'years' },
        pregnant: false,
        children: { count: 2, ages: [7, 9], linkedPatientIds: ['child-test-1'] },
      },
      risk: { dashAnswers: expect.any(Array), professionalJudgement: false, level: 'high' },
      actions: {
        referrals: [
          { target: 'idva', status: 'made' },
          { target: 'mhidva', status: 'declined' },
          { target: 'marac', status: 'made', maracCriterion: 'visible-high-risk' },
        ],
        safetyPlan: true,
        informationGiven: true,
        followUpDate: '2026-12-07',
      },
      consent: { decision: 'given', lawfulBasis: 'consent' },
    });
  });

  it('leaves out the sections of steps not reached yet', () => {
    const draft = disclosedDraft();
    expect(Object.keys(buildFormInput(draft, PATIENT, 'safety'))).toEqual(['enquiry']);
    expect(Object.keys(buildFormInput(draft, PATIENT, 'disclosure'))).toEqual(['enquiry', 'disclosure']);
    expect(buildFormInput(draft, PATIENT, 'risk')).not.toHaveProperty('disclosure.children');
  });

  it.each([
    ['asked-disclosed', ['safety', 'ask', 'disclosure', 'risk', 'actions', 'review']],
    ['asked-no-disclosure', ['safety', 'ask', 'actions', 'review']],
    ['declined', ['safety', 'ask', 'actions', 'review']],
    ['not-asked', ['safety', 'ask', 'review']],
  ] as const)('goes through the right steps when the outcome is %s', (outcome, steps) => {
    const draft = createDraft('id-1');
    draft.outcome = outcome;
    expect(stepsFor(draft)).toEqual(steps);
  });

  it('uses the typed score, the professional-judgement level, or no risk section', () => {
    const draft = disclosedDraft();
    draft.riskMode = 'score';
    draft.score = '11';
    draft.professionalJudgement = true;
    draft.level = 'high';
    expect(buildFormInput(draft, PATIENT).risk).toEqual({
      score: 11,
      professionalJudgement: true,
      level: 'high',
    });
    expect(draftScore(draft)).toBe(11);
    draft.riskMode = 'none';
    expect(buildFormInput(draft, PATIENT)).not.toHaveProperty('risk');
  });

  it.each([
    ['', undefined],
    [' 12 ', 12],
    ['1.5', '1.5'],
    ['seven', 'seven'],
  ])('reads %j as %j', (text, value) => {
    expect(wholeNumber(text)).toBe(value);
  });

  it('records "not safe now" with only what is known, leaving the rest out', () => {
    const draft = createDraft('id-2');
    draft.setting = 'mental-health';
    const input = buildNotSafeInput(draft, 'not-asked-not-safe-now');
    expect(input).toEqual({
      enquiry: { setting: 'mental-health', outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now' },
    });
    expect(parseDvaForm(input, { patientId: PATIENT })).toEqual(input);
  });

  it('asks for enhanced review of online access only when ticked', () => {
    const draft = disclosedDraft();
    expect(buildFormInput(draft, PATIENT).recordAccess).toBeUndefined();
    draft.enhancedReview = true;
    const form = parseDvaForm(buildFormInput(draft, PATIENT), { patientId: PATIENT });
    expect(form.recordAccess).toEqual({ enhancedReview: true });
    expect(buildFormInput(draft, PATIENT, 'ask').recordAccess).toBeUndefined();
  });

  it('records "not safe now" even with no setting from an encounter', () => {
    const input = buildNotSafeInput(createDraft('id-4'), undefined);
    expect(parseDvaForm(input, { patientId: PATIENT })).toEqual({
      enquiry: { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now' },
    });
  });

  it('builds suspected perpetration alone, on the open patient’s record', () => {
    const draft = createDraft('id-3', 'perpetration');
    draft.perpetrationSource = 'own-disclosure';
    draft.riskToChildren = true;
    expect(parseDvaForm(buildFormInput(draft, PATIENT), { patientId: PATIENT })).toEqual({
      suspectedPerpetration: {
        patientId: PATIENT,
        source: 'own-disclosure',
        riskToOthers: false,
        riskToChildren: true,
      },
    });
  });

  it.each([
    ['enquiry.interpreter', 'safety'],
    ['enquiry.notAskedReason', 'ask'],
    ['disclosure.children.ages[1]', 'actions'],
    ['disclosure.abuseTypes', 'disclosure'],
    ['risk.dashAnswers[4]', 'risk'],
    ['consent.lawfulBasis', 'actions'],
    ['suspectedPerpetration.source', 'perpetration'],
    ['', 'review'],
  ] as const)('places a problem at %j on the %s step', (path, step) => {
    expect(stepOfPath(path)).toBe(step);
  });
});
