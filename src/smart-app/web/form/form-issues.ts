import { OperationOutcomeError } from '../../../shared/operation-outcome.ts';
import type { FormInput } from './draft-to-form.ts';
import { fieldIdForPath } from './field-ids.ts';
import { type StepId, stepOfPath } from './steps.ts';

/** One problem with the answers, placed on its screen and linked to its control. */
export interface FieldIssue {
  readonly path: string;
  readonly reason: string;
  readonly message: string;
  readonly step: StepId;
  readonly fieldId?: string;
}

/** Plain prompts for structural problems (a missing or malformed answer), by form path without indices. */
const PROMPTS: Readonly<Record<string, string>> = {
  'enquiry.setting': 'Choose where you are seeing the patient',
  'enquiry.patientAlone': 'Say whether the patient is alone',
  'enquiry.privateSpace': 'Say whether you are somewhere private',
  'enquiry.interpreter': 'Say whether an interpreter is needed',
  'enquiry.outcome': 'Choose what happened when you asked',
  'enquiry.notAskedReason': 'Choose why you did not ask',
  'disclosure.timing': 'Say whether this is happening now or in the past',
  'disclosure.abuseTypes': 'Choose at least one kind of abuse',
  'disclosure.duration.value': 'Enter how long as a whole number',
  'disclosure.children.count': 'Enter the number of children as a whole number',
  'disclosure.children.ages': 'Enter each age as a whole number from 0 to 17',
  'risk.dashAnswers': 'Answer every question of the checklist',
  'risk.score': 'Enter the number of "yes" answers, from 0 to 24',
  'risk.level': 'Choose the risk level',
  'actions.referrals.maracCriterion': 'Choose the MARAC referral criterion',
  'actions.followUpDate': 'Enter the follow-up date',
  'consent.decision': 'Say whether the patient agreed to share information',
  'consent.lawfulBasis': 'Choose the lawful basis for sharing',
  'suspectedPerpetration.source': 'Say how the concern came to you',
};

function promptFor(path: string, reason: string, diagnostics: string): string {
  if (!reason.startsWith('form-')) return diagnostics;
  return PROMPTS[path.replace(/\[\d+\]/g, '')] ?? 'Check this answer';
}

/** The issues of a failed `parseDvaForm`/`mapFormToBundle`, or rethrows anything else. */
export function issuesOf(error: unknown, input: FormInput): FieldIssue[] {
  if (!(error instanceof OperationOutcomeError) || error.status !== 422) throw error;
  return error.outcome.issue.map((issue) => {
    const path = issue.expression?.[0] ?? '';
    const reason = issue.details?.coding?.[0]?.code ?? 'invalid-form';
    const id = fieldIdForPath(path, input);
    return {
      path,
      reason,
      message: promptFor(path, reason, issue.diagnostics ?? 'Check this answer'),
      step: stepOfPath(path),
      ...(id === undefined ? {} : { fieldId: id }),
    };
  });
}

/** One issue per control (the first), so the summary does not list a field twice. */
export function uniqueByField(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = issue.fieldId ?? `${issue.path}:${issue.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
