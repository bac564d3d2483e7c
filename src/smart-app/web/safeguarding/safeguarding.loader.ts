import type { FhirResource, Patient } from 'fhir/r4.js';
import { type DvaSummary, readDvaSummary } from '../../../recording/index.ts';
import { ACT_CODE_SYSTEM } from '../../../shared/index.ts';
import { LOCAL_CODES, LOCAL_SYSTEM } from '../../../terminology/index.ts';
import { SUMMARY_RESOURCE_TYPES } from '../../shared/index.ts';
import { type PatientFacts, patientFacts } from '../record/index.ts';
import type { FhirHttp } from '../session/index.ts';
import { type AccessEntry, careTeamOf, readAccessLog } from './access-log.model.ts';
import { type ReviewEntry, readReviews } from './review-history.model.ts';
import { buildWorklist, type WorklistRow } from './worklist.model.ts';

const SDV = encodeURIComponent(`${ACT_CODE_SYSTEM}|SDV`);
const REVIEW_CODE = encodeURIComponent(`${LOCAL_SYSTEM}|${LOCAL_CODES.safeguardingReview}`);

/**
 * Every active restricted (SDV) Flag on the server with its patient (R4 Flag has no `status` search parameter) and
 * the safeguarding review Tasks, for each flag's last review.
 */
export async function loadWorklist(fhir: FhirHttp, now: Date): Promise<WorklistRow[]> {
  const [flags, reviews] = await Promise.all([
    fhir.searchAll(`Flag?_security=${SDV}&_include=Flag:subject&_count=200`, 5),
    fhir.searchAll(`Task?code=${REVIEW_CODE}&_count=200`, 5),
  ]);
  return buildWorklist([...flags, ...reviews], now);
}

/** The patient's DVA record resources (the types `readDvaSummary` reads), from every source on the server. */
async function loadRecords(fhir: FhirHttp, patientId: string): Promise<FhirResource[]> {
  const id = encodeURIComponent(patientId);
  const lists = await Promise.all(
    [...SUMMARY_RESOURCE_TYPES, 'Encounter'].map((type) =>
      fhir.searchAll(`${type}?patient=${id}&_count=200`),
    ),
  );
  return lists.flat();
}

/** Who has looked at the patient's restricted records, judged against the care team found in `records`. */
export async function loadAccessLog(
  fhir: FhirHttp,
  patientId: string,
  records: readonly FhirResource[],
  reviewerRef: string,
): Promise<AccessEntry[]> {
  const reference = encodeURIComponent(`Patient/${patientId}`);
  const events = await fhir.searchAll(`AuditEvent?patient=${reference}&_count=200`, 5);
  return readAccessLog(events, careTeamOf(records), reviewerRef);
}

/** Patients with at least one alert, for the worklist badge: each patient's encounters, flags and audit trail. */
export async function loadAlerts(
  fhir: FhirHttp,
  rows: readonly WorklistRow[],
  reviewerRef: string,
): Promise<Set<string>> {
  const patients = [...new Set(rows.map((r) => r.patientId))];
  const alerted = await Promise.all(
    patients.map(async (patientId) => {
      const id = encodeURIComponent(patientId);
      const encounters = await fhir.searchAll(`Encounter?patient=${id}&_count=200`, 2);
      const flags = rows.filter((r) => r.patientId === patientId).map((r) => r.flag);
      const log = await loadAccessLog(fhir, patientId, [...encounters, ...flags], reviewerRef);
      return log.some((entry) => entry.alert) ? patientId : undefined;
    }),
  );
  return new Set(alerted.filter((id): id is string => id !== undefined));
}

/** What the case view shows for one patient. */
export interface CaseRecord {
  readonly patient: PatientFacts;
  readonly summary: DvaSummary;
  readonly access: readonly AccessEntry[];
  readonly reviews: readonly ReviewEntry[];
}

/**
 * The case: the patient, their DVA record through `readDvaSummary`, then the access log (read after the record,
 * so it includes this view: the FHIR server audits every read of a restricted resource).
 */
export async function loadCase(fhir: FhirHttp, patientId: string, reviewerRef: string): Promise<CaseRecord> {
  const [patient, records] = await Promise.all([
    fhir.read<Patient>(`Patient/${encodeURIComponent(patientId)}`),
    loadRecords(fhir, patientId),
  ]);
  const access = await loadAccessLog(fhir, patientId, records, reviewerRef);
  return {
    patient: patientFacts(patient),
    summary: readDvaSummary(records),
    access,
    reviews: readReviews(records),
  };
}
