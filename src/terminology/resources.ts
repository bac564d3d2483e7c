/**
 * Every conformance resource under `terminology/`, loaded with static JSON imports so that the same code runs in
 * Node, in the browser bundle and in tests, with no file system at runtime. A test checks this list against the folder.
 */
import csCareSetting from '../../terminology/CodeSystem-care-setting.json' with { type: 'json' };
import csSafeEnquiryLocal from '../../terminology/CodeSystem-safe-enquiry-local.json' with { type: 'json' };
import cmCareSetting from '../../terminology/ConceptMap-care-setting.json' with { type: 'json' };
import vsAbuseType from '../../terminology/ValueSet-abuse-type.json' with { type: 'json' };
import vsAllegedPerpetrator from '../../terminology/ValueSet-alleged-perpetrator.json' with { type: 'json' };
import vsCareSetting from '../../terminology/ValueSet-care-setting.json' with { type: 'json' };
import vsCdsOverrideReason from '../../terminology/ValueSet-cds-override-reason.json' with { type: 'json' };
import vsChildInHousehold from '../../terminology/ValueSet-child-in-household.json' with { type: 'json' };
import vsDaServiceReferral from '../../terminology/ValueSet-da-service-referral.json' with { type: 'json' };
import vsDashAnswer from '../../terminology/ValueSet-dash-answer.json' with { type: 'json' };
import vsDashRiskLevel from '../../terminology/ValueSet-dash-risk-level.json' with { type: 'json' };
import vsDisclosure from '../../terminology/ValueSet-disclosure.json' with { type: 'json' };
import vsDvaFlag from '../../terminology/ValueSet-dva-flag.json' with { type: 'json' };
import vsDvaFlagCategory from '../../terminology/ValueSet-dva-flag-category.json' with { type: 'json' };
import vsDvaSecurityLabels from '../../terminology/ValueSet-dva-security-labels.json' with { type: 'json' };
import vsDvaSupport from '../../terminology/ValueSet-dva-support.json' with { type: 'json' };
import vsEnquiryAny from '../../terminology/ValueSet-enquiry-any.json' with { type: 'json' };
import vsEnquiryAsked from '../../terminology/ValueSet-enquiry-asked.json' with { type: 'json' };
import vsEnquiryDeclined from '../../terminology/ValueSet-enquiry-declined.json' with { type: 'json' };
import vsEnquiryNotMade from '../../terminology/ValueSet-enquiry-not-made.json' with { type: 'json' };
import vsEnquiryNotMadeReason from '../../terminology/ValueSet-enquiry-not-made-reason.json' with {
  type: 'json',
};
import vsEnquiryOutcome from '../../terminology/ValueSet-enquiry-outcome.json' with { type: 'json' };
import vsIdvaReferral from '../../terminology/ValueSet-idva-referral.json' with { type: 'json' };
import vsIndicatorAdverseReproductive from '../../terminology/ValueSet-indicator-adverse-reproductive.json' with {
  type: 'json',
};
import vsIndicatorAssault from '../../terminology/ValueSet-indicator-assault.json' with { type: 'json' };
import vsIndicatorChronicPain from '../../terminology/ValueSet-indicator-chronic-pain.json' with {
  type: 'json',
};
import vsIndicatorGiGuGynae from '../../terminology/ValueSet-indicator-gi-gu-gynae.json' with {
  type: 'json',
};
import vsIndicatorInjury from '../../terminology/ValueSet-indicator-injury.json' with { type: 'json' };
import vsIndicatorMentalHealth from '../../terminology/ValueSet-indicator-mental-health.json' with {
  type: 'json',
};
import vsIndicatorRepeatedOverdose from '../../terminology/ValueSet-indicator-repeated-overdose.json' with {
  type: 'json',
};
import vsIndicatorSubstanceMisuse from '../../terminology/ValueSet-indicator-substance-misuse.json' with {
  type: 'json',
};
import vsIndicatorSuicidality from '../../terminology/ValueSet-indicator-suicidality.json' with {
  type: 'json',
};
import vsInterpreterType from '../../terminology/ValueSet-interpreter-type.json' with { type: 'json' };
import vsLawfulBasis from '../../terminology/ValueSet-lawful-basis.json' with { type: 'json' };
import vsMaracCriterion from '../../terminology/ValueSet-marac-criterion.json' with { type: 'json' };
import vsMaracReferral from '../../terminology/ValueSet-marac-referral.json' with { type: 'json' };
import vsMaracStatus from '../../terminology/ValueSet-marac-status.json' with { type: 'json' };
import vsPerpetrationSource from '../../terminology/ValueSet-perpetration-source.json' with { type: 'json' };
import vsPerpetratorRelationship from '../../terminology/ValueSet-perpetrator-relationship.json' with {
  type: 'json',
};
import vsRecordAccessControl from '../../terminology/ValueSet-record-access-control.json' with {
  type: 'json',
};
import vsRecordingFhirCodes from '../../terminology/ValueSet-recording-fhir-codes.json' with { type: 'json' };
import vsRecordingSnomed from '../../terminology/ValueSet-recording-snomed.json' with { type: 'json' };
import vsReferralTarget from '../../terminology/ValueSet-referral-target.json' with { type: 'json' };
import vsRiskAssessment from '../../terminology/ValueSet-risk-assessment.json' with { type: 'json' };
import vsRiskHigh from '../../terminology/ValueSet-risk-high.json' with { type: 'json' };
import vsSafeEnquiryLocal from '../../terminology/ValueSet-safe-enquiry-local.json' with { type: 'json' };
import vsSafeguardingHousehold from '../../terminology/ValueSet-safeguarding-household.json' with {
  type: 'json',
};
import vsSelfHarm from '../../terminology/ValueSet-self-harm.json' with { type: 'json' };

/** The raw JSON of every file in `terminology/`, in file-name order (parsed by terminology.ts). */
export const TERMINOLOGY_JSON: readonly unknown[] = [
  csCareSetting,
  csSafeEnquiryLocal,
  cmCareSetting,
  vsAbuseType,
  vsAllegedPerpetrator,
  vsCareSetting,
  vsCdsOverrideReason,
  vsChildInHousehold,
  vsDaServiceReferral,
  vsDashAnswer,
  vsDashRiskLevel,
  vsDisclosure,
  vsDvaFlagCategory,
  vsDvaFlag,
  vsDvaSecurityLabels,
  vsDvaSupport,
  vsEnquiryAny,
  vsEnquiryAsked,
  vsEnquiryDeclined,
  vsEnquiryNotMadeReason,
  vsEnquiryNotMade,
  vsEnquiryOutcome,
  vsIdvaReferral,
  vsIndicatorAdverseReproductive,
  vsIndicatorAssault,
  vsIndicatorChronicPain,
  vsIndicatorGiGuGynae,
  vsIndicatorInjury,
  vsIndicatorMentalHealth,
  vsIndicatorRepeatedOverdose,
  vsIndicatorSubstanceMisuse,
  vsIndicatorSuicidality,
  vsInterpreterType,
  vsLawfulBasis,
  vsMaracCriterion,
  vsMaracReferral,
  vsMaracStatus,
  vsPerpetrationSource,
  vsPerpetratorRelationship,
  vsRecordingFhirCodes,
  vsRecordingSnomed,
  vsReferralTarget,
  vsRecordAccessControl,
  vsRiskAssessment,
  vsRiskHigh,
  vsSafeEnquiryLocal,
  vsSafeguardingHousehold,
  vsSelfHarm,
];
