import type { Encounter, FhirResource, Patient, RelatedPerson } from 'fhir/r4.js';
import { type DvaSummary, readDvaSummary } from '../../../recording/index.ts';
import type { CareSetting } from '../../../shared/terminology.ts';
import { terminology } from '../../../terminology/index.ts';
import { SUMMARY_RESOURCE_TYPES } from '../../shared/index.ts';
import type { LaunchSession } from '../session/index.ts';

/** NHS number identifier system (UK Core). */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** What the banner and the children lookup need from a Patient. */
export interface PatientFacts {
  readonly id: string;
  readonly name: string;
  readonly birthDate?: string;
  readonly gender?: string;
  readonly nhsNumber?: string;
}

/** A registered child of the patient, who can be linked so that the household entry goes on their record. */
export interface ChildRecord {
  readonly id: string;
  readonly name: string;
  readonly ageYears?: number;
}

function nameOf(patient: Patient): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
  return text || 'Name not recorded';
}

/** Name, date of birth, gender and NHS number of a Patient. */
export function patientFacts(patient: Patient): PatientFacts {
  const nhs = patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value;
  return {
    id: patient.id ?? '',
    name: nameOf(patient),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
    ...(nhs ? { nhsNumber: nhs } : {}),
  };
}

/** Whole years between a FHIR date and today. */
export function ageInYears(birthDate: string | undefined, today: Date): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const before = today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d);
  return today.getFullYear() - y - (before ? 1 : 0);
}

/** Reads the launch patient (banner, children lookup). */
export function loadPatient(session: LaunchSession): Promise<PatientFacts> {
  return session.fhir.read<Patient>(`Patient/${session.patientId}`).then(patientFacts);
}

/** The patient's existing DVA record at a glance (recording library reader), from every source on the server. */
export async function loadSummary(session: LaunchSession): Promise<DvaSummary> {
  const id = encodeURIComponent(session.patientId);
  const lists = await Promise.all(
    SUMMARY_RESOURCE_TYPES.map((type) => session.fhir.searchAll(`${type}?patient=${id}&_count=200`)),
  );
  return readDvaSummary(lists.flat());
}

async function currentEncounter(session: LaunchSession): Promise<Encounter | undefined> {
  if (session.encounterId) return session.fhir.read<Encounter>(`Encounter/${session.encounterId}`);
  const id = encodeURIComponent(session.patientId);
  const found = await session.fhir.searchAll(`Encounter?patient=${id}&status=in-progress&_count=20`, 1);
  const encounters = found.filter((r): r is Encounter => r.resourceType === 'Encounter');
  return encounters.sort((a, b) => (b.period?.start ?? '').localeCompare(a.period?.start ?? ''))[0];
}

/**
 * The care setting, to answer the first question for the clinician: from the launch encounter or, when the EHR
 * sent none, the patient's encounter in progress, through the terminology's care-setting ConceptMap.
 */
export async function loadCareSetting(session: LaunchSession): Promise<CareSetting | undefined> {
  const encounter = await currentEncounter(session);
  const codings = encounter?.serviceType?.coding ?? [];
  return codings.map((c) => terminology.careSetting(c)).find((s) => s !== undefined);
}

const PARENT_CODES: ReadonlySet<string> = new Set([
  'MTH',
  'FTH',
  'PRN',
  'NMTH',
  'NFTH',
  'NPRN',
  'STPMTH',
  'STPFTH',
  'STPPRN',
  'ADOPTMTH',
  'ADOPTFTH',
  'ADOPTP',
  'GUARD',
]);

function childIdOf(related: FhirResource): string | undefined {
  if (related.resourceType !== 'RelatedPerson') return undefined;
  const person: RelatedPerson = related;
  const parent = person.relationship?.some((r) => r.coding?.some((c) => PARENT_CODES.has(c.code ?? '')));
  const id = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(person.patient.reference ?? '')?.[1];
  return parent ? id : undefined;
}

/**
 * Registered children of the patient: records where the patient is named, by NHS number, as a parent
 * (RelatedPerson), under 18 today.
 */
export async function loadChildren(
  session: LaunchSession,
  patient: PatientFacts,
  today: Date,
): Promise<ChildRecord[]> {
  if (!patient.nhsNumber) return [];
  const identifier = encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${patient.nhsNumber}`);
  const related = await session.fhir.searchAll(`RelatedPerson?identifier=${identifier}&_count=50`, 2);
  const ids = [
    ...new Set(related.map(childIdOf).filter((id): id is string => id !== undefined && id !== patient.id)),
  ];
  const children = await Promise.all(
    ids.map((id) => session.fhir.read<Patient>(`Patient/${id}`).then(patientFacts)),
  );
  return children
    .map((c) => {
      const age = ageInYears(c.birthDate, today);
      return { id: c.id, name: c.name, ...(age === undefined ? {} : { ageYears: age }) };
    })
    .filter((c) => c.ageYears === undefined || c.ageYears < 18);
}
