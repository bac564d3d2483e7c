import type { Bundle, Coding, FhirResource, Reference } from 'fhir/r4.js';
import { ACT_CODE_SYSTEM, CONFIDENTIALITY_SYSTEM } from '../../src/shared/index.ts';
import { terminology } from '../../src/terminology/index.ts';

/** Checks every emitted Bundle must pass; each returns the problems found (empty = fine). */

export function resourcesOf(bundle: Bundle<FhirResource>): FhirResource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

export function labelProblems(resource: FhirResource): string[] {
  const security = resource.meta?.security ?? [];
  const where = `${resource.resourceType}/${resource.id}`;
  const confidentiality = security.filter((c) => c.system === CONFIDENTIALITY_SYSTEM);
  const problems: string[] = [];
  if (confidentiality.length !== 1 || !['R', 'V'].includes(confidentiality[0]?.code ?? '')) {
    problems.push(`${where}: needs exactly one confidentiality label R or V`);
  }
  for (const code of ['SDV', 'NOPAT']) {
    if (!security.some((c) => c.system === ACT_CODE_SYSTEM && c.code === code))
      problems.push(`${where}: no ${code}`);
  }
  return problems;
}

function walk(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  visit(value, path);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walk(v, `${path}[${i}]`, visit);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, visit);
  }
}

/** Paths holding '', [], {}, null or undefined. */
export function emptyValues(value: unknown): string[] {
  const found: string[] = [];
  walk(value, '$', (v, path) => {
    const empty =
      v === null ||
      v === undefined ||
      (typeof v === 'string' && v.trim() === '') ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
    if (empty) found.push(path);
  });
  return found;
}

function referencesOf(value: unknown): string[] {
  const refs: string[] = [];
  walk(value, '$', (v) => {
    if (typeof v === 'object' && v !== null && 'reference' in v) {
      const reference = (v as Reference).reference;
      if (reference) refs.push(reference);
    }
  });
  return refs;
}

/** References that point neither at an entry of the Bundle nor at one of the given ids. */
export function unresolvedReferences(bundle: Bundle<FhirResource>, given: readonly string[]): string[] {
  const inside = new Set(resourcesOf(bundle).map((r) => `${r.resourceType}/${r.id}`));
  const allowed = new Set(given);
  return referencesOf(bundle).filter((r) => !inside.has(r) && !allowed.has(r));
}

/** Codings (outside meta) whose system|code is not in terminology/. */
export function unknownCodings(resource: FhirResource): string[] {
  const found: string[] = [];
  walk({ ...resource, meta: undefined }, '$', (v) => {
    if (typeof v === 'object' && v !== null && 'system' in v && 'code' in v) {
      const coding = v as Coding;
      if (!terminology.lookup(coding.system ?? '', coding.code ?? ''))
        found.push(`${coding.system}|${coding.code}`);
    }
  });
  return found;
}

/** The record (Patient reference) each resource is written to. */
export function recordOf(resource: FhirResource): string | undefined {
  switch (resource.resourceType) {
    case 'Consent':
      return resource.patient?.reference;
    case 'Task':
      return resource.for?.reference;
    case 'Provenance':
      return undefined;
    default:
      return 'subject' in resource ? (resource.subject as Reference | undefined)?.reference : undefined;
  }
}

/** Resources grouped by record; a Provenance goes with the record of its targets (and must have only one). */
export function byRecord(bundle: Bundle<FhirResource>): Map<string, FhirResource[]> {
  const resources = resourcesOf(bundle);
  const recordById = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, recordOf(r)]));
  const groups = new Map<string, FhirResource[]>();
  for (const r of resources) {
    const targets =
      r.resourceType === 'Provenance' ? r.target.map((t) => recordById.get(t.reference ?? '')) : [];
    const record = r.resourceType === 'Provenance' ? [...new Set(targets)].join(' + ') : (recordOf(r) ?? '?');
    groups.set(record, [...(groups.get(record) ?? []), r]);
  }
  return groups;
}
