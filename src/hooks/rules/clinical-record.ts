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
  /**
   * Entries a rule would read (an Encounter, or coded in a rule ValueSet) dropped by the re-checks (another patient,
   * entered in error, refuted, cancelled…), for logging.
   */
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
  ref: string,
  r: JsonObject,
  codings: Coding[],
  valueSets: ReadonlySet<string>,
): Fact {
  const date = firstString(r, DATE_PATHS);
  return {
    ref,
    resourceType: type,
    codings,
    qualifiers: type === 'Procedure' ? [...codingsOf(r.statusReason), ...codingsOf(r.outcome)] : [],
    valueSets,
    date,
    at: parseFhirDate(date),
    notDone: type === 'Procedure' && asString(r.status) === 'not-done',
  };
}

function toEncounter(id: string, ref: string, r: JsonObject): EncounterFact {
  const date = firstString(r, PERIOD_START);
  return {
    ref,
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

const NO_VALUE_SETS: ReadonlySet<string> = new Set();

function isFactType(type: unknown): type is FactType {
  return (
    type === 'Observation' ||
    type === 'Condition' ||
    type === 'Encounter' ||
    type === 'Procedure' ||
    type === 'Flag'
  );
}

/** What one entry contributes: nothing (not a rule's concern), dropped by a re-check, or kept. */
type Entry =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'dropped' }
  | { readonly kind: 'kept'; readonly fact: Fact | undefined; readonly encounter: EncounterFact | undefined };

const IGNORED: Entry = { kind: 'ignored' };
const DROPPED: Entry = { kind: 'dropped' };

/**
 * Classifies first, because most entries of a real record are in no rule ValueSet: those are skipped before the
 * patient and status re-checks and the date parsing (every Encounter still counts as an attendance).
 */
function readEntry(
  item: unknown,
  input: RecordInput,
  patientRef: string,
  nowMs: number,
  seen: Set<string>,
): Entry {
  const r = asObject(item);
  const type = r?.resourceType;
  const id = asString(r?.id);
  if (!r || !isFactType(type) || !id) return IGNORED;
  const codings = factCodings(type, r);
  const valueSets = codings.length === 0 ? NO_VALUE_SETS : input.classify(codings);
  if (valueSets.size === 0 && type !== 'Encounter') return IGNORED;
  const ref = `${type}/${id}`;
  if (seen.has(ref)) return IGNORED;
  seen.add(ref);
  if (!matchesPatientRef(subjectOf(r), patientRef) || !passesStatusChecks(type, r, nowMs)) return DROPPED;
  return {
    kind: 'kept',
    fact: valueSets.size > 0 ? toFact(type, ref, r, codings, valueSets) : undefined,
    encounter: type === 'Encounter' ? toEncounter(id, ref, r) : undefined,
  };
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
    const entry = readEntry(item, input, patientRef, nowMs, seen);
    if (entry.kind === 'dropped') dropped++;
    if (entry.kind !== 'kept') continue;
    if (entry.fact) facts.push(entry.fact);
    if (entry.encounter) encounters.push(entry.encounter);
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
