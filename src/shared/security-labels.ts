import type { Coding, Resource } from 'fhir/r4.js';

/** HL7 v3 Confidentiality (http://terminology.hl7.org/CodeSystem/v3-Confidentiality). terminology.md §3a. */
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
/** HL7 v3 ActCode, home of the SDV sensitivity and the NOPAT refrain policy. terminology.md §3a. */
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

export const LABEL_RESTRICTED: Coding = { system: CONFIDENTIALITY_SYSTEM, code: 'R', display: 'restricted' };
export const LABEL_VERY_RESTRICTED: Coding = {
  system: CONFIDENTIALITY_SYSTEM,
  code: 'V',
  display: 'very restricted',
};
export const LABEL_SDV: Coding = {
  system: ACT_CODE_SYSTEM,
  code: 'SDV',
  display: 'sexual assault, abuse, or domestic violence information sensitivity',
};
/** GP Connect uses NOPAT for "not to be shown on patient-facing services" (terminology.md §3a, S12/S13). */
export const LABEL_NOPAT: Coding = {
  system: ACT_CODE_SYSTEM,
  code: 'NOPAT',
  display: "no disclosure to patient, family or caregivers without attending provider's authorization",
};

export type ConfidentialityLevel = 'R' | 'V';

/** The label set every DVA resource carries (terminology.md §3b). */
export function dvaSecurityLabels(level: ConfidentialityLevel = 'R'): Coding[] {
  return [level === 'V' ? LABEL_VERY_RESTRICTED : LABEL_RESTRICTED, LABEL_SDV, LABEL_NOPAT].map((c) => ({
    ...c,
  }));
}

function hasLabel(resource: Resource, system: string, code: string): boolean {
  return (resource.meta?.security ?? []).some((c) => c.system === system && c.code === code);
}

/** True when the resource must never be shown to the patient or a proxy. */
export function isNotForPatient(resource: Resource): boolean {
  return hasLabel(resource, ACT_CODE_SYSTEM, 'NOPAT');
}

/** True when the resource is restricted (R or V confidentiality, or SDV sensitivity). */
export function isRestricted(resource: Resource): boolean {
  return (
    hasLabel(resource, CONFIDENTIALITY_SYSTEM, 'R') ||
    hasLabel(resource, CONFIDENTIALITY_SYSTEM, 'V') ||
    hasLabel(resource, ACT_CODE_SYSTEM, 'SDV')
  );
}
