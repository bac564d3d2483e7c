import type {
  CodeableConcept,
  Condition,
  Encounter,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
} from 'fhir/r4.js';
import type { PortalRecord } from './portal-record.loader.ts';
import { formatNhsNumber, formatUkDate, sortKeyOf } from './uk.format.ts';

/** One line of a list on a patient-facing page. Ids are never shown: nothing to count, nothing with gaps. */
export interface RecordRow {
  readonly date: string;
  readonly title: string;
  readonly detail: string;
  /** Sorting only (ISO instant), not shown. */
  readonly sortKey: string;
}

export interface PersonView {
  readonly name: string;
  readonly dateOfBirth: string;
  readonly nhsNumber: string;
  readonly gender: string;
  /** Shown to the patient only, never to a proxy (a proxy may be the person the patient has moved away from). */
  readonly address: string | undefined;
}

export interface RecordView {
  readonly person: PersonView;
  readonly problems: readonly RecordRow[];
  readonly consultations: readonly RecordRow[];
  readonly medications: readonly RecordRow[];
  readonly observations: readonly RecordRow[];
}

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const UNNAMED = 'Entry';

function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display;
}

function capitalise(word: string | undefined): string {
  return word ? `${word.charAt(0).toUpperCase()}${word.slice(1).replace(/-/g, ' ')}` : '';
}

function row(date: string | undefined, title: string | undefined, detail: string | undefined): RecordRow {
  return {
    date: formatUkDate(date),
    title: title ?? UNNAMED,
    detail: detail ?? '',
    sortKey: sortKeyOf(date),
  };
}

/** Newest first; ties by title and detail, so the order never depends on ids or on the server. */
function newestFirst(rows: readonly RecordRow[]): RecordRow[] {
  return [...rows].sort(
    (a, b) =>
      b.sortKey.localeCompare(a.sortKey) ||
      a.title.localeCompare(b.title) ||
      a.detail.localeCompare(b.detail),
  );
}

export function personView(patient: Patient, showAddress: boolean): PersonView {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const parts = name?.text
    ? [name.text]
    : [...(name?.prefix ?? []), ...(name?.given ?? []), name?.family ?? ''];
  const nhs = patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value;
  const address = patient.address?.find((a) => a.use === 'home') ?? patient.address?.[0];
  const addressText = [...(address?.line ?? []), address?.city, address?.postalCode]
    .filter(Boolean)
    .join(', ');
  return {
    name: parts.filter(Boolean).join(' '),
    dateOfBirth: formatUkDate(patient.birthDate),
    nhsNumber: nhs ? formatNhsNumber(nhs) : '',
    gender: capitalise(patient.gender),
    address: showAddress && addressText ? addressText : undefined,
  };
}

function problemRow(c: Condition): RecordRow {
  const status = capitalise(c.clinicalStatus?.coding?.[0]?.code);
  return row(c.onsetDateTime ?? c.recordedDate, conceptText(c.code), status);
}

function consultationRow(e: Encounter): RecordRow {
  const service = conceptText(e.serviceType) ?? e.class?.display;
  const reasons = (e.reasonCode ?? []).map(conceptText).filter((r): r is string => r !== undefined);
  return row(e.period?.start, service ?? 'Consultation', reasons.join(', '));
}

function medicationRow(m: MedicationRequest | MedicationStatement): RecordRow {
  const name = conceptText(m.medicationCodeableConcept) ?? m.medicationReference?.display;
  if (m.resourceType === 'MedicationRequest') {
    return row(m.authoredOn, name, m.dosageInstruction?.[0]?.text);
  }
  return row(m.effectiveDateTime ?? m.effectivePeriod?.start ?? m.dateAsserted, name, m.dosage?.[0]?.text);
}

function observationValue(o: Observation): string | undefined {
  if (o.valueQuantity?.value !== undefined) {
    return [String(o.valueQuantity.value), o.valueQuantity.unit].filter(Boolean).join(' ');
  }
  return conceptText(o.valueCodeableConcept) ?? o.valueString;
}

function observationRow(o: Observation): RecordRow {
  return row(
    o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued,
    conceptText(o.code),
    observationValue(o),
  );
}

/** The page model of a record (pure): display text only, newest first. */
export function buildRecordView(record: PortalRecord, showAddress: boolean): RecordView {
  return {
    person: personView(record.patient, showAddress),
    problems: newestFirst(record.conditions.map(problemRow)),
    consultations: newestFirst(record.encounters.map(consultationRow)),
    medications: newestFirst(record.medications.map(medicationRow)),
    observations: newestFirst(record.observations.map(observationRow)),
  };
}
