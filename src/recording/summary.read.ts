import type { Coding, Condition, FhirResource, Observation } from 'fhir/r4.js';
import { SNOMED } from '../shared/canonical.ts';
import type { Terminology } from '../shared/terminology.ts';
import {
  terminology as defaultTerminology,
  ENQUIRY_NOT_MADE_REASON_CODES,
  LOCAL_SYSTEM,
} from '../terminology/index.ts';
import { abuseTypeOf, relationshipOf, SCT } from './codings.ts';
import type { AbuseType, Relationship } from './form.schema.ts';
import type { DisclosureSummary, DvaSummary, EnquirySummary } from './summary.types.ts';
import { readActions, readConsent, readMarac, readRisk } from './summary-actions.read.ts';
import { hasCoding, isCurrentRecord, latest, type Recorded, toRecorded } from './summary-fields.read.ts';

const PAST_CODES = new Set([
  '429746005',
  '412732008',
  '850441000000102',
  '720411002',
  '720741001',
  '720428004',
]);
const SUSPECTED_CODES = new Set(['1087071000000109', '697950003']);
/** Abuse-type SNOMED codes that are themselves disclosure codes (current and history forms). */
const CODED_ABUSE_TYPES: Readonly<Record<string, AbuseType>> = {
  '720684005': 'physical',
  '720411002': 'physical',
  '720595008': 'sexual',
  '720741001': 'sexual',
  '720025009': 'emotional',
  '720428004': 'emotional',
  '225827005': 'economic',
};

const localCode = (codings: readonly Coding[] | undefined): string | undefined =>
  codings?.find((c) => c.system === LOCAL_SYSTEM)?.code;

function readEnquiry(record: Recorded): EnquirySummary {
  const procedure = record.resource.resourceType === 'Procedure' ? record.resource : undefined;
  const date = record.date ? { date: record.date } : {};
  if (hasCoding(record.codings, SNOMED, SCT.enquiryDeclined)) return { outcome: 'declined', ...date };
  if (!hasCoding(record.codings, SNOMED, SCT.enquiry) || procedure?.status === 'not-done') {
    const reason = localCode(procedure?.statusReason?.coding);
    const known = ENQUIRY_NOT_MADE_REASON_CODES.find((c) => c === reason);
    return { outcome: 'not-asked', ...(known ? { notAskedReason: known } : {}), ...date };
  }
  const outcome = localCode(procedure?.outcome?.coding);
  if (outcome === 'enquiry-outcome-disclosed') return { outcome: 'asked-disclosed', ...date };
  if (outcome === 'enquiry-outcome-no-disclosure') return { outcome: 'asked-no-disclosure', ...date };
  return { outcome: 'asked', ...date };
}

function detailsOf(condition: Condition, byRef: ReadonlyMap<string, FhirResource>): Observation[] {
  return (condition.evidence ?? [])
    .flatMap((e) => e.detail ?? [])
    .map((r) => byRef.get(r.reference ?? ''))
    .filter((r): r is Observation => r?.resourceType === 'Observation');
}

function readDisclosure(record: Recorded, byRef: ReadonlyMap<string, FhirResource>): DisclosureSummary {
  const code = record.codings.find((c) => c.system === SNOMED) ?? record.codings[0] ?? {};
  const timing = PAST_CODES.has(code.code ?? '')
    ? 'past'
    : SUSPECTED_CODES.has(code.code ?? '')
      ? 'suspected'
      : 'current';
  const resource = record.resource;
  const details = resource.resourceType === 'Condition' ? detailsOf(resource, byRef) : [];
  const values = details
    .flatMap((o) => o.component ?? [])
    .flatMap((c) => {
      const kind = localCode(c.code.coding);
      return (c.valueCodeableConcept?.coding ?? []).map((coding) => ({ kind, coding }));
    });
  const abuseTypes = new Set<AbuseType>();
  const coded = CODED_ABUSE_TYPES[code.code ?? ''];
  if (coded) abuseTypes.add(coded);
  const relationships = new Set<Relationship>();
  for (const { kind, coding } of values) {
    const type = kind === 'abuse-type' ? abuseTypeOf(coding) : undefined;
    if (type) abuseTypes.add(type);
    const relationship = kind === 'relationship-to-person-causing-harm' ? relationshipOf(coding) : undefined;
    if (relationship) relationships.add(relationship);
  }
  return {
    id: resource.id ?? '',
    resourceType: resource.resourceType,
    code,
    timing,
    ...(record.date ? { date: record.date } : {}),
    abuseTypes: [...abuseTypes],
    relationships: [...relationships],
  };
}

/**
 * Summarises a patient's existing DVA record from their resources (any source, not only this app): latest enquiry
 * and outcome, disclosures, risk level, open referrals, active flags, MARAC status, safety plan, follow-up, consent.
 * Used by the CDS service to suppress prompts and by the app so that no one has to retell their story. Pure; codes
 * are matched through the terminology ValueSets, and entered-in-error or refuted records are ignored.
 */
export function readDvaSummary(
  resources: readonly FhirResource[],
  terminology: Terminology = defaultTerminology,
): DvaSummary {
  const records = resources.filter(isCurrentRecord).map(toRecorded);
  const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, r]));
  const inSet = (id: string) => records.filter((r) => terminology.containsAny(id, r.codings));
  const enquiry = latest(inSet('enquiry-any'));
  const disclosures = inSet('disclosure')
    .filter((r) => r.resource.resourceType === 'Condition' || r.resource.resourceType === 'Observation')
    .sort((a, b) => b.time - a.time)
    .map((r) => readDisclosure(r, byRef));
  const risk = readRisk(records, terminology);
  const consent = readConsent(records);
  return {
    ...(enquiry ? { latestEnquiry: readEnquiry(enquiry) } : {}),
    disclosures,
    ...(risk ? { risk } : {}),
    ...readActions(records, terminology),
    marac: readMarac(records, terminology),
    suspectedPerpetrator: inSet('alleged-perpetrator').length > 0,
    dvaInHousehold: inSet('child-in-household').length > 0,
    ...(consent ? { consent } : {}),
  };
}
