import type { CodeableConcept, Coding, Resource } from 'fhir/r4.js';
import { isNotForPatient, isRestricted, type Terminology } from '../../shared/index.ts';
import { VALUE_SET_IDS } from '../../terminology/index.ts';

/**
 * ValueSets whose concepts are DVA information wherever they appear: enquiry, disclosure, abuse types, risk,
 * MARAC/IDVA/DA-service referrals, perpetration, DVA in the household, safeguarding, DVA flags and support, online
 * record access control, and every local Safe Enquiry concept (terminology.md §1, R1, R12).
 */
export const DVA_VALUE_SET_IDS: readonly string[] = [
  VALUE_SET_IDS.enquiryAny,
  VALUE_SET_IDS.enquiryNotMade,
  VALUE_SET_IDS.disclosure,
  VALUE_SET_IDS.abuseType,
  VALUE_SET_IDS.riskAssessment,
  VALUE_SET_IDS.riskHigh,
  VALUE_SET_IDS.dashRiskLevel,
  VALUE_SET_IDS.maracReferral,
  VALUE_SET_IDS.maracStatus,
  VALUE_SET_IDS.idvaReferral,
  VALUE_SET_IDS.daServiceReferral,
  VALUE_SET_IDS.referralTarget,
  VALUE_SET_IDS.allegedPerpetrator,
  VALUE_SET_IDS.childInHousehold,
  VALUE_SET_IDS.safeguardingHousehold,
  VALUE_SET_IDS.dvaFlag,
  VALUE_SET_IDS.dvaSupport,
  VALUE_SET_IDS.recordAccessControl,
  VALUE_SET_IDS.recordingSnomed,
  VALUE_SET_IDS.safeEnquiryLocal,
];

/** The coded elements of the resources the portal shows (what a record is, its value, its reasons, its outcome). */
const CODED_ELEMENTS = [
  'code',
  'valueCodeableConcept',
  'reasonCode',
  'statusReason',
  'outcome',
  'type',
] as const;

function codingsOf(value: unknown): Coding[] {
  const concepts = (Array.isArray(value) ? value : [value]) as (CodeableConcept | undefined)[];
  return concepts.flatMap((c) =>
    typeof c === 'object' && c !== null && Array.isArray(c.coding) ? c.coding : [],
  );
}

/** Every coding in the resource's coded elements (the medication's own code included). */
export function codingsInResource(resource: Resource): Coding[] {
  const record = resource as unknown as Record<string, unknown>;
  const medication = record.medicationCodeableConcept;
  return [...CODED_ELEMENTS.flatMap((name) => codingsOf(record[name])), ...codingsOf(medication)];
}

/** True when any coded element holds a DVA concept, labelled or not (labels may be lost in transfer: R12). */
export function carriesDvaCode(resource: Resource, terminology: Terminology): boolean {
  const codings = codingsInResource(resource);
  return DVA_VALUE_SET_IDS.some((id) => terminology.containsAny(id, codings));
}

function referencesOf(resource: Resource): string[] {
  const record = resource as unknown as Record<string, { reference?: unknown } | undefined>;
  return [record.subject?.reference, record.patient?.reference].filter(
    (r): r is string => typeof r === 'string',
  );
}

/** True when the resource is the patient's own or is about them (its subject or patient is that patient). */
export function isAboutPatient(resource: Resource, patientId: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  const target = `Patient/${patientId}`;
  return referencesOf(resource).some((ref) => ref === target || ref.endsWith(`/${target}`));
}

function isEnteredInError(resource: Resource): boolean {
  const record = resource as unknown as Record<string, unknown>;
  if (record.status === 'entered-in-error') return true;
  return codingsOf(record.verificationStatus).some((c) => c.code === 'entered-in-error');
}

/**
 * The portal's own check, after the FHIR server's label policy (defence in depth, terminology.md R1, R2, R9, R12):
 * a resource reaches a patient-facing page only when it carries no NOPAT, no restricted label (R, V, SDV), no DVA
 * code, is about the patient in view, and was not entered in error. Pure.
 */
export function isSafeForPatientFacing(
  resource: Resource,
  patientId: string,
  terminology: Terminology,
): boolean {
  if (isNotForPatient(resource) || isRestricted(resource)) return false;
  if (!isAboutPatient(resource, patientId) || isEnteredInError(resource)) return false;
  return !carriesDvaCode(resource, terminology);
}
