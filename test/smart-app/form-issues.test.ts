import { describe, expect, it } from 'vitest';
import { OperationOutcomeError } from '../../src/shared/operation-outcome.ts';
import { createDraft } from '../../src/smart-app/web/form/draft.ts';
import { fieldIdForPath } from '../../src/smart-app/web/form/field-ids.ts';
import { issuesOf } from '../../src/smart-app/web/form/form-issues.ts';
import { validateStep } from '../../src/smart-app/web/form/validate-step.ts';
import { disclosedDraft, PATIENT } from './helpers/drafts.ts';

const summary = (issues: ReturnType<typeof validateStep>) =>
  issues.map((i) => [i.fieldId, i.reason, i.message]);

describe('problems with the answers, linked to their fields', () => {
  it('asks for every safety answer at once, in plain words', () => {
    expect(summary(validateStep(createDraft('id-1'), PATIENT, 'safety'))).toEqual([
      ['f-enquiry-setting', 'form-invalid-value', 'Choose where you are seeing the patient'],
      ['f-enquiry-patientAlone', 'form-invalid-type', 'Say whether the patient is alone'],
      ['f-enquiry-privateSpace', 'form-invalid-type', 'Say whether you are somewhere private'],
      ['f-enquiry-interpreter', 'form-invalid-value', 'Say whether an interpreter is needed'],
    ]);
  });

  it('reports only the step’s own problems, and the library’s rules in its words', () => {
    const draft = disclosedDraft();
    draft.dashAnswers[4] = undefined;
    draft.maracCriterion = undefined;
    draft.consentDecision = undefined;
    draft.lawfulBasis = undefined;
    draft.childAges = '7, x';
    expect(summary(validateStep(draft, PATIENT, 'risk'))).toEqual([
      ['f-dash-5', 'form-invalid-value', 'Answer every question of the checklist'],
    ]);
    draft.dashAnswers[4] = 'no';
    expect(summary(validateStep(draft, PATIENT, 'actions'))).toEqual([
      ['f-children-ages', 'form-invalid-type', 'Enter each age as a whole number from 0 to 17'],
      ['f-marac-criterion', 'marac-criterion-required', 'A MARAC referral needs its criterion'],
    ]);
    draft.childAges = '7, 9';
    expect(summary(validateStep(draft, PATIENT, 'actions'))).toEqual([
      ['f-marac-criterion', 'marac-criterion-required', 'A MARAC referral needs its criterion'],
      ['f-consent-decision', 'consent-required', 'Record consent to share for the referral'],
    ]);
  });

  it('links a referral problem to that referral’s control, whatever its position', () => {
    const input = { actions: { referrals: [{ target: 'mhidva' }, { target: 'marac' }] } };
    expect(fieldIdForPath('actions.referrals[1].target', input)).toBe('f-referral-marac');
    expect(fieldIdForPath('actions.referrals[0].maracCriterion', input)).toBe('f-marac-criterion');
    expect(fieldIdForPath('disclosure.children.linkedPatientIds[2]', input)).toBe('f-children-links');
    expect(fieldIdForPath('', input)).toBeUndefined();
  });

  it('passes on anything that is not a form problem', () => {
    const notFound = OperationOutcomeError.of(404, { code: 'not-found', diagnostics: 'x' });
    expect(() => issuesOf(notFound, {})).toThrow(notFound);
    expect(() => issuesOf(new TypeError('bug'), {})).toThrow(TypeError);
  });
});
