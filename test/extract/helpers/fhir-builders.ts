import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type {
  Condition,
  Encounter,
  Flag,
  Observation,
  Patient,
  Procedure,
  Resource,
  ServiceRequest,
} from 'fhir/r4.js';

/** Synthetic data only. Codes below are the dataset's VERIFIED codes (shared/research/terminology.md). */
export const SNOMED = 'http://snomed.info/sct';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const PRACTICE_SETTING = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';
export const ETHNIC_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
export const ETHNIC_ENGLAND = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland';

export const CODE = {
  enquiryAsked: '700410005',
  enquiryDeclined: '700411009',
  enquiryNotMade: '887331000000105',
  disclosure: '879911000000102',
  marac: '978091000000105',
  idva: '431719007',
  selfHarm: '248062006',
  /** A SNOMED concept in no measure (hypertension), as ordinary records carry. */
  unrelated: '38341003',
  /** EMIS-local "Victim of domestic abuse" (namespace 1000006): must never count. */
  emisLocal: '1871751000006106',
} as const;

export function patient(id: string, extra: Partial<Patient> = {}): Patient {
  return { resourceType: 'Patient', id, gender: 'female', birthDate: '1990-06-15', ...extra };
}

export function withEthnicity(code: string): Partial<Patient> {
  return {
    extension: [
      { url: ETHNIC_EXTENSION, valueCodeableConcept: { coding: [{ system: ETHNIC_ENGLAND, code }] } },
    ],
  };
}

export function encounter(
  id: string,
  patientId: string,
  serviceCode?: string,
  extra: Partial<Encounter> = {},
): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: `Patient/${patientId}` },
    period: { start: '2024-03-10' },
    ...(serviceCode ? { serviceType: { coding: [{ system: PRACTICE_SETTING, code: serviceCode }] } } : {}),
    ...extra,
  };
}

export function observation(
  id: string,
  patientId: string,
  code: string,
  date: string,
  extra: Partial<Observation> = {},
): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: SNOMED, code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    ...extra,
  };
}

export function condition(
  id: string,
  patientId: string,
  coding: { system: string; code: string },
  date: string,
  extra: Partial<Condition> = {},
): Condition {
  return {
    resourceType: 'Condition',
    id,
    code: { coding: [coding] },
    subject: { reference: `Patient/${patientId}` },
    onsetDateTime: date,
    ...extra,
  };
}

export function procedure(
  id: string,
  patientId: string,
  code: string,
  date: string,
  status: Procedure['status'] = 'completed',
): Procedure {
  return {
    resourceType: 'Procedure',
    id,
    status,
    code: { coding: [{ system: SNOMED, code }] },
    subject: { reference: `Patient/${patientId}` },
    performedDateTime: date,
  };
}

export function serviceRequest(
  id: string,
  patientId: string,
  code: string,
  date: string,
  status: ServiceRequest['status'] = 'active',
): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id,
    status,
    intent: 'order',
    code: { coding: [{ system: SNOMED, code }] },
    subject: { reference: `Patient/${patientId}` },
    authoredOn: date,
  };
}

export function flag(id: string, patientId: string, code: string, start: string): Flag {
  return {
    resourceType: 'Flag',
    id,
    status: 'active',
    code: { coding: [{ system: SNOMED, code }] },
    subject: { reference: `Patient/${patientId}` },
    period: { start },
  };
}

export function ndjson(resources: readonly Resource[]): string {
  return `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

/** A temporary folder; `files` maps a file name to resources (or raw text); `.gz` names are gzipped. */
export async function writeNdjsonDir(files: Record<string, readonly Resource[] | string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'extract-src-'));
  for (const [name, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : ndjson(content);
    await writeFile(path.join(dir, name), name.endsWith('.gz') ? gzipSync(text) : text);
  }
  return dir;
}

export async function tempDir(prefix = 'extract-out-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDirs(dirs: string[]): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
