import type {
  AbuseType,
  CARE_SETTINGS,
  CONSENT_DECISIONS,
  DASH_ANSWERS,
  DURATION_UNITS,
  ENQUIRY_OUTCOMES,
  INTERPRETER_TYPES,
  LAWFUL_BASES,
  MARAC_CRITERIA,
  PERPETRATION_SOURCES,
  ReferralTarget,
  Relationship,
  RiskLevel,
} from '../../../recording/index.ts';
import type { EnquiryNotMadeReasonCode } from '../../../terminology/index.ts';

export type CareSetting = (typeof CARE_SETTINGS)[number];
export type InterpreterType = (typeof INTERPRETER_TYPES)[number];
export type EnquiryOutcome = (typeof ENQUIRY_OUTCOMES)[number];
export type DashAnswer = (typeof DASH_ANSWERS)[number];
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type MaracCriterion = (typeof MARAC_CRITERIA)[number];
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export type LawfulBasis = (typeof LAWFUL_BASES)[number];
export type PerpetrationSource = (typeof PERPETRATION_SOURCES)[number];
export type ReferralChoice = 'none' | 'made' | 'declined';
export type RiskMode = 'questions' | 'score' | 'none';
export type YesNoUnknown = 'yes' | 'no' | 'unknown';

/** What is being recorded: an enquiry (and what followed) or, separately, suspected perpetration. */
export type DraftMode = 'enquiry' | 'perpetration';

/**
 * The clinician's answers as they are being given: in memory only, never persisted (no Web Storage, IndexedDB,
 * cookies or URL). Free-typed numbers stay as typed until the form is built, so a half-typed value is still shown.
 */
export interface Draft {
  /** Generated once per form (crypto.randomUUID); every retry of the submit reuses it (idempotent ids). */
  readonly submissionId: string;
  mode: DraftMode;
  setting?: CareSetting | undefined;
  patientAlone?: boolean | undefined;
  privateSpace?: boolean | undefined;
  interpreter?: InterpreterType | undefined;
  outcome?: EnquiryOutcome | undefined;
  notAskedReason?: EnquiryNotMadeReasonCode | undefined;
  timing?: 'current' | 'past' | undefined;
  abuseTypes: AbuseType[];
  relationships: Relationship[];
  durationValue: string;
  durationUnit: DurationUnit;
  pregnant: YesNoUnknown;
  childrenCount: string;
  childAges: string;
  linkedChildren: string[];
  riskMode: RiskMode;
  dashAnswers: (DashAnswer | undefined)[];
  score: string;
  professionalJudgement: boolean;
  level?: RiskLevel | undefined;
  referrals: Partial<Record<ReferralTarget, ReferralChoice>>;
  maracCriterion?: MaracCriterion | undefined;
  safetyPlan: boolean;
  informationGiven: boolean;
  /** Ask for "enhanced review" (SNOMED 1364731000000104) before the patient gets online access to their record. */
  enhancedReview: boolean;
  followUpDate: string;
  consentDecision?: ConsentDecision | undefined;
  lawfulBasis?: LawfulBasis | undefined;
  perpetrationSource?: PerpetrationSource | undefined;
  riskToOthers: boolean;
  riskToChildren: boolean;
}

/** A blank draft with a fresh submission id. */
export function createDraft(submissionId: string, mode: DraftMode = 'enquiry'): Draft {
  return {
    submissionId,
    mode,
    abuseTypes: [],
    relationships: [],
    durationValue: '',
    durationUnit: 'years',
    pregnant: 'unknown',
    childrenCount: '',
    childAges: '',
    linkedChildren: [],
    riskMode: 'questions',
    dashAnswers: Array.from({ length: 24 }, () => undefined),
    score: '',
    professionalJudgement: false,
    referrals: {},
    safetyPlan: false,
    informationGiven: false,
    enhancedReview: false,
    followUpDate: '',
    riskToOthers: false,
    riskToChildren: false,
  };
}

/** Adds or removes a value of a multi-choice answer, keeping the order of `all`. */
export function toggleValue<T>(values: readonly T[], value: T, on: boolean, all: readonly T[]): T[] {
  const set = new Set(values);
  if (on) set.add(value);
  else set.delete(value);
  return all.filter((v) => set.has(v));
}
