/**
 * Defensive readers over a parsed NDJSON line. A zod schema per resource would cost more than JSON.parse itself at
 * a million resources, so each field is read once with a typeof check instead; nothing here trusts the input shape.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** The record types that can carry a measure code (dataset.md "A record qualifies whatever its resource type"). */
export const RECORD_TYPES = new Set([
  'Observation',
  'Condition',
  'Procedure',
  'ServiceRequest',
  'Flag',
  'Encounter',
]);

/** Visits every coding of `code` (or, for an Encounter, of every `reasonCode`). */
export function forEachCoding(resource: JsonObject, visit: (system: unknown, code: unknown) => void): void {
  const concepts = resource.resourceType === 'Encounter' ? resource.reasonCode : [resource.code];
  if (!Array.isArray(concepts)) return;
  for (const concept of concepts) {
    const codings = isObject(concept) ? concept.coding : undefined;
    if (!Array.isArray(codings)) continue;
    for (const coding of codings) if (isObject(coding)) visit(coding.system, coding.code);
  }
}

/** dataset.md: the first present of these is the record date. */
const DATE_FIELDS: readonly (readonly [string, string | undefined])[] = [
  ['effectiveDateTime', undefined],
  ['effectivePeriod', 'start'],
  ['onsetDateTime', undefined],
  ['onsetPeriod', 'start'],
  ['performedDateTime', undefined],
  ['performedPeriod', 'start'],
  ['authoredOn', undefined],
  ['period', 'start'],
  ['recordedDate', undefined],
  ['issued', undefined],
];

export function recordDate(resource: JsonObject): string | undefined {
  for (const [field, part] of DATE_FIELDS) {
    const value = part === undefined ? resource[field] : stringAt(resource[field], part);
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/**
 * The id in a `{type}/{id}` reference (relative, absolute or versioned). `undefined` when there is no reference,
 * `null` when the reference points at something else (a Group, a contained or `urn:uuid:` resource).
 */
export function referenceId(reference: unknown, type: 'Patient' | 'Encounter'): string | undefined | null {
  const value = stringAt(reference, 'reference');
  if (value === undefined) return isObject(reference) ? null : undefined;
  const marker = `${type}/`;
  const at = value.startsWith(marker) ? 0 : value.lastIndexOf(`/${marker}`) + 1;
  if (at === 0 && !value.startsWith(marker)) return null;
  const id = value.slice(at + marker.length).split('/', 1)[0] ?? '';
  return id.length > 0 ? id : null;
}

/** `subject`, or `patient` for the types that name it so. */
export function subjectPatientId(resource: JsonObject): string | undefined | null {
  return referenceId(resource.subject ?? resource.patient, 'Patient');
}

export type StatusVerdict = 'counted' | 'excluded' | 'not-done';

/** dataset.md exclusions: entered-in-error anywhere; cancelled Observation; refuted Condition; revoked request. */
export function statusVerdict(resource: JsonObject): StatusVerdict {
  const status = resource.status;
  if (status === 'entered-in-error') return 'excluded';
  switch (resource.resourceType) {
    case 'Observation':
      return status === 'cancelled' ? 'excluded' : 'counted';
    case 'ServiceRequest':
      return status === 'revoked' ? 'excluded' : 'counted';
    case 'Procedure':
      return status === 'not-done' ? 'not-done' : 'counted';
    case 'Condition':
      return isRefuted(resource.verificationStatus) ? 'excluded' : 'counted';
    default:
      return 'counted';
  }
}

function isRefuted(verificationStatus: unknown): boolean {
  const codings = isObject(verificationStatus) ? verificationStatus.coding : undefined;
  if (!Array.isArray(codings)) return false;
  return codings.some((c) => {
    const code = stringAt(c, 'code');
    return code === 'refuted' || code === 'entered-in-error';
  });
}
