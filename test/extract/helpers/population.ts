import type { Resource } from 'fhir/r4.js';
import {
  CODE,
  condition,
  encounter,
  ICD10,
  observation,
  patient,
  procedure,
  serviceRequest,
  withEthnicity,
} from './fhir-builders.ts';

/** A small deterministic PRNG (mulberry32), so generated populations are the same on every run. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = [
  CODE.enquiryAsked,
  CODE.enquiryDeclined,
  CODE.enquiryNotMade,
  CODE.disclosure,
  CODE.marac,
  CODE.idva,
  CODE.selfHarm,
  CODE.unrelated,
];
const SERVICES = ['600', '710', '711', '601', undefined];
const GENDERS = ['female', 'male', 'other', undefined] as const;
const ETHNICITIES = ['A', 'D', 'H', 'M', 'R', 'Z'];

/** A synthetic population with a mix of record types, settings, statuses and dates, in shuffled order. */
export function syntheticPopulation(seed: number, patients: number): Resource[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const resources: Resource[] = [];
  for (let p = 0; p < patients; p++) {
    const id = `pat-${seed}-${p}`;
    const birthYear = 1930 + Math.floor(random() * 90);
    resources.push(
      patient(id, {
        gender: pick(GENDERS),
        birthDate: `${birthYear}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        ...withEthnicity(pick(ETHNICITIES)),
      }),
    );
    const records = Math.floor(random() * 6);
    for (let r = 0; r < records; r++) {
      const date = `2024-0${1 + Math.floor(random() * 4)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const encounterId = `enc-${id}-${r}`;
      resources.push(encounter(encounterId, id, pick(SERVICES)));
      const withEncounter = { encounter: { reference: `Encounter/${encounterId}` } };
      const kind = Math.floor(random() * 5);
      const code = pick(CODES);
      const recordId = `rec-${id}-${r}`;
      if (kind === 0)
        resources.push(
          observation(recordId, id, code, date, {
            ...withEncounter,
            status: random() < 0.1 ? 'cancelled' : 'final',
          }),
        );
      else if (kind === 1)
        resources.push(procedure(recordId, id, code, date, random() < 0.2 ? 'not-done' : 'completed'));
      else if (kind === 2) resources.push(serviceRequest(recordId, id, code, date));
      else if (kind === 3)
        resources.push(
          condition(
            recordId,
            id,
            { system: ICD10, code: pick(['X60.1', 'X78', 'X85', 'R45.8']) },
            date,
            withEncounter,
          ),
        );
      else resources.push(observation(recordId, id, code, random() < 0.1 ? '' : date));
    }
  }
  for (let i = resources.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [resources[i], resources[j]] = [resources[j] as Resource, resources[i] as Resource];
  }
  return resources;
}

/** The Bulk Data layout: one `{type}.ndjson` file per resource type. */
export function filesByType(resources: readonly Resource[]): Record<string, Resource[]> {
  const files: Record<string, Resource[]> = {};
  for (const resource of resources) {
    const name = `${resource.resourceType}.ndjson`;
    files[name] ??= [];
    files[name].push(resource);
  }
  return files;
}
