import { ICD10, SNOMED } from '../../shared/index.ts';
import { LOCAL_CODES, LOCAL_SYSTEM } from '../../terminology/index.ts';

/**
 * Every code the seed writes. SNOMED CT and ICD-10 codes are the VERIFIED entries of
 * shared/research/terminology.md (section noted per group), with the term as seen there; local codes are concepts of
 * terminology/CodeSystem-safe-enquiry-local.json. Nothing else is coded: conditions with no verified code
 * (diabetes, hypertension, ADHD, long COVID, eating disorder…) are written as text only.
 */

/** A coded concept (one coding) or an uncoded one (text only). */
export interface CodedConcept {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}
export interface TextConcept {
  readonly text: string;
}
export type SeedConcept = CodedConcept | TextConcept;

export function isCoded(concept: SeedConcept): concept is CodedConcept {
  return 'code' in concept;
}

function sct(code: string, display: string): CodedConcept {
  return { system: SNOMED, code, display };
}

/** ICD-10 (WHO, UK 5th edition); no display where terminology.md gives no title for the subcode. */
function icd10(code: string): CodedConcept {
  return { system: ICD10, code };
}

function local(code: string, display: string): CodedConcept {
  return { system: LOCAL_SYSTEM, code, display };
}

/** Text-only concept, for anything without a verified code. */
export function text(value: string): TextConcept {
  return { text: value };
}

/** §1a enquiry. */
export const ENQUIRY = {
  routine: sct('700410005', 'Routine enquiry about domestic abuse'),
  declined: sct('700411009', 'Routine enquiry about domestic abuse declined'),
} as const;

/** §1b–1c victim-survivor (disclosure) and types of abuse. */
export const DISCLOSURE = {
  victimOfDomesticAbuse: sct('879911000000102', 'Victim of domestic abuse'),
  victimOfIntimatePartnerAbuse: sct('706893006', 'Victim of intimate partner abuse'),
  historyOfDomesticAbuse: sct('429746005', 'History of domestic abuse'),
  physical: sct('720684005', 'Domestic physical abuse'),
  sexual: sct('720595008', 'Domestic sexual abuse'),
  emotional: sct('720025009', 'Domestic emotional abuse'),
  financial: sct('225827005', 'Victim of financial abuse'),
  historyPhysical: sct('720411002', 'History of domestic physical abuse'),
  historySexual: sct('720741001', 'History of domestic sexual abuse'),
  livingInRefuge: sct('864131000000100', 'Living in refuge'),
} as const;

/** §1d perpetrator, §1f risk, §1g MARAC and referral, §1h online access. */
export const RESPONSE = {
  allegedPerpetrator: sct('206411000000103', 'Alleged perpetrator of domestic violence'),
  dashAssessment: sct(
    '886201000000108',
    'Assessment using DASH (Domestic Abuse, Stalking and Harassment and Honour Based Violence) 2009 Risk Checklist',
  ),
  dashClassification: sct(
    '886231000000102',
    'DASH (Domestic Abuse, Stalking and Harassment and Honour Based Violence) 2009 Risk Checklist - initial risk classification',
  ),
  highRisk: sct('759481000000100', 'At high risk of domestic violence'),
  maracReferral: sct('978091000000105', 'Referral to MARAC (multi-agency risk assessment conference)'),
  subjectOfMarac: sct('758941000000108', 'Subject of MARAC (multi-agency risk assessment conference)'),
  idvaReferral: sct('431719007', 'Referral to domestic violence advocate'),
  enhancedReview: sct(
    '1364731000000104',
    'Enhanced review indicated before granting access to own health record',
  ),
} as const;

/** §1e children and household. */
export const HOUSEHOLD = {
  victimInHousehold: sct('881081000000100', 'Domestic abuse victim in household'),
  notificationInHousehold: sct(
    '983731000000107',
    'Notification received of alleged domestic violence in household',
  ),
  policeIncidentReport: sct('895141000000105', 'Police domestic incident report received'),
  childProtectionPlan: sct('342191000000101', 'Subject to child protection plan'),
} as const;

/** §1i self-harm and §2 ICD-10 X60–X84 (4th character = place of occurrence, .9 unspecified). */
export const SELF_HARM = {
  selfInjurious: sct('248062006', 'Self-injurious behavior'),
  selfInflicted: sct('276853009', 'Self inflicted injury'),
  selfPoisoning: sct('271982007', 'Intentional self poisoning'),
  suicideAttempt: sct('82313006', 'Suicide attempt'),
  nonSuicidal: sct('735642007', 'Non suicidal self inflicted injury'),
  repeatedOverdose: sct('390867000', 'H/O: repeated overdose'),
  suicidalIdeation: sct('6471006', 'Suicidal ideation'),
  icdX619: icd10('X61.9'),
  icdX619NoDot: icd10('X619'),
} as const;

/** §1j NICE/WHO indicator roots. */
export const INDICATOR = {
  depression: sct('35489007', 'Depressive disorder'),
  anxietyDisorder: sct('197480006', 'Anxiety disorder'),
  anxiety: sct('48694002', 'Anxiety'),
  ptsd: sct('47505003', 'Posttraumatic stress disorder'),
  alcoholMisuse: sct('15167005', 'Alcohol misuse'),
  drugAbuse: sct('26416006', 'Drug abuse'),
  chronicPain: sct('82423001', 'Chronic pain'),
  fibromyalgia: sct('203082005', 'Fibromyalgia'),
  injury: sct('417746004', 'Injury'),
  fracture: sct('125605004', 'Fracture of bone'),
  sti: sct('8098009', 'Sexually transmitted infectious disease'),
  miscarriage: sct('17369002', 'Miscarriage'),
} as const;

/** Local concepts (terminology/CodeSystem-safe-enquiry-local.json). */
export const LOCAL = {
  notSafeNow: local('not-asked-not-safe-now', 'Enquiry not made: not safe now'),
  notAlone: local('not-asked-not-alone', 'Enquiry not made: patient not alone'),
  outcomeDisclosed: local(LOCAL_CODES.outcomeDisclosed, 'Asked: DVA disclosed'),
  outcomeNoDisclosure: local(LOCAL_CODES.outcomeNoDisclosure, 'Asked: no disclosure'),
  abuseType: local(LOCAL_CODES.abuseType, 'Type of abuse'),
  coerciveControl: local('coercive-control', 'Coercive or controlling behaviour'),
  dashMedium: local(LOCAL_CODES.dashMedium, 'Medium risk (DASH)'),
  dashHigh: local(LOCAL_CODES.dashHigh, 'High risk (DASH)'),
  safetyPlan: local(LOCAL_CODES.safetyPlan, 'DVA safety plan'),
} as const;

/** SNOMED CT codes whose records are DVA information and must carry the DVA security labels. */
const DVA_SNOMED: ReadonlySet<string> = new Set(
  [ENQUIRY, DISCLOSURE, RESPONSE, HOUSEHOLD].flatMap((group) => Object.values(group).map((c) => c.code)),
);

/** True when a record coded with this concept is DVA information (terminology.md §3b: label it R, SDV, NOPAT). */
export function isDvaConcept(concept: SeedConcept): boolean {
  if (!isCoded(concept)) return false;
  return concept.system === LOCAL_SYSTEM || (concept.system === SNOMED && DVA_SNOMED.has(concept.code));
}
