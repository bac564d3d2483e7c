import { CANONICAL_BASE } from '../shared/canonical.ts';

/**
 * ValueSet ids of the standardised DVA dataset measures (CONTRACT: shared/docs/dataset.md). Each is also the id and
 * file name of its ValueSet under `terminology/`.
 */
export const MEASURE_VALUE_SET_IDS = [
  'enquiry-asked',
  'enquiry-declined',
  'enquiry-not-made',
  'disclosure',
  'risk-assessment',
  'risk-high',
  'marac-referral',
  'idva-referral',
  'da-service-referral',
  'alleged-perpetrator',
  'child-in-household',
  'self-harm',
] as const;
export type MeasureValueSetId = (typeof MEASURE_VALUE_SET_IDS)[number];

/**
 * Every ValueSet id under `terminology/`, by name. The CDS rules, the recording library and the extractor refer to
 * ValueSets through these constants only. `indicator-cns-symptoms` does not exist: no CNS-symptom concept (headache,
 * cognitive problems, hearing loss) is verified in shared/research/terminology.md §1j.
 */
export const VALUE_SET_IDS = {
  enquiryAsked: 'enquiry-asked',
  enquiryDeclined: 'enquiry-declined',
  enquiryNotMade: 'enquiry-not-made',
  disclosure: 'disclosure',
  riskAssessment: 'risk-assessment',
  riskHigh: 'risk-high',
  maracReferral: 'marac-referral',
  idvaReferral: 'idva-referral',
  daServiceReferral: 'da-service-referral',
  allegedPerpetrator: 'alleged-perpetrator',
  childInHousehold: 'child-in-household',
  selfHarm: 'self-harm',
  indicatorRepeatedOverdose: 'indicator-repeated-overdose',
  indicatorMentalHealth: 'indicator-mental-health',
  indicatorSuicidality: 'indicator-suicidality',
  indicatorSubstanceMisuse: 'indicator-substance-misuse',
  indicatorChronicPain: 'indicator-chronic-pain',
  indicatorInjury: 'indicator-injury',
  indicatorAssault: 'indicator-assault',
  indicatorGiGuGynae: 'indicator-gi-gu-gynae',
  indicatorAdverseReproductive: 'indicator-adverse-reproductive',
  safeguardingHousehold: 'safeguarding-household',
  enquiryAny: 'enquiry-any',
  cdsOverrideReason: 'cds-override-reason',
  enquiryNotMadeReason: 'enquiry-not-made-reason',
  enquiryOutcome: 'enquiry-outcome',
  interpreterType: 'interpreter-type',
  abuseType: 'abuse-type',
  perpetratorRelationship: 'perpetrator-relationship',
  referralTarget: 'referral-target',
  maracCriterion: 'marac-criterion',
  maracStatus: 'marac-status',
  dashRiskLevel: 'dash-risk-level',
  dashAnswer: 'dash-answer',
  lawfulBasis: 'lawful-basis',
  perpetrationSource: 'perpetration-source',
  dvaFlag: 'dva-flag',
  dvaFlagCategory: 'dva-flag-category',
  dvaSecurityLabels: 'dva-security-labels',
  dvaSupport: 'dva-support',
  recordAccessControl: 'record-access-control',
  recordingFhirCodes: 'recording-fhir-codes',
  recordingSnomed: 'recording-snomed',
  safeEnquiryLocal: 'safe-enquiry-local',
  careSetting: 'care-setting',
} as const;
export type ValueSetId = (typeof VALUE_SET_IDS)[keyof typeof VALUE_SET_IDS];

/** CodeSystem ids under `terminology/`. */
export const CODE_SYSTEM_IDS = {
  safeEnquiryLocal: 'safe-enquiry-local',
  careSetting: 'care-setting',
} as const;

/** ConceptMap ids under `terminology/`. */
export const CONCEPT_MAP_IDS = { careSetting: 'care-setting' } as const;

/** All terminology ids, by resource type. */
export const TERMINOLOGY_IDS = {
  valueSets: VALUE_SET_IDS,
  codeSystems: CODE_SYSTEM_IDS,
  conceptMaps: CONCEPT_MAP_IDS,
} as const;

/** URL of the local CodeSystem for concepts with no verified national code (each concept says why it is local). */
export const LOCAL_SYSTEM = `${CANONICAL_BASE}/CodeSystem/safe-enquiry-local`;
/** URL of the care-setting CodeSystem (dataset `setting` breakdown). */
export const CARE_SETTING_SYSTEM = `${CANONICAL_BASE}/CodeSystem/care-setting`;
/** Source system of the care-setting ConceptMap (Encounter.serviceType). */
export const PRACTICE_SETTING_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';
