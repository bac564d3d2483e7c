import type {
  Coding,
  Condition,
  Encounter,
  Flag,
  Observation,
  Patient,
  Procedure,
  Resource,
} from 'fhir/r4.js';
import { ICD10, SNOMED } from '../../src/shared/index.ts';
import { LOCAL_SYSTEM, PRACTICE_SETTING_SYSTEM } from '../../src/terminology/index.ts';

/** Synthetic FHIR builders for the CDS tests (never real data). */
export const PATIENT_ID = 'test-patient';
const subject = { reference: `Patient/${PATIENT_ID}` };
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export const sct = (code: string): Coding => ({ system: SNOMED, code });
export const icd = (code: string): Coding => ({ system: ICD10, code });
export const local = (code: string): Coding => ({ system: LOCAL_SYSTEM, code });
export const practiceSetting = (code: string): Coding => ({ system: PRACTICE_SETTING_SYSTEM, code });

export function patient(birthDate: string, id = PATIENT_ID): Patient {
  return { resourceType: 'Patient', id, birthDate };
}

export function condition(
  coding: Coding,
  onset: string | undefined,
  extra: Partial<Condition> = {},
): Condition {
  return {
    resourceType: 'Condition',
    id: nextId('cond'),
    subject,
    code: { coding: [coding] },
    ...(onset ? { onsetDateTime: onset } : {}),
    ...extra,
  };
}

export function encounter(
  date: string,
  extra: Partial<Encounter> & { setting?: string; reason?: Coding } = {},
): Encounter {
  const { setting, reason, ...rest } = extra;
  return {
    resourceType: 'Encounter',
    id: nextId('enc'),
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject,
    period: { start: date },
    ...(setting ? { serviceType: { coding: [practiceSetting(setting)] } } : {}),
    ...(reason ? { reasonCode: [{ coding: [reason] }] } : {}),
    ...rest,
  };
}

export function procedure(coding: Coding, date: string, extra: Partial<Procedure> = {}): Procedure {
  return {
    resourceType: 'Procedure',
    id: nextId('proc'),
    status: 'completed',
    subject,
    code: { coding: [coding] },
    performedDateTime: date,
    ...extra,
  };
}

export function observation(coding: Coding, date: string, extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id: nextId('obs'),
    status: 'final',
    subject,
    code: { coding: [coding] },
    effectiveDateTime: date,
    ...extra,
  };
}

export function flag(coding: Coding, start: string, extra: Partial<Flag> = {}): Flag {
  return {
    resourceType: 'Flag',
    id: nextId('flag'),
    status: 'active',
    subject,
    code: { coding: [coding] },
    period: { start },
    ...extra,
  };
}

/** The codes the tests use, each from terminology/ (verified entries of shared/research/terminology.md). */
export const CODES = {
  selfInflictedInjury: sct('276853009'),
  intentionalSelfPoisoning: sct('271982007'),
  selfHarmIcd: icd('X60.2'),
  repeatedOverdose: sct('390867000'),
  depression: sct('35489007'),
  anxiety: sct('197480006'),
  chronicPain: sct('82423001'),
  sti: sct('8098009'),
  injury: sct('417746004'),
  fracture: sct('125605004'),
  assaultIcd: icd('Y04.0'),
  alcoholMisuse: sct('15167005'),
  miscarriage: sct('17369002'),
  enquiryAsked: sct('700410005'),
  enquiryDeclined: sct('700411009'),
  enquiryNotMade: sct('887331000000105'),
  victimOfDomesticAbuse: sct('879911000000102'),
  victimInHousehold: sct('881081000000100'),
  policeNotification: sct('895141000000105'),
  childSafeguardingConcern: sct('836881000000105'),
  notSafeNow: local('not-asked-not-safe-now'),
  outcomeDisclosed: local('enquiry-outcome-disclosed'),
} as const;

export type AnyResource = Resource;
