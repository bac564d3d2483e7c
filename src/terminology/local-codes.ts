/**
 * Codes of the local CodeSystem `safe-enquiry-local` (terminology/CodeSystem-safe-enquiry-local.json) that code
 * refers to by name. A test checks every one exists in the CodeSystem, so a renamed concept fails the build.
 */

/** CDS card override reasons (ValueSet `cds-override-reason`). */
export const CDS_OVERRIDE_REASON_CODES = [
  'override-not-alone',
  'override-not-safe-now',
  'override-asked-recently',
  'override-declined',
  'override-not-clinically-appropriate',
  'override-already-known',
] as const;
export type CdsOverrideReasonCode = (typeof CDS_OVERRIDE_REASON_CODES)[number];

/** Reasons a DVA enquiry was not made (ValueSet `enquiry-not-made-reason`). */
export const ENQUIRY_NOT_MADE_REASON_CODES = [
  'not-asked-not-safe-now',
  'not-asked-not-alone',
  'not-asked-no-interpreter',
  'not-asked-no-private-space',
  'not-asked-not-clinically-appropriate',
  'not-asked-asked-recently',
] as const;
export type EnquiryNotMadeReasonCode = (typeof ENQUIRY_NOT_MADE_REASON_CODES)[number];

/** Abuse types with no verified SNOMED CT concept (terminology.md §1c GAP). */
export const LOCAL_ABUSE_TYPE_CODES = [
  'coercive-control',
  'honour-based-abuse',
  'forced-marriage',
  'stalking',
  'psychological-abuse',
] as const;

/** Every other local code the recording library writes, by meaning. */
export const LOCAL_CODES = {
  cardTopic: 'topic-safe-enquiry',
  outcomeDisclosed: 'enquiry-outcome-disclosed',
  outcomeNoDisclosure: 'enquiry-outcome-no-disclosure',
  enquiryConditions: 'enquiry-conditions',
  patientAlone: 'patient-alone',
  privateSpace: 'private-space',
  interpreter: 'interpreter',
  careSetting: 'care-setting',
  disclosureDetails: 'disclosure-details',
  abuseType: 'abuse-type',
  relationship: 'relationship-to-person-causing-harm',
  abuseDuration: 'abuse-duration',
  pregnant: 'pregnant',
  childrenInHousehold: 'children-in-household',
  childAge: 'child-age',
  formerPartner: 'former-partner',
  dashStandard: 'dash-level-standard',
  dashMedium: 'dash-level-medium',
  dashHigh: 'dash-level-high',
  dashProfessionalJudgement: 'dash-professional-judgement',
  referralMhidva: 'referral-mhidva',
  referralSafeguardingChildren: 'referral-safeguarding-children',
  referralOfferDeclined: 'referral-offer-declined',
  safetyPlan: 'safety-plan',
  followUp: 'dva-follow-up',
  safeguardingReview: 'safeguarding-review',
  informationSharing: 'dva-information-sharing',
  riskToOthers: 'risk-to-others',
  riskToChildren: 'risk-to-children',
  sourceOwnDisclosure: 'perpetration-source-own-disclosure',
  sourceThirdParty: 'perpetration-source-third-party',
} as const;
