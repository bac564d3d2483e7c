import type { CodeableConcept, Coding, FhirResource } from 'fhir/r4.js';

/** Resources the reader looks at, with the fields it reads, whatever their type. */
export interface Recorded {
  readonly resource: FhirResource;
  readonly codings: readonly Coding[];
  readonly date: string | undefined;
  readonly time: number;
}

function codingsOf(concept: CodeableConcept | undefined): Coding[] {
  return concept?.coding ?? [];
}

/** The codings that say what a record is: `code` (and Encounter `reasonCode`, as dataset.md counts it). */
export function recordCodings(resource: FhirResource): Coding[] {
  switch (resource.resourceType) {
    case 'Observation':
    case 'Condition':
    case 'Procedure':
    case 'ServiceRequest':
    case 'Flag':
    case 'RiskAssessment':
    case 'Task':
      return codingsOf(resource.code);
    case 'Encounter':
      return (resource.reasonCode ?? []).flatMap(codingsOf);
    default:
      return [];
  }
}

/** The record's clinical date: the first present of the dataset.md date elements (and a few more types). */
export function recordDate(resource: FhirResource): string | undefined {
  switch (resource.resourceType) {
    case 'Observation':
      return resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued;
    case 'Condition':
      return resource.onsetDateTime ?? resource.onsetPeriod?.start ?? resource.recordedDate;
    case 'Procedure':
      return resource.performedDateTime ?? resource.performedPeriod?.start;
    case 'ServiceRequest':
    case 'Task':
      return resource.authoredOn;
    case 'Flag':
      return resource.period?.start;
    case 'RiskAssessment':
      return resource.occurrenceDateTime ?? resource.occurrencePeriod?.start;
    case 'CarePlan':
      return resource.period?.start ?? resource.created;
    case 'Consent':
      return resource.dateTime;
    case 'Encounter':
      return resource.period?.start;
    default:
      return undefined;
  }
}

/** False for records that must not count: entered in error, refuted, cancelled, revoked. */
export function isCurrentRecord(resource: FhirResource): boolean {
  switch (resource.resourceType) {
    case 'Condition': {
      const verification = resource.verificationStatus?.coding?.[0]?.code;
      return verification !== 'refuted' && verification !== 'entered-in-error';
    }
    case 'Observation':
      return resource.status !== 'entered-in-error' && resource.status !== 'cancelled';
    case 'Procedure':
    case 'ServiceRequest':
    case 'Flag':
    case 'RiskAssessment':
    case 'Task':
    case 'CarePlan':
    case 'Consent':
      return resource.status !== 'entered-in-error';
    default:
      return true;
  }
}

export function toRecorded(resource: FhirResource): Recorded {
  const date = recordDate(resource);
  const parsed = date ? Date.parse(date) : Number.NaN;
  return { resource, codings: recordCodings(resource), date, time: Number.isNaN(parsed) ? 0 : parsed };
}

/** The latest of the records (by clinical date; ties keep the later one in input order). */
export function latest<T extends { readonly time: number }>(records: readonly T[]): T | undefined {
  return records.reduce<T | undefined>((best, r) => (!best || r.time >= best.time ? r : best), undefined);
}

export function hasCoding(codings: readonly Coding[] | undefined, system: string, code: string): boolean {
  return (codings ?? []).some((c) => c.system === system && c.code === code);
}
