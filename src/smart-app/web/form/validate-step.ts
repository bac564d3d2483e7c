import { type DvaForm, parseDvaForm } from '../../../recording/index.ts';
import type { Draft } from './draft.ts';
import { buildFormInput, type FormInput } from './draft-to-form.ts';
import { type FieldIssue, issuesOf, uniqueByField } from './form-issues.ts';
import type { StepId } from './steps.ts';

export type Checked =
  | { readonly ok: true; readonly form: DvaForm }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/** Parses built form input with the recording library's rules, returning its problems as field issues. */
export function checkInput(input: FormInput, patientId: string): Checked {
  try {
    return { ok: true, form: parseDvaForm(input, { patientId }) };
  } catch (error) {
    return { ok: false, issues: uniqueByField(issuesOf(error, input)) };
  }
}

/**
 * The problems to fix before leaving `step`: the library's own checks of the answers so far, limited to this
 * step's fields (at review, every problem).
 */
export function validateStep(draft: Draft, patientId: string, step: StepId): FieldIssue[] {
  const checked = checkInput(buildFormInput(draft, patientId, step), patientId);
  if (checked.ok) return [];
  return step === 'review' ? checked.issues : checked.issues.filter((issue) => issue.step === step);
}
