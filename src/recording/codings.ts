import type { CodeableConcept, Coding } from 'fhir/r4.js';
import { CANONICAL_BASE, SNOMED } from '../shared/canonical.ts';
import { CARE_SETTING_SYSTEM, LOCAL_SYSTEM, terminology } from '../terminology/index.ts';
import {
  ABUSE_TYPES,
  type AbuseType,
  REFERRAL_TARGETS,
  RELATIONSHIPS,
  type ReferralTarget,
  type Relationship,
} from './form.schema.ts';

/**
 * Every coding the recording library writes comes from `terminology/` through this function: the display is read
 * from there, and a code missing from it throws when this module loads (the drift guard at runtime).
 */
export function concept(system: string, code: string): Coding {
  const found = terminology.lookup(system, code);
  if (!found) throw new Error(`recording: ${system}|${code} is not in terminology/`);
  return found.display ? { system, code, display: found.display } : { system, code };
}

export const sct = (code: string): Coding => concept(SNOMED, code);
export const local = (code: string): Coding => concept(LOCAL_SYSTEM, code);
export const cc = (...codings: Coding[]): CodeableConcept => ({ coding: codings });

export const HL7 = 'http://terminology.hl7.org/CodeSystem';
const ROLE_CODE = `${HL7}/v3-RoleCode`;

/** Canonical of the DASH RIC items answered in a QuestionnaireResponse (question texts are SafeLives copyright). */
export const DASH_QUESTIONNAIRE = `${CANONICAL_BASE}/Questionnaire/dash-ric-2009`;

export const SCT = {
  enquiry: '700410005',
  enquiryDeclined: '700411009',
  adviceGiven: '413457006',
  victim: '879911000000102',
  historyOfAbuse: '429746005',
  highRisk: '759481000000100',
  dashChecklist: '886191000000106',
  dashAssessment: '886201000000108',
  dashClassification: '886231000000102',
  advocateReferral: '431719007',
  daAgencyReferral: '758599003',
  maracReferral: '978091000000105',
  adultSafeguardingReferral: '514331000000104',
  allegedPerpetrator: '206411000000103',
  victimInHousehold: '881081000000100',
  enhancedReview: '1364731000000104',
} as const;

const ABUSE_TYPE_CODING: Readonly<Record<AbuseType, Coding>> = {
  physical: sct('720684005'),
  sexual: sct('720595008'),
  emotional: sct('720025009'),
  economic: sct('225827005'),
  'sexual-harassment': sct('225830003'),
  fgm: sct('95041000119101'),
  trafficking: sct('734998001'),
  psychological: local('psychological-abuse'),
  'coercive-control': local('coercive-control'),
  'honour-based-abuse': local('honour-based-abuse'),
  'forced-marriage': local('forced-marriage'),
  stalking: local('stalking'),
};

const RELATIONSHIP_CODING: Readonly<Record<Relationship, Coding>> = {
  husband: concept(ROLE_CODE, 'HUSB'),
  wife: concept(ROLE_CODE, 'WIFE'),
  spouse: concept(ROLE_CODE, 'SPS'),
  partner: concept(ROLE_CODE, 'DOMPART'),
  'significant-other': concept(ROLE_CODE, 'SIGOTHR'),
  'former-spouse': concept(ROLE_CODE, 'FMRSPS'),
  'former-partner': local('former-partner'),
  parent: concept(ROLE_CODE, 'PRN'),
  'step-parent': concept(ROLE_CODE, 'STPPRN'),
  child: concept(ROLE_CODE, 'CHILD'),
  sibling: concept(ROLE_CODE, 'SIB'),
  'parent-in-law': concept(ROLE_CODE, 'PRNINLAW'),
  'sibling-in-law': concept(ROLE_CODE, 'SIBINLAW'),
  'child-in-law': concept(ROLE_CODE, 'CHLDINLAW'),
  'in-law': concept(ROLE_CODE, 'INLAW'),
  'extended-family': concept(ROLE_CODE, 'EXT'),
  'family-member': concept(ROLE_CODE, 'FAMMEMB'),
};

/** SNOMED first, then a local code that says more (MHIDVA) or stands in for a missing concept. */
const REFERRAL_CODINGS: Readonly<Record<ReferralTarget, readonly Coding[]>> = {
  idva: [sct(SCT.advocateReferral)],
  mhidva: [sct(SCT.advocateReferral), local('referral-mhidva')],
  'da-service': [sct(SCT.daAgencyReferral)],
  marac: [sct(SCT.maracReferral)],
  'safeguarding-adults': [sct(SCT.adultSafeguardingReferral)],
  'safeguarding-children': [local('referral-safeguarding-children')],
};

export const abuseTypeCoding = (type: AbuseType): Coding => ({ ...ABUSE_TYPE_CODING[type] });
export const relationshipCoding = (relationship: Relationship): Coding => ({
  ...RELATIONSHIP_CODING[relationship],
});
export const referralCodings = (target: ReferralTarget): Coding[] =>
  REFERRAL_CODINGS[target].map((c) => ({ ...c }));
export const careSettingCoding = (setting: string): Coding => concept(CARE_SETTING_SYSTEM, setting);
export const hl7 = (codeSystem: string, code: string): Coding => concept(`${HL7}/${codeSystem}`, code);

/** Reverse lookups for the reader. */
const same = (a: Coding, b: Coding): boolean => a.system === b.system && a.code === b.code;

export function abuseTypeOf(coding: Coding): AbuseType | undefined {
  return ABUSE_TYPES.find((type) => same(ABUSE_TYPE_CODING[type], coding));
}
export function relationshipOf(coding: Coding): Relationship | undefined {
  return RELATIONSHIPS.find((relationship) => same(RELATIONSHIP_CODING[relationship], coding));
}
export function referralTargetOf(codings: readonly Coding[]): ReferralTarget | undefined {
  return REFERRAL_TARGETS.find((target) => {
    const expected = REFERRAL_CODINGS[target];
    return expected.length === codings.length && expected.every((c) => codings.some((x) => same(c, x)));
  });
}
