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
 * each case's record, encounters for care relationships, the AuditEvent trail): user-level `.rs`. Only the
 * safeguarding entry (`/app/safeguarding/launch`) asks for them, and the authorization server grants them only to
 * the safeguarding lead (least privilege: a recording launch's token cannot read across patients).
 */
export const REVIEW_READ_TYPES = [...SUMMARY_RESOURCE_TYPES, 'AuditEvent', 'Encounter', 'Patient'] as const;

/**
 * What the review writes (`mapReviewToBundle`): the review Task and its Provenance (create or update to
 * client-assigned ids) and the Flag when it is closed (update).
 */
export const REVIEW_WRITE_SCOPES = ['user/Task.cu', 'user/Provenance.cu', 'user/Flag.u'] as const;

export type LaunchKind = 'ehr' | 'standalone';

/** Which of the app's two launch entries: recording (`/app/launch`) or the safeguarding worklist. */
export type AppEntry = 'recording' | 'safeguarding';

/** The recording entry's scope string for an EHR or a standalone launch: the launch patient's record only. */
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
  ].join(' ');
}

/**
 * The safeguarding entry's scope string: user-level reads across patients and the review's writes. An EHR launch
 * asks `launch` (the user, maybe a patient); a standalone launch asks no patient (the worklist spans patients).
 */
export function reviewScopes(kind: LaunchKind): string {
  return [
    ...(kind === 'ehr' ? ['launch'] : []),
    'openid',
    'fhirUser',
    ...REVIEW_READ_TYPES.map((type) => `user/${type}.rs`),
    ...REVIEW_WRITE_SCOPES,
  ].join(' ');
}
