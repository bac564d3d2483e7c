import type { Filter } from '@medplum/core';
import {
  convertToSearchableReferences,
  evalFhirPathTyped,
  type FhirPathAtom,
  LRUCache,
  Operator,
  splitSearchOnComma,
  toTypedValue,
} from '@medplum/core';
import type { Resource, SearchParameter } from '@medplum/fhirtypes';

const expressionCache = new LRUCache<FhirPathAtom>(500);

/**
 * Reference strings per stored resource version and expression. Stored versions are never mutated in place
 * (MemoryRepository replaces them and clones on read), so the cache cannot go stale; it dies with the version.
 */
const referenceCache = new WeakMap<Resource, Map<string, readonly string[]>>();

/** The references `expression` yields on a stored resource (`Type/id` strings), computed once per version. */
export function referencesOf(resource: Resource, expression: string | undefined): readonly string[] {
  if (!expression) return [];
  let byExpression = referenceCache.get(resource);
  if (!byExpression) {
    byExpression = new Map();
    referenceCache.set(resource, byExpression);
  }
  let references = byExpression.get(expression);
  if (!references) {
    const values = evalFhirPathTyped(expression, [toTypedValue(resource)], undefined, expressionCache);
    references = convertToSearchableReferences(values);
    byExpression.set(expression, references);
  }
  return references;
}

/** Reference filters this matcher answers from the cache; modifiers such as `:identifier` stay with Medplum. */
export function isCachedReferenceFilter(param: SearchParameter, filter: Filter): boolean {
  const operator = filter.operator;
  return (
    param.type === 'reference' &&
    param.code !== '_compartment' &&
    (operator === Operator.EQUALS || operator === Operator.NOT_EQUALS || operator === Operator.NOT)
  );
}

/** A reference filter prepared once per search: its comma-separated values split and classified. */
export interface CachedReferenceFilter {
  readonly expression: string | undefined;
  readonly negated: boolean;
  readonly matchesEmpty: boolean;
  /** Full `Type/id` values. */
  readonly exact: readonly string[];
  /** `/id` suffixes of bare ids. */
  readonly suffixes: readonly string[];
}

export function prepareReferenceFilter(param: SearchParameter, filter: Filter): CachedReferenceFilter {
  const values = splitSearchOnComma(filter.value);
  return {
    expression: param.expression,
    negated: filter.operator !== Operator.EQUALS,
    matchesEmpty: filter.value === '',
    exact: values.filter((v) => v.includes('/')),
    suffixes: values.filter((v) => !v.includes('/')).map((v) => `/${v}`),
  };
}

/**
 * Reference matching (R4 search §3.1.1.4.9): `Type/id` must match exactly; a bare id matches a reference to any
 * type ending in `/id`. `@medplum/core` accepts a bare id only for single-target parameters (so `subject=123`
 * matched nothing); like HAPI, the sandbox accepts it for all.
 */
export function matchesCachedReference(resource: Resource, filter: CachedReferenceFilter): boolean {
  const references = referencesOf(resource, filter.expression);
  if (filter.matchesEmpty && references.length === 0) return !filter.negated;
  for (const reference of references) {
    if (filter.exact.includes(reference) || filter.suffixes.some((s) => reference.endsWith(s)))
      return !filter.negated;
  }
  return filter.negated;
}
