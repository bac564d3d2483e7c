import type { Draft } from './draft.ts';

/** The screens of the recording flow that collect answers, in flow order. */
export const STEP_IDS = ['safety', 'ask', 'disclosure', 'risk', 'actions', 'perpetration', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The steps this draft goes through: disclosure and risk only after a disclosure, actions unless not asked. */
export function stepsFor(draft: Draft): StepId[] {
  if (draft.mode === 'perpetration') return ['perpetration', 'review'];
  const disclosed = draft.outcome === 'asked-disclosed';
  const asked = draft.outcome !== 'not-asked';
  return [
    'safety',
    'ask',
    ...(disclosed ? (['disclosure', 'risk'] as const) : []),
    ...(asked ? (['actions'] as const) : []),
    'review',
  ];
}

/** True when `step` comes at or before `upTo` in this draft's flow. */
export function reached(draft: Draft, step: StepId, upTo: StepId): boolean {
  const steps = stepsFor(draft);
  const at = steps.indexOf(step);
  return at >= 0 && at <= steps.indexOf(upTo);
}

const FIELD_STEPS: readonly (readonly [RegExp, StepId])[] = [
  [/^enquiry\.(setting|patientAlone|privateSpace|interpreter)/, 'safety'],
  [/^enquiry/, 'ask'],
  [/^disclosure\.children/, 'actions'],
  [/^disclosure/, 'disclosure'],
  [/^risk/, 'risk'],
  [/^(actions|consent|recordAccess)/, 'actions'],
  [/^suspectedPerpetration/, 'perpetration'],
];

/** The step where the field at this form path is answered (`review` for whole-form problems). */
export function stepOfPath(path: string): StepId {
  return FIELD_STEPS.find(([pattern]) => pattern.test(path))?.[1] ?? 'review';
}
