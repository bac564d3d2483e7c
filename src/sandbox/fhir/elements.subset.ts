import { tryGetDataType } from '@medplum/core';
import type { Coding, Resource } from '@medplum/fhirtypes';

/** The tag a server puts on a resource it returns incompletely (R4 search §3.1.1.5.9 `_elements`). */
export const SUBSETTED_TAG: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'subsetted',
};

const ALWAYS_KEPT: ReadonlySet<string> = new Set(['resourceType', 'id', 'meta']);

/** Top-level element names that are mandatory (min ≥ 1), as bare names (`value[x]` → `value`). */
function mandatoryElements(resourceType: string): string[] {
  const elements = tryGetDataType(resourceType)?.elements ?? {};
  return Object.entries(elements)
    .filter(([name, element]) => element.min > 0 && !name.includes('.'))
    .map(([name]) => name.replace('[x]', ''));
}

/** True when the JSON key `key` is the element `name` or one of its choice forms (`value` → `valueQuantity`). */
function keyMatches(key: string, name: string): boolean {
  if (key === name) return true;
  const rest = key.slice(name.length);
  return key.startsWith(name) && /^[A-Z]/.test(rest);
}

/**
 * Returns a copy of the resource with only the requested top-level elements, plus `id`, `meta` and the mandatory
 * elements (which R4 says servers SHOULD keep), tagged SUBSETTED.
 */
export function subsetElements<T extends Resource>(resource: T, fields: readonly string[]): T {
  const requested = fields.map((f) => f.trim().replace(/^[A-Z][A-Za-z]*\./, '')).filter((f) => f.length > 0);
  const names = [...requested, ...mandatoryElements(resource.resourceType)];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS_KEPT.has(key) || names.some((name) => keyMatches(key, name))) out[key] = value;
  }
  const meta = resource.meta ?? {};
  out.meta = { ...meta, tag: [...(meta.tag ?? []), { ...SUBSETTED_TAG }] };
  return out as T;
}
