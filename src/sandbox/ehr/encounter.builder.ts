import type { Encounter } from '@medplum/fhirtypes';
import { type EhrUser, userReference } from './sandbox-users.ts';

/** UK Core PracticeSettingCode (NHS Data Dictionary main specialty), the system of Encounter.serviceType. */
export const PRACTICE_SETTING_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';

/** The services an encounter can be started in; codes and displays as in terminology/ConceptMap-care-setting.json. */
export const ENCOUNTER_SERVICES = {
  gp: { code: '600', display: 'General Medical Practice', label: 'GP', organization: 'sandbox-practice' },
  mh: {
    code: '710',
    display: 'Adult Mental Illness',
    label: 'Mental health',
    organization: 'sandbox-mh-trust',
  },
  camhs: {
    code: '711',
    display: 'Child and Adolescent Psychiatry',
    label: 'CAMHS',
    organization: 'sandbox-mh-trust',
  },
} as const;
export type EncounterService = keyof typeof ENCOUNTER_SERVICES;

export function isEncounterService(value: unknown): value is EncounterService {
  return typeof value === 'string' && Object.hasOwn(ENCOUNTER_SERVICES, value);
}

/** The service an encounter defaults to for a user: mental health for the MH clinician, else GP. */
export function defaultService(user: EhrUser): EncounterService {
  return user.role === 'mh-clinician' ? 'mh' : 'gp';
}

/** Label of a serviceType code, for the encounter list. */
export function serviceLabel(code: string | undefined): string | undefined {
  return Object.values(ENCOUNTER_SERVICES).find((s) => s.code === code)?.label;
}

/**
 * An in-progress ambulatory Encounter of the current user with the patient (class v3-ActCode AMB, the R4
 * Encounter.class binding), started now.
 */
export function buildEncounter(
  patientId: string,
  user: EhrUser,
  service: EncounterService,
  now: Date,
): Encounter {
  const setting = ENCOUNTER_SERVICES[service];
  return {
    resourceType: 'Encounter',
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    serviceType: {
      coding: [{ system: PRACTICE_SETTING_SYSTEM, code: setting.code, display: setting.display }],
    },
    subject: { reference: `Patient/${patientId}` },
    participant: [{ individual: { reference: userReference(user) } }],
    period: { start: now.toISOString() },
    serviceProvider: { reference: `Organization/${setting.organization}` },
  };
}
