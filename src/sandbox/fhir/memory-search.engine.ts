import type { FhirPathAtom, Filter, SearchRequest, SortRule, TypedValue } from '@medplum/core';
import {
  badRequest,
  evalFhirPathTyped,
  getSearchParameter,
  LRUCache,
  matchesSearchRequest,
  OperationOutcomeError,
  Operator,
  parseSearchRequest,
  toTypedValue,
} from '@medplum/core';
import type { Resource, SearchParameter } from '@medplum/fhirtypes';
import {
  type CachedReferenceFilter,
  isCachedReferenceFilter,
  matchesCachedReference,
  prepareReferenceFilter,
  referencesOf,
} from './reference-filter.matcher.ts';
import {
  compareSortKeys,
  matchesNumberFilter,
  matchesQuantityFilter,
  type SortKey,
  sortKeyOf,
} from './search-value.matchers.ts';

/** What the search engine may see of the repository. */
export interface SearchStore {
  /** The current resources of one type, in insertion order. */
  byType(resourceType: string): ReadonlyMap<string, Resource> | undefined;
  /** False for resources the caller must not learn about (see {@link SandboxRepository.withVisibility}). */
  isVisible(resource: Resource): boolean;
}

/** One page of matches (not cloned) and the number of all matches. */
export interface SearchPage {
  readonly matches: readonly Resource[];
  readonly total: number;
}

interface ValueFilter {
  readonly param: SearchParameter;
  readonly filter: Filter;
}

interface ChainFilter {
  readonly param: SearchParameter;
  readonly targets: readonly { readonly type: string; readonly compiled: CompiledSearch }[];
}

interface CompiledSearch {
  /** Reference filters answered from cached references; checked first because they are cheap and selective. */
  readonly references: readonly CachedReferenceFilter[];
  readonly base: SearchRequest;
  readonly values: readonly ValueFilter[];
  readonly chains: readonly ChainFilter[];
}

const expressionCache = new LRUCache<FhirPathAtom>(2000);

function evaluate(expression: string | undefined, resource: Resource): TypedValue[] {
  if (!expression) return [];
  return evalFhirPathTyped(expression, [toTypedValue(resource)], undefined, expressionCache);
}

function invalid(message: string): OperationOutcomeError {
  return new OperationOutcomeError(badRequest(message));
}

function compileChain(resourceType: string, filter: Filter): ChainFilter {
  const dot = filter.code.indexOf('.');
  const [refCode = '', explicitType] = filter.code.slice(0, dot).split(':');
  const chainedKey = filter.code.slice(dot + 1);
  const param = getSearchParameter(resourceType, refCode);
  if (param?.type !== 'reference')
    throw invalid(`Unknown reference search parameter for chaining: ${refCode}`);
  const candidates = explicitType ? [explicitType] : (param.target ?? []);
  const chainedCode = chainedKey.split(/[.:]/)[0] ?? '';
  const targets = candidates
    .filter((type) => chainedKey.includes('.') || getSearchParameter(type, chainedCode) !== undefined)
    .map((type) => ({ type, compiled: compile(parseSearchRequest(type, { [chainedKey]: filter.value })) }));
  if (targets.length === 0) throw invalid(`Unknown chained search parameter: ${filter.code}`);
  return { param, targets };
}

/** Splits filters into those Medplum matches, those we match (number, quantity) and chains; rejects the rest. */
function compile(request: SearchRequest): CompiledSearch {
  const plain: Filter[] = [];
  const references: CachedReferenceFilter[] = [];
  const values: ValueFilter[] = [];
  const chains: ChainFilter[] = [];
  for (const filter of request.filters ?? []) {
    if (filter.code.startsWith('_has')) throw invalid('Reverse chaining (_has) is not supported');
    if (filter.code.includes('.')) {
      chains.push(compileChain(request.resourceType, filter));
      continue;
    }
    const param = getSearchParameter(request.resourceType, filter.code);
    if (!param) throw invalid(`Unknown search parameter: ${filter.code}`);
    const presence = filter.operator === Operator.MISSING || filter.operator === Operator.PRESENT;
    if (isCachedReferenceFilter(param, filter)) references.push(prepareReferenceFilter(param, filter));
    else if (!presence && (param.type === 'number' || param.type === 'quantity'))
      values.push({ param, filter });
    else if (param.type === 'composite' || param.type === 'special') {
      throw invalid(`Search parameter type ${param.type} is not supported: ${filter.code}`);
    } else plain.push(filter);
  }
  for (const rule of request.sortRules ?? []) {
    if (!getSearchParameter(request.resourceType, rule.code))
      throw invalid(`Unknown sort parameter: ${rule.code}`);
  }
  return { references, base: { resourceType: request.resourceType, filters: plain }, values, chains };
}

function matchesValue(resource: Resource, { param, filter }: ValueFilter): boolean {
  const values = evaluate(param.expression, resource);
  return param.type === 'number'
    ? matchesNumberFilter(values, filter)
    : matchesQuantityFilter(values, filter);
}

function matchesChain(store: SearchStore, resource: Resource, chain: ChainFilter): boolean {
  return referencesOf(resource, chain.param.expression).some((reference) => {
    const [type, id, ...rest] = reference.split('/');
    if (!type || !id || rest.length > 0) return false;
    const target = store.byType(type)?.get(id);
    if (!target || !store.isVisible(target)) return false;
    return chain.targets.some((t) => t.type === type && matchesCompiled(store, target, t.compiled));
  });
}

function matchesCompiled(store: SearchStore, resource: Resource, compiled: CompiledSearch): boolean {
  return (
    compiled.references.every((r) => matchesCachedReference(resource, r)) &&
    matchesSearchRequest(resource, compiled.base) &&
    compiled.values.every((v) => matchesValue(resource, v)) &&
    compiled.chains.every((c) => matchesChain(store, resource, c))
  );
}

function sortMatches(matched: Resource[], resourceType: string, rules: readonly SortRule[]): Resource[] {
  const params = rules.map((rule) => getSearchParameter(resourceType, rule.code));
  const keyed = matched.map((resource) => ({
    resource,
    keys: params.map((param): SortKey => sortKeyOf(evaluate(param?.expression, resource), param?.type)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const order = compareSortKeys(a.keys[i], b.keys[i], rules[i]?.descending ?? false);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map((k) => k.resource);
}

/**
 * Runs a type-level search over the in-memory store: a linear scan (about 10 µs per resource of the type once the
 * expressions are narrowed), hidden resources dropped before paging so `total` and the pages agree.
 * Throws 400 for unknown parameters, `_has`, composite parameters and unknown sort keys rather than
 * silently matching nothing.
 */
export function executeSearch(store: SearchStore, request: SearchRequest): SearchPage {
  const compiled = compile(request);
  const matched: Resource[] = [];
  for (const resource of store.byType(request.resourceType)?.values() ?? []) {
    if (store.isVisible(resource) && matchesCompiled(store, resource, compiled)) matched.push(resource);
  }
  const sorted = request.sortRules?.length
    ? sortMatches(matched, request.resourceType, request.sortRules)
    : matched;
  const offset = request.offset ?? 0;
  const page =
    request.count === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + request.count);
  return { matches: page, total: matched.length };
}
