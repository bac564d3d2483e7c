import type {
  Condition,
  Encounter,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  RelatedPerson,
  Resource,
} from 'fhir/r4.js';
import type { Terminology } from '../../shared/index.ts';
import { createFhirRestReader, type FhirRestReader, PortalUnavailableError } from './fhir-rest.reader.ts';
import { isAboutPatient, isSafeForPatientFacing } from './patient-facing.filter.ts';
import type { PortalTokenGrant, PortalViewer } from './portal.types.ts';

/** What a patient-facing page may show: already past the server's label policy and the portal's own check. */
export interface PortalRecord {
  readonly patient: Patient;
  readonly conditions: readonly Condition[];
  readonly encounters: readonly Encounter[];
  readonly medications: readonly (MedicationRequest | MedicationStatement)[];
  readonly observations: readonly Observation[];
}

export interface RecordLoaderSettings {
  readonly clientId: string;
  readonly fhirBaseUrl: string;
  readonly publicFhirBaseUrl: string;
  readonly pageSize: number;
  readonly timeoutMs: number;
  readonly mintAccessToken: (grant: PortalTokenGrant) => Promise<string>;
  readonly fetch: typeof fetch;
  readonly terminology: Terminology;
}

/** Patient-facing tokens read and search only, and only in the patient's compartment (SMART 2.2 scopes). */
export const PORTAL_SCOPE = 'patient/*.rs';
const TOKEN_TTL_SECONDS = 60;

/**
 * The token request for a viewer: role `patient` always (a proxy is a patient-facing user too), the user as
 * `fhirUser`, confined to the record in view. The label policy then withholds NOPAT and restricted records.
 */
export function portalTokenGrant(viewer: PortalViewer, clientId: string): PortalTokenGrant {
  const fhirUser =
    viewer.kind === 'self' ? `Patient/${viewer.patientId}` : `RelatedPerson/${viewer.relatedPersonId}`;
  return {
    clientId,
    role: 'patient',
    scope: PORTAL_SCOPE,
    fhirUser,
    patient: viewer.patientId,
    ttlSeconds: TOKEN_TTL_SECONDS,
  };
}

/**
 * A proxy acts through a RelatedPerson on the patient's own record (FHIR R4 RelatedPerson.patient); one that is not
 * there, or no longer active, is refused whatever the token says.
 */
async function checkProxy(reader: FhirRestReader, viewer: PortalViewer): Promise<void> {
  if (viewer.kind !== 'proxy') return;
  const link = (await reader.read('RelatedPerson', viewer.relatedPersonId)) as RelatedPerson | undefined;
  if (link === undefined || link.active === false || !isAboutPatient(link, viewer.patientId)) {
    throw new PortalUnavailableError('proxy-not-on-record', 403);
  }
}

async function readerFor(viewer: PortalViewer, settings: RecordLoaderSettings): Promise<FhirRestReader> {
  let accessToken: string;
  try {
    accessToken = await settings.mintAccessToken(portalTokenGrant(viewer, settings.clientId));
  } catch {
    throw new PortalUnavailableError('token-refused');
  }
  const reader = createFhirRestReader({
    fhirBaseUrl: settings.fhirBaseUrl,
    linkBaseUrls: [settings.publicFhirBaseUrl],
    accessToken,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
  });
  await checkProxy(reader, viewer);
  return reader;
}

/** Reads the Patient in view as that viewer; undefined when the server does not disclose it. */
export async function loadPatient(
  viewer: PortalViewer,
  settings: RecordLoaderSettings,
): Promise<Patient | undefined> {
  const reader = await readerFor(viewer, settings);
  const patient = await reader.read('Patient', viewer.patientId);
  if (patient === undefined || !isSafeForPatientFacing(patient, viewer.patientId, settings.terminology)) {
    return undefined;
  }
  return patient as Patient;
}

/**
 * Loads the record through the FHIR REST API with the viewer's own token, reading every page of each search (so
 * the server's paging never shapes the page), then drops anything that is not safe for a patient-facing view.
 */
export async function loadPortalRecord(
  viewer: PortalViewer,
  settings: RecordLoaderSettings,
): Promise<PortalRecord> {
  const reader = await readerFor(viewer, settings);
  const params = { patient: viewer.patientId, _count: String(settings.pageSize) };
  const safe = <T extends Resource>(list: readonly Resource[]): T[] =>
    list.filter((r) => isSafeForPatientFacing(r, viewer.patientId, settings.terminology)) as T[];
  const [patient, conditions, encounters, requests, statements, observations] = await Promise.all([
    reader.read('Patient', viewer.patientId),
    reader.searchAll('Condition', params),
    reader.searchAll('Encounter', params),
    reader.searchAll('MedicationRequest', params),
    reader.searchAll('MedicationStatement', params),
    reader.searchAll('Observation', params),
  ]);
  const [own] = safe<Patient>(patient ? [patient] : []);
  if (own === undefined) throw new PortalUnavailableError('patient-not-disclosed', 404);
  return {
    patient: own,
    conditions: safe<Condition>(conditions),
    encounters: safe<Encounter>(encounters),
    medications: [...safe<MedicationRequest>(requests), ...safe<MedicationStatement>(statements)],
    observations: safe<Observation>(observations),
  };
}
