export {
  EMIS_LOCAL_NAMESPACE,
  isEmisLocalSctid,
  isValidSctid,
  normaliseIcd10,
  passesVerhoeff,
  sctidNamespace,
} from './code-checks.ts';
export {
  CARE_SETTING_SYSTEM,
  CODE_SYSTEM_IDS,
  CONCEPT_MAP_IDS,
  LOCAL_SYSTEM,
  MEASURE_VALUE_SET_IDS,
  type MeasureValueSetId,
  PRACTICE_SETTING_SYSTEM,
  TERMINOLOGY_IDS,
  VALUE_SET_IDS,
  type ValueSetId,
} from './ids.ts';
export {
  CDS_OVERRIDE_REASON_CODES,
  type CdsOverrideReasonCode,
  ENQUIRY_NOT_MADE_REASON_CODES,
  type EnquiryNotMadeReasonCode,
  LOCAL_ABUSE_TYPE_CODES,
  LOCAL_CODES,
} from './local-codes.ts';
export { TERMINOLOGY_JSON } from './resources.ts';
export { createTerminology, terminology } from './terminology.ts';
export { indexResources, type TerminologyResources } from './terminology-index.ts';
