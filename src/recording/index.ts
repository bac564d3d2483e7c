export { mapFormToBundle } from './bundle.map.ts';
export { DASH_QUESTIONNAIRE } from './codings.ts';
export { formatPath, parseDvaForm } from './form.parse.ts';
export { dashScore, type FormProblem, riskLevelForScore } from './form.rules.ts';
export {
  ABUSE_TYPES,
  type AbuseType,
  type ActionsSection,
  CARE_SETTINGS,
  CONSENT_DECISIONS,
  type ConsentSection,
  DASH_ANSWERS,
  DASH_QUESTION_COUNT,
  type DisclosureSection,
  DURATION_UNITS,
  type DvaForm,
  ENQUIRY_OUTCOMES,
  type EnquirySection,
  INTERPRETER_TYPES,
  LAWFUL_BASES,
  MARAC_CRITERIA,
  PERPETRATION_SOURCES,
  type PerpetrationSection,
  REFERRAL_TARGETS,
  RELATIONSHIPS,
  type RecordAccessSection,
  type Referral,
  type ReferralTarget,
  type Relationship,
  RISK_LEVELS,
  type RiskLevel,
  type RiskSection,
} from './form.schema.ts';
export { recordId } from './record-id.ts';
export { parseRecordingContext, type RecordingContext } from './recording-context.ts';
export { UK_CORE_PROFILES } from './resource.build.ts';
export {
  MARAC_OUTCOMES,
  type MaracOutcome,
  mapReviewToBundle,
  type ReviewContext,
  type ReviewOutcome,
} from './review.map.ts';
export { readDvaSummary } from './summary.read.ts';
export type {
  ConsentSummary,
  DisclosureSummary,
  DvaSummary,
  EnquirySummary,
  FlagSummary,
  MaracSummary,
  ReferralSummary,
  RiskSummary,
} from './summary.types.ts';
