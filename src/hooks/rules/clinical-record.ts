import type { Coding } from 'fhir/r4.js';
import { parseFhirDate } from './clinical-time.ts';
import {
  asArray,
  asObject,
  asString,
  codingsOf,
  codingsOfAll,
  conceptCodes,
  firstString,
  type JsonObject,
  path,
} from './json-narrowing.ts';

/** Resource types a coded fact can come from (shared/docs/dataset.md "Counting rules"). */
export type FactType = 'Condition' | 'Encounter' | 'Procedure' | 'Observation' | 'Flag';

/** One coded entry of the record, after the local re-checks. */
export interface Fact {
  /** `Type/id`. */
  readonly ref: string;
  readonly resourceType: FactType;
  /** What the entry records: `code` (Encounter: `reasonCode`; Observation: also `valueCodeableConcept`). */
  readonly codings: readonly Coding[];
  /** Qualifiers: Procedure `statusReason` and `outcome`. */
  readonly qualifiers: readonly Coding[];
  /** The rule ValueSets the codings belong to (classified once, when the record is built). */
  readonly valueSets: ReadonlySet<string>;
  /** The clinical date as written, and as epoch ms; undefined when the entry has none. */
  readonly date: string | undefined;
  readonly at: number | undefined;
  /** A Procedure with status `not-done` (only an enquiry that was not made uses it). */
  readonly notDone: boolean;
}

export interface EncounterFact {
  readonly ref: string;
  readonly id: string;
  readonly status: string | undefined;
  readonly serviceType: readonly Coding[];
  readonly date: string | undefined;
  readonly at: number | undefined;
}

/** The patient's record as the rules see it: only this patient's entries that pass the status re-checks. */
export interface ClinicalRecord {
  readonly patientId: string;
  readonly birthDate: string | undefined;
  readonly facts: readonly Fact[];
  readonly encounters: readonly EncounterFact[];
  /** Entries dropped by the re-checks (another patient, entered in error, refuted, cancelled…), for logging. */
  readonly dropped: number;
}

/** Date elements in the dataset's order of precedence (shared/docs/dataset.md "Counting rules"). */
const DATE_PATHS = [
  'effectiveDateTime',
  'effectiveInstant',
  'effectivePeriod.start',
  'onsetDateTime',
  'onsetPeriod.start',
  'performedDateTime',
  'performedPeriod.start',
  'authoredOn',
  'period.start',
  'recordedDate',
  'issued',
].map(path);
const PERIOD_START = [path('period.start')];
const PERIOD_END = [path('period.end')];

const FACT_TYPES: ReadonlySet<string> = new Set<FactType>([
  'Condition',
  'Encounter',
  'Procedure',
  'Observation',
  'Flag',
]);

/** True when a reference (relative, absolute or versioned) points at `Patient/{patientId}`. */
export function refersToPatient(reference: string | undefined, patientId: string): boolean {
  return matchesPatientRef(reference, `Patient/${patientId}`);
}

function matchesPatientRef(reference: string | undefined, patientRef: string): boolean {
  if (!reference) return false;
  if (reference === patientRef) return true;
  const bare = reference.replace(/\/_history\/[^/]+$/, '');
  return bare === patientRef || bare.endsWith(`/${patientRef}`);
}

/** The status re-checks: entries entered in error, refuted, cancelled or inactive are not evidence. */
function passesStatusChecks(type: FactType, r: JsonObject, nowMs: number): boolean {
  const status = asString(r.status);
  if (status === 'entered-in-error') return false;
  switch (type) {
    case 'Condition': {
      const verification = conceptCodes(r.verificationStatus);
      return !verification.includes('refuted') && !verification.includes('entered-in-error');
    }
    case 'Observation':
      return status !== 'cancelled';
    case 'Encounter':
      return status !== 'cancelled';
    case 'Flag': {
      const end = parseFhirDate(firstString(r, PERIOD_END));
      return status !== 'inactive' && (end === undefined || end >= nowMs);
    }
    case 'Procedure':
      return true;
  }
}

function factCodings(type: FactType, r: JsonObject): Coding[] {
  switch (type) {
    case 'Encounter':
      return codingsOfAll(r.reasonCode);
    case 'Observation':
      return [...codingsOf(r.code), ...codingsOf(r.valueCodeableConcept)];
    default:
      return codingsOf(r.code);
  }
}

function toFact(
  type: FactType,
  id: string,
  r: JsonObject,
  codings: Coding[],
  valueSets: ReadonlySet<string>,
): Fact {
  const date = firstString(r, DATE_PATHS);
  return {
    ref: `${type}/${id}`,
    resourceType: type,
    codings,
    qualifiers: type === 'Procedure' ? [...codingsOf(r.statusReason), ...codingsOf(r.outcome)] : [],
    valueSets,
    date,
    at: parseFhirDate(date),
    notDone: type === 'Procedure' && asString(r.status) === 'not-done',
  };
}

function toEncounter(id: string, r: JsonObject): EncounterFact {
  const date = firstString(r, PERIOD_START);
  return {
    ref: `Encounter/${id}`,
    id,
    status: asString(r.status),
    serviceType: codingsOf(r.serviceType),
    date,
    at: parseFhirDate(date),
  };
}

function subjectOf(r: JsonObject): string | undefined {
  return asString(asObject(r.subject)?.reference) ?? asString(asObject(r.patient)?.reference);
}

export interface RecordInput {
  readonly patientId: string;
  /** The Patient resource, or undefined/null when there is none. */
  readonly patient: unknown;
  /** Resources of any type, possibly with duplicates (the same entry from two prefetch keys). */
  readonly resources: readonly unknown[];
  readonly now: Date;
  /** The rule ValueSets a set of codings belongs to (CodeMatcher.valueSetsOf); entries in none are ignored. */
  readonly classify: (codings: readonly Coding[]) => ReadonlySet<string>;
}

/**
 * Builds the rules' view of the record, re-checking patient, status and codes locally on whatever arrived. Coded
 * entries in none of the rules' ValueSets are left out (every Encounter still counts as an attendance).
 */
export function buildClinicalRecord(input: RecordInput): ClinicalRecord {
  const nowMs = input.now.getTime();
  const patientRef = `Patient/${input.patientId}`;
  const seen = new Set<string>();
  const facts: Fact[] = [];
  const encounters: EncounterFact[] = [];
  let dropped = 0;
  for (const item of input.resources) {
    const r = asObject(item);
    const type = asString(r?.resourceType);
    const id = asString(r?.id);
    if (!r || !type || !id || !FACT_TYPES.has(type)) continue;
    const factType = type as FactType;
    const key = `${type}/${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!matchesPatientRef(subjectOf(r), patientRef) || !passesStatusChecks(factType, r, nowMs)) {
      dropped++;
      continue;
    }
    const codings = factCodings(factType, r);
    const valueSets = input.classify(codings);
    if (valueSets.size > 0) facts.push(toFact(factType, id, r, codings, valueSets));
    if (factType === 'Encounter') encounters.push(toEncounter(id, r));
  }
  const patient = asObject(input.patient);
  const samePatient = patient?.resourceType === 'Patient' && patient.id === input.patientId;
  return {
    patientId: input.patientId,
    birthDate: samePatient ? asString(patient.birthDate) : undefined,
    facts,
    encounters,
    dropped: dropped + (patient && !samePatient ? 1 : 0),
  };
}

/** Every Bundle entry resource (search results), skipping OperationOutcome entries. */
export function bundleResources(bundle: unknown): unknown[] {
  return asArray(asObject(bundle)?.entry)
    .map((e) => asObject(e)?.resource)
    .filter((r) => asObject(r) !== undefined && asObject(r)?.resourceType !== 'OperationOutcome');
}
