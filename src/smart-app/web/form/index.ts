export {
  type CareSetting,
  type ConsentDecision,
  createDraft,
  type DashAnswer,
  type Draft,
  type DraftMode,
  type DurationUnit,
  type EnquiryOutcome,
  type InterpreterType,
  type LawfulBasis,
  type MaracCriterion,
  type PerpetrationSource,
  type ReferralChoice,
  type RiskMode,
  toggleValue,
  type YesNoUnknown,
} from './draft.ts';
export {
  buildFormInput,
  buildNotSafeInput,
  draftScore,
  type FormInput,
  wholeNumber,
} from './draft-to-form.ts';
export { fieldId, fieldIdForPath } from './field-ids.ts';
export { type FieldIssue, issuesOf, uniqueByField } from './form-issues.ts';
export { reached, STEP_IDS, type StepId, stepOfPath, stepsFor } from './steps.ts';
export { countOtherRecords, failureOf, type SaveResult, Saver } from './submission.ts';
export { type Checked, checkInput, validateStep } from './validate-step.ts';
