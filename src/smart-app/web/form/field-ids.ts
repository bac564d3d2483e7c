import type { FormInput } from './draft-to-form.ts';

/** Id of the control for a field, from its form path: `enquiry.setting` → `f-enquiry-setting`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\[\d+\]/g, '').replace(/\./g, '-')}`;
}

function referralTarget(input: FormInput, index: number): string | undefined {
  const actions = input.actions;
  if (typeof actions !== 'object' || actions === null) return undefined;
  const referrals = (actions as { referrals?: unknown }).referrals;
  const entry = Array.isArray(referrals) ? (referrals[index] as unknown) : undefined;
  const target =
    typeof entry === 'object' && entry !== null ? (entry as { target?: unknown }).target : undefined;
  return typeof target === 'string' ? target : undefined;
}

const SPECIAL: readonly (readonly [
  RegExp,
  (match: RegExpExecArray, input: FormInput) => string | undefined,
])[] = [
  [/^actions\.referrals\[(\d+)\]\.maracCriterion$/, () => 'f-marac-criterion'],
  [
    /^actions\.referrals\[(\d+)\]/,
    (m, input) => {
      const target = referralTarget(input, Number(m[1]));
      return target ? `f-referral-${target}` : undefined;
    },
  ],
  [/^risk\.dashAnswers\[(\d+)\]/, (m) => `f-dash-${Number(m[1]) + 1}`],
  [/^risk\.dashAnswers$/, () => 'f-dash-1'],
  [/^risk\.score$/, (_m, input) => (hasScore(input) ? 'f-risk-score' : 'f-dash-1')],
  [/^risk\.level$/, () => 'f-risk-level'],
  [/^disclosure\.children\.ages/, () => 'f-children-ages'],
  [/^disclosure\.children\.linkedPatientIds/, () => 'f-children-links'],
  [/^disclosure\.children/, () => 'f-children-count'],
  [/^disclosure\.duration/, () => 'f-disclosure-duration'],
  [/^consent$/, () => 'f-consent-decision'],
  [/^suspectedPerpetration\.patientId$/, () => undefined],
  [/^(enquiry|disclosure|risk|actions|suspectedPerpetration)?$/, () => undefined],
];

function hasScore(input: FormInput): boolean {
  const risk = input.risk;
  return typeof risk === 'object' && risk !== null && 'score' in risk;
}

/** The id of the control to link an error to, or undefined for problems with the whole form or section. */
export function fieldIdForPath(path: string, input: FormInput): string | undefined {
  for (const [pattern, resolve] of SPECIAL) {
    const match = pattern.exec(path);
    if (match) return resolve(match, input);
  }
  return fieldId(path);
}
