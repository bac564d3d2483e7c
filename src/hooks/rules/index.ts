export {
  buildClinicalRecord,
  bundleResources,
  type ClinicalRecord,
  type EncounterFact,
  type Fact,
  type FactType,
  type RecordInput,
  refersToPatient,
} from './clinical-record.ts';
export { ageInYears, localDay, monthsBefore, parseFhirDate } from './clinical-time.ts';
export { codeMatcherFor, createCodeMatcher, RULE_VALUE_SETS } from './code-matcher.ts';
export { evaluateDiagnosticOvershadowing } from './diagnostic-overshadowing.rule.ts';
export {
  buildRuleContext,
  type Decision,
  decideFor,
  type EvaluationInput,
  evaluateRules,
  type NoCardReason,
  selectEncounter,
} from './evaluate-rules.ts';
export { asArray, asObject, asString, type JsonObject } from './json-narrowing.ts';
export { evaluateRepeatSelfHarm } from './repeat-self-harm.rule.ts';
export { evaluateRoutineEnquiry } from './routine-enquiry.rule.ts';
export {
  type AttendanceEvidence,
  type CodeMatcher,
  type Evidence,
  type IndicatorId,
  type NoRecentEnquiryEvidence,
  type RecordEvidence,
  RULE_IDS,
  type RuleContext,
  type RuleHit,
  type RuleId,
  type WholeFamilyHit,
} from './rule.types.ts';
export {
  DEFAULT_RULE_CONFIG,
  OVERSHADOWING_INDICATORS,
  type OvershadowingIndicator,
  type RuleConfig,
  type RuleConfigInput,
  resolveRuleConfig,
  ruleConfigSchema,
} from './rule-config.ts';
export {
  assessSuppression,
  classifyEnquiry,
  disclosureEvidence,
  type EnquiryKind,
  lastEnquiry,
  notSafeNowToday,
  type Suppression,
} from './suppression.rule.ts';
export { evaluateWholeFamily } from './whole-family.rule.ts';
