export { CANONICAL_BASE, canonicalUrl, ICD10, SNOMED } from './canonical.ts';
export {
  createOperationOutcome,
  ERROR_CODE_SYSTEM,
  type IssueInput,
  IssueType,
  internalErrorOutcome,
  OperationOutcomeError,
} from './operation-outcome.ts';
export {
  ACT_CODE_SYSTEM,
  CONFIDENTIALITY_SYSTEM,
  type ConfidentialityLevel,
  dvaSecurityLabels,
  isNotForPatient,
  isRestricted,
  LABEL_NOPAT,
  LABEL_RESTRICTED,
  LABEL_SDV,
  LABEL_VERY_RESTRICTED,
} from './security-labels.ts';
export type { CareSetting, ConceptRef, Terminology } from './terminology.ts';
