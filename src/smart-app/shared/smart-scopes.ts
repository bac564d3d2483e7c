/**
 * The SMART App Launch 2.2 scopes the recording app asks for, derived from what it does and nothing more
 * (https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html):
 *
 * - it writes one transaction Bundle (`mapFormToBundle`) whose entries are PUTs to client-assigned ids: create or
 *   update (`.cu`) of these types, on the patient's record and on linked children's and a suspected perpetrator's
 *   records, so the write scopes are user-level;
 * - it reads the launch patient's existing DVA record for `readDvaSummary` with patient-level read/search scopes
 *   (`.rs`), confined to the launch patient's compartment;
 * - it reads the patient for the banner and the registered children (found by the parent's NHS number on their
 *   RelatedPerson entries) to link them: `user/Patient.r` and `user/RelatedPerson.s`;
 * - it reads the launch encounter (or the patient's encounter in progress) for the care setting:
 *   `patient/Encounter.rs`;
 * - `openid fhirUser` identifies the author (the id_token is verified before use); `launch` (EHR launch) or
 *   `launch/patient` (standalone launch) brings the patient context.
 */

/** Resource types of the recording Bundle (a test checks this against `mapFormToBundle`). */
export const WRITTEN_RESOURCE_TYPES = [
  'CarePlan',
  'Condition',
  'Consent',
  'Flag',
  'Observation',
  'Procedure',
  'Provenance',
  'QuestionnaireResponse',
  'RiskAssessment',
  'ServiceRequest',
  'Task',
] as const;

/** Resource types `readDvaSummary` reads from the patient's record. */
export const SUMMARY_RESOURCE_TYPES = [
  'CarePlan',
  'Condition',
  'Consent',
  'Flag',
  'Observation',
  'Procedure',
  'RiskAssessment',
  'ServiceRequest',
  'Task',
] as const;

export type SummaryResourceType = (typeof SUMMARY_RESOURCE_TYPES)[number];

/**
 * Resource types the safeguarding review reads across patients (worklist of restricted Flags with their patients,
 * each case's record, encounters for care relationships, the AuditEvent trail): user-level `.rs`. The scopes are
 * asked before the app knows who signs in, so every launch asks them; the FHIR server's label policy decides who
 * sees restricted records.
 */
export const REVIEW_READ_TYPES = [...SUMMARY_RESOURCE_TYPES, 'AuditEvent', 'Encounter', 'Patient'] as const;

export type LaunchKind = 'ehr' | 'standalone';

/** The space-separated scope string for an EHR or a standalone launch. */
export function appScopes(kind: LaunchKind): string {
  const context = kind === 'ehr' ? ['launch'] : ['launch/patient'];
  return [
    ...context,
    'openid',
    'fhirUser',
    'user/Patient.r',
    'user/RelatedPerson.s',
    'patient/Encounter.rs',
    ...SUMMARY_RESOURCE_TYPES.map((type) => `patient/${type}.rs`),
    ...WRITTEN_RESOURCE_TYPES.map((type) => `user/${type}.cu`),
    ...REVIEW_READ_TYPES.map((type) => `user/${type}.rs`),
  ].join(' ');
}
