import { parseSearchRequest } from '@medplum/core';
import type { Encounter as MedplumEncounter } from '@medplum/fhirtypes';
import type {
  Condition,
  Encounter,
  FhirResource,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
} from 'fhir/r4.js';
import type { EhrRepository } from './ehr.types.ts';
import { formatPatientName, nhsNumber } from './uk.format.ts';

type ResourceOf<K extends FhirResource['resourceType']> = Extract<FhirResource, { resourceType: K }>;

/** Narrows the repository's untyped JSON to one R4 resource type (Medplum's and @types/fhir's types differ). */
function isResourceOf<K extends FhirResource['resourceType']>(
  value: unknown,
  type: K,
): value is ResourceOf<K> {
  return (
    typeof value === 'object' && value !== null && 'resourceType' in value && value.resourceType === type
  );
}

export interface Chart {
  readonly patient: Patient;
  readonly conditions: readonly Condition[];
  readonly encounters: readonly Encounter[];
  readonly medications: readonly (MedicationRequest | MedicationStatement)[];
  readonly observations: readonly Observation[];
}

/** FHIR ids (R4 `id` datatype); anything else is rejected before it reaches the repository. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const MAX_PATIENTS = 1000;
const MAX_ROWS = 200;

function newestFirst<T>(items: readonly T[], dateOf: (item: T) => string | undefined): T[] {
  return [...items].sort((a, b) => (dateOf(b) ?? '').localeCompare(dateOf(a) ?? ''));
}

/** `15/06/1990` → `1990-06-15`; an ISO date as it is; anything else undefined. */
function isoDateOf(text: string): string | undefined {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (uk) return `${uk[3]}-${(uk[2] ?? '').padStart(2, '0')}-${(uk[1] ?? '').padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
}

/** In-process reads and writes of the system of record (the sandbox FHIR repository). */
export class EhrRecords {
  readonly #repo: EhrRepository;

  constructor(repo: EhrRepository) {
    this.#repo = repo;
  }

  async #read<K extends FhirResource['resourceType']>(
    type: K,
    id: string,
  ): Promise<ResourceOf<K> | undefined> {
    if (!FHIR_ID.test(id)) return undefined;
    try {
      const found = await this.#repo.readResource(type, id);
      return isResourceOf(found, type) ? found : undefined;
    } catch {
      return undefined;
    }
  }

  async #search<K extends FhirResource['resourceType']>(type: K, query: string): Promise<ResourceOf<K>[]> {
    const found = await this.#repo.searchResources(parseSearchRequest(`${type}?${query}`));
    return found.filter((r): r is ResourceOf<K> => isResourceOf(r, type));
  }

  readPatient(id: string): Promise<Patient | undefined> {
    return this.#read('Patient', id);
  }

  readEncounter(id: string): Promise<Encounter | undefined> {
    return this.#read('Encounter', id);
  }

  /**
   * Patients sorted by name; `query` matches name, NHS number or date of birth (`dd/mm/yyyy` or `yyyy-mm-dd`),
   * case-insensitively.
   */
  async listPatients(query: string): Promise<Patient[]> {
    const patients = await this.#search('Patient', `_count=${MAX_PATIENTS}`);
    const needle = query.trim().toLowerCase();
    const digits = needle.replace(/\s+/g, '');
    const birthDate = isoDateOf(needle);
    const matches = patients.filter((p) => {
      if (!needle) return true;
      const name = formatPatientName(p).toLowerCase();
      const nhs = (nhsNumber(p.identifier) ?? '').replace(/\s+/g, '');
      return (
        name.includes(needle) || (/^\d+$/.test(digits) && nhs.includes(digits)) || p.birthDate === birthDate
      );
    });
    return matches.sort((a, b) => formatPatientName(a).localeCompare(formatPatientName(b)));
  }

  async loadChart(patientId: string): Promise<Chart | undefined> {
    const patient = await this.readPatient(patientId);
    if (!patient) return undefined;
    const subject = `subject=Patient/${patientId}&_count=${MAX_ROWS}`;
    const [conditions, encounters, requests, statements, observations] = await Promise.all([
      this.#search('Condition', subject),
      this.#search('Encounter', subject),
      this.#search('MedicationRequest', subject),
      this.#search('MedicationStatement', subject),
      this.#search('Observation', subject),
    ]);
    return {
      patient,
      conditions: newestFirst(conditions, (c) => c.recordedDate ?? c.onsetDateTime),
      encounters: newestFirst(encounters, (e) => e.period?.start),
      medications: newestFirst([...requests, ...statements], (m) =>
        m.resourceType === 'MedicationRequest' ? m.authoredOn : (m.effectiveDateTime ?? m.dateAsserted),
      ),
      observations: newestFirst(
        observations,
        (o) => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued,
      ),
    };
  }

  /**
   * The patient and, when asked for, the encounter, which must be that patient's; undefined when either is
   * unknown (a hook or launch then answers 404).
   */
  async findContext(
    patientId: string,
    encounterId?: string,
  ): Promise<{ patient: Patient; encounter?: Encounter } | undefined> {
    const patient = await this.readPatient(patientId);
    if (!patient) return undefined;
    if (encounterId === undefined) return { patient };
    const encounter = await this.readEncounter(encounterId);
    return encounter?.subject?.reference === `Patient/${patientId}` ? { patient, encounter } : undefined;
  }

  /** Stores a new Encounter; returns its id. */
  async createEncounter(encounter: MedplumEncounter): Promise<string> {
    const created = await this.#repo.createResource(encounter);
    if (!isResourceOf(created, 'Encounter') || created.id === undefined) {
      throw new Error('The repository did not return the created Encounter');
    }
    return created.id;
  }
}
