import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4.js';
import { SEED_COHORT } from './cohort.seed.ts';
import { buildDirectory } from './directory.seed.ts';
import { buildHistory } from './history.builder.ts';
import { buildParentLink, buildPatient } from './patient.builder.ts';
import type { PatientSpec } from './seed-spec.types.ts';

/** A seed transaction: FHIR R4 resources only. */
export type SeedBundle = Bundle<FhirResource>;

function entryOf(resource: FhirResource): BundleEntry<FhirResource> {
  return { resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` } };
}

/** A transaction Bundle of PUTs with client-assigned ids: loading it twice leaves the same resources. */
function transaction(id: string, resources: readonly FhirResource[]): SeedBundle {
  return { resourceType: 'Bundle', id, type: 'transaction', entry: resources.map(entryOf) };
}

function parentLinks(spec: PatientSpec, byId: ReadonlyMap<string, PatientSpec>, now: Date): FhirResource[] {
  return (spec.parents ?? []).map((link, index) => {
    const parent = byId.get(link.patientId);
    if (!parent) throw new Error(`seed: unknown parent ${link.patientId} of ${spec.id}`);
    return buildParentLink(spec, link, parent, now, index);
  });
}

/** Every resource of one seeded patient: the Patient, parent links, then the history in order. */
export function buildPatientResources(spec: PatientSpec, now: Date, byId: ReadonlyMap<string, PatientSpec>) {
  return [buildPatient(spec, now), ...parentLinks(spec, byId, now), ...buildHistory(spec, now)];
}

/**
 * The sandbox seed as FHIR R4 transaction Bundles: first the directory (Organizations, Practitioners,
 * PractitionerRoles, the recording app's Device), then one Bundle per patient. Pure and deterministic: the same `now` gives the same Bundles;
 * every date is relative to `now`.
 */
export function buildSeedBundles(now: Date): SeedBundle[] {
  const byId = new Map(SEED_COHORT.map((spec) => [spec.id, spec]));
  return [
    transaction('seed-directory', buildDirectory()),
    ...SEED_COHORT.map((spec) => transaction(`seed-${spec.id}`, buildPatientResources(spec, now, byId))),
  ];
}

/**
 * Loads the seed through `load` (one transaction per call, in order, so that practitioners exist before the records
 * that cite them) and returns what was loaded.
 */
export async function seedSandbox(
  load: (bundle: SeedBundle) => Promise<void>,
  now: Date,
): Promise<{ patients: number; resources: number }> {
  const bundles = buildSeedBundles(now);
  let resources = 0;
  for (const bundle of bundles) {
    await load(bundle);
    resources += bundle.entry?.length ?? 0;
  }
  return { patients: SEED_COHORT.length, resources };
}
