import { REFERRAL_TARGETS, riskLevelForScore } from '../../../recording/index.ts';
import type { Draft } from './draft.ts';
import { reached, type StepId } from './steps.ts';

/** Form input as `parseDvaForm` takes it: unchecked, so that every missing or bad answer is reported at once. */
export type FormInput = Record<string, unknown>;

/** A typed whole number, the text itself when it is not one (the parser then names the field), or undefined. */
export function wholeNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

function enquiryInput(draft: Draft): FormInput {
  return defined({
    setting: draft.setting,
    patientAlone: draft.patientAlone,
    privateSpace: draft.privateSpace,
    interpreter: draft.interpreter,
    outcome: draft.outcome,
    notAskedReason: draft.outcome === 'not-asked' ? draft.notAskedReason : undefined,
  });
}

function childrenInput(draft: Draft): FormInput | undefined {
  const count = wholeNumber(draft.childrenCount);
  const ages = draft.childAges
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map((t) => wholeNumber(t));
  if (count === undefined && ages.length === 0 && draft.linkedChildren.length === 0) return undefined;
  return { count, ages, linkedPatientIds: [...draft.linkedChildren] };
}

function disclosureInput(draft: Draft, upTo: StepId): FormInput {
  const value = wholeNumber(draft.durationValue);
  return defined({
    timing: draft.timing,
    abuseTypes: [...draft.abuseTypes],
    relationships: [...draft.relationships],
    duration: value === undefined ? undefined : { value, unit: draft.durationUnit },
    pregnant: draft.pregnant === 'unknown' ? undefined : draft.pregnant === 'yes',
    children: reached(draft, 'actions', upTo) ? childrenInput(draft) : undefined,
  });
}

/** The DASH score the draft implies: the "yes" count, or the score typed in; undefined until known. */
export function draftScore(draft: Draft): number | undefined {
  if (draft.riskMode === 'questions') return draft.dashAnswers.filter((a) => a === 'yes').length;
  const score = wholeNumber(draft.score);
  return typeof score === 'number' ? score : undefined;
}

function riskInput(draft: Draft): FormInput | undefined {
  if (draft.riskMode === 'none') return undefined;
  const score = draftScore(draft);
  const fromScore = score === undefined ? undefined : riskLevelForScore(score);
  return defined({
    dashAnswers: draft.riskMode === 'questions' ? [...draft.dashAnswers] : undefined,
    score: draft.riskMode === 'score' ? wholeNumber(draft.score) : undefined,
    professionalJudgement: draft.professionalJudgement,
    level: draft.professionalJudgement ? (draft.level ?? fromScore) : fromScore,
  });
}

function actionsInput(draft: Draft): FormInput {
  const referrals = REFERRAL_TARGETS.flatMap((target) => {
    const choice = draft.referrals[target];
    if (choice === undefined || choice === 'none') return [];
    const criterion = target === 'marac' ? draft.maracCriterion : undefined;
    return [defined({ target, status: choice, maracCriterion: criterion })];
  });
  return defined({
    referrals,
    safetyPlan: draft.safetyPlan,
    informationGiven: draft.informationGiven,
    followUpDate: draft.followUpDate === '' ? undefined : draft.followUpDate,
  });
}

function consentInput(draft: Draft): FormInput | undefined {
  if (draft.consentDecision === undefined && draft.lawfulBasis === undefined) return undefined;
  return defined({ decision: draft.consentDecision, lawfulBasis: draft.lawfulBasis });
}

function perpetrationInput(draft: Draft, patientId: string): FormInput {
  return defined({
    patientId,
    source: draft.perpetrationSource,
    riskToOthers: draft.riskToOthers,
    riskToChildren: draft.riskToChildren,
  });
}

/**
 * The form input for the answers given up to `upTo` (a later step's sections are left out, so their rules do not
 * fire early). `parseDvaForm` then checks it; `mapFormToBundle` maps it.
 */
export function buildFormInput(draft: Draft, patientId: string, upTo: StepId = 'review'): FormInput {
  if (draft.mode === 'perpetration') {
    return { suspectedPerpetration: perpetrationInput(draft, patientId) };
  }
  const disclosed = draft.outcome === 'asked-disclosed';
  const actions = reached(draft, 'actions', upTo);
  return defined({
    enquiry: enquiryInput(draft),
    disclosure: disclosed && reached(draft, 'disclosure', upTo) ? disclosureInput(draft, upTo) : undefined,
    risk: disclosed && reached(draft, 'risk', upTo) ? riskInput(draft) : undefined,
    actions: actions ? actionsInput(draft) : undefined,
    consent: actions ? consentInput(draft) : undefined,
    recordAccess: actions && draft.enhancedReview ? { enhancedReview: true } : undefined,
  });
}

/**
 * The two-click "not asked — not safe now" record: the enquiry alone, with only what is known of the conditions
 * (an unanswered one is left out, never recorded as "no": the recording library allows that when not asked).
 */
export function buildNotSafeInput(draft: Draft, reason: Draft['notAskedReason']): FormInput {
  return {
    enquiry: defined({
      setting: draft.setting,
      patientAlone: draft.patientAlone,
      privateSpace: draft.privateSpace,
      interpreter: draft.interpreter,
      outcome: 'not-asked',
      notAskedReason: reason ?? 'not-asked-not-safe-now',
    }),
  };
}
