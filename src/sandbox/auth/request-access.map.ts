import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import type { FhirHttpRequest } from '../fhir/access.ts';
import type { ScopeLetter } from './smart-scope.parser.ts';

/** A normalised query: every parameter with all its values (repeated parameters are AND-ed). */
export type QueryParams = ReadonlyMap<string, readonly string[]>;

/** What one FHIR interaction needs from the token (SMART 2.2: c/r/u/d/s per resource type). */
export interface RequiredAccess {
  readonly resourceType: string;
  readonly letter: ScopeLetter;
  readonly kind: 'read' | 'search' | 'create' | 'update' | 'patch' | 'delete';
  readonly id?: string;
  readonly query?: QueryParams;
  /** The resource being written (create/update), to check it lands in the right compartment. */
  readonly resource?: unknown;
  /** `Patient/{id}/…` compartment searches and `Patient/{id}/$…` operations. */
  readonly compartmentPatient?: string;
  /** Checked against scopes only (`_include`, `_revinclude`, `_has`, If-None-Exist): their results are filtered on the way out. */
  readonly scopeOnly?: boolean;
  /** A `_has` reverse chain: it tests records of this type without returning them. */
  readonly reverseChain?: boolean;
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const OPEN_PATHS: ReadonlySet<string> = new Set(['metadata', '.well-known']);

const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.enum(['batch', 'transaction']),
  entry: z
    .array(
      z.looseObject({
        request: z.looseObject({
          method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
          url: z.string().min(1),
          ifNoneExist: z.string().optional(),
        }),
        resource: z.unknown().optional(),
      }),
    )
    .optional(),
});

function badRequest(reason: string, diagnostics: string): OperationOutcomeError {
  return OperationOutcomeError.of(400, { code: IssueType.invalid, reason, diagnostics });
}

/** Normalises an express-style query (`string | string[]`) into a map of all values. */
export function normaliseQuery(query: FhirHttpRequest['query']): QueryParams {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out.set(key, typeof value === 'string' ? [value] : [...value]);
  }
  return out;
}

function parseSearch(search: string): QueryParams {
  const out = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(search)) out.set(key, [...(out.get(key) ?? []), value]);
  return out;
}

/** `POST Type/_search`: the form body's parameters count like the query's. */
function mergeForm(query: QueryParams, body: unknown): QueryParams {
  if (typeof body !== 'object' || body === null) return query;
  const out = new Map(query);
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    out.set(key, [...(out.get(key) ?? []), ...values]);
  }
  return out;
}

/** Scope requirements implied by `_include` (target types) and `_revinclude` (source types). */
function includeAccess(query: QueryParams): RequiredAccess[] {
  const out: RequiredAccess[] = [];
  for (const [key, values] of query) {
    const include = key === '_include' || key.startsWith('_include:');
    const revinclude = key === '_revinclude' || key.startsWith('_revinclude:');
    if (!include && !revinclude) continue;
    for (const value of values) {
      const [source, , target] = value.split(':');
      const type = revinclude ? source : target;
      if (type !== undefined && RESOURCE_TYPE.test(type)) {
        out.push({ resourceType: type, letter: revinclude ? 's' : 'r', kind: 'search', scopeOnly: true });
      }
    }
  }
  return out;
}

/**
 * `_has:Type:…` reverse chains (also inside a chain) search inside another type: they need search access to it, and
 * they reveal which records match there although nothing of that type is returned.
 */
function hasAccess(query: QueryParams): RequiredAccess[] {
  const out: RequiredAccess[] = [];
  for (const key of query.keys()) {
    const at = key.indexOf('_has:');
    const type = at < 0 ? undefined : key.slice(at).split(':')[1];
    if (type !== undefined && RESOURCE_TYPE.test(type)) {
      out.push({ resourceType: type, letter: 's', kind: 'search', scopeOnly: true, reverseChain: true });
    }
  }
  return out;
}

function search(resourceType: string, query: QueryParams, compartmentPatient?: string): RequiredAccess[] {
  return [
    {
      resourceType,
      letter: 's',
      kind: 'search',
      query,
      ...(compartmentPatient ? { compartmentPatient } : {}),
    },
    ...includeAccess(query),
    ...hasAccess(query),
  ];
}

function operation(type: string, name: string, id?: string): RequiredAccess[] {
  const base: RequiredAccess[] = [{ resourceType: type, letter: 'r', kind: 'read', ...(id ? { id } : {}) }];
  if (name === '$everything') {
    const patient = type === 'Patient' && id ? { compartmentPatient: id } : {};
    base.push({ resourceType: '*', letter: 's', kind: 'search', query: new Map(), ...patient });
  }
  return base;
}

/** Anything not recognised needs full read and search: the router then answers it or 404s. */
function unrecognised(): RequiredAccess[] {
  return [
    { resourceType: '*', letter: 'r', kind: 'read' },
    { resourceType: '*', letter: 's', kind: 'search', query: new Map() },
  ];
}

interface Interaction {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: QueryParams;
  readonly body: unknown;
  readonly ifNoneExist: boolean;
}

function typeLevel(type: string, it: Interaction): RequiredAccess[] {
  const conditional = it.query.size > 0 ? search(type, it.query) : [];
  switch (it.method) {
    case 'GET':
    case 'HEAD':
      return search(type, it.query);
    case 'POST':
      return [
        { resourceType: type, letter: 'c', kind: 'create', resource: it.body },
        // If-None-Exist searches only decide whether to create: scope needed, results are not disclosed as such.
        ...(it.ifNoneExist
          ? [{ resourceType: type, letter: 's' as const, kind: 'search' as const, scopeOnly: true }]
          : []),
      ];
    case 'PUT':
      return [
        { resourceType: type, letter: 'u', kind: 'update', resource: it.body, query: it.query },
        ...conditional,
      ];
    case 'PATCH':
      return [{ resourceType: type, letter: 'u', kind: 'patch', query: it.query }, ...conditional];
    case 'DELETE':
      return [{ resourceType: type, letter: 'd', kind: 'delete', query: it.query }, ...conditional];
    default:
      return unrecognised();
  }
}

function instanceLevel(type: string, id: string, it: Interaction): RequiredAccess[] {
  switch (it.method) {
    case 'GET':
    case 'HEAD':
      return [{ resourceType: type, letter: 'r', kind: 'read', id }];
    case 'PUT':
      return [{ resourceType: type, letter: 'u', kind: 'update', id, resource: it.body }];
    case 'PATCH':
      return [{ resourceType: type, letter: 'u', kind: 'patch', id }];
    case 'DELETE':
      return [{ resourceType: type, letter: 'd', kind: 'delete', id }];
    default:
      return unrecognised();
  }
}

function deeper(type: string, id: string, rest: readonly string[], it: Interaction): RequiredAccess[] {
  const [next] = rest;
  const readMethod = it.method === 'GET' || it.method === 'HEAD';
  if (next === '_history' && readMethod && rest.length <= 2) {
    return [{ resourceType: type, letter: 'r', kind: 'read', id }];
  }
  if (next?.startsWith('$') && rest.length === 1) return operation(type, next, id);
  if (type === 'Patient' && rest.length === 1 && next !== undefined && readMethod) {
    if (next === '*' || RESOURCE_TYPE.test(next)) return search(next, it.query, id);
  }
  return unrecognised();
}

function systemLevel(it: Interaction): RequiredAccess[] {
  if (it.method === 'POST') return bundleAccess(it.body);
  if (it.method === 'GET' || it.method === 'HEAD') return search('*', it.query);
  return unrecognised();
}

function interactionAccess(it: Interaction): RequiredAccess[] {
  const [first, second, ...rest] = it.segments;
  if (first === undefined) return systemLevel(it);
  if (OPEN_PATHS.has(first)) return [];
  if (first === '_history') return search('*', it.query);
  if (first.startsWith('$')) return operation('*', first);
  if (!RESOURCE_TYPE.test(first)) return unrecognised();
  if (second === undefined) return typeLevel(first, it);
  if (second === '_search' && it.method === 'POST' && rest.length === 0) {
    return search(first, mergeForm(it.query, it.body));
  }
  if (second === '_history' && rest.length === 0) return search(first, it.query);
  if (second.startsWith('$') && rest.length === 0) return operation(first, second);
  if (rest.length === 0) return instanceLevel(first, second, it);
  return deeper(first, second, rest, it);
}

type BundleEntry = NonNullable<z.infer<typeof bundleSchema>['entry']>[number];

function entryAccess(entry: BundleEntry): RequiredAccess[] {
  const base = 'http://entry.invalid/';
  if (!URL.canParse(entry.request.url, base)) {
    throw badRequest('invalid-entry-url', 'Bundle entry request.url is not a valid relative URL');
  }
  const url = new URL(entry.request.url, base);
  if (url.origin !== 'http://entry.invalid') {
    throw badRequest('absolute-entry-url', 'Bundle entry request.url must be relative to the FHIR base');
  }
  return interactionAccess({
    method: entry.request.method,
    segments: url.pathname.split('/').filter((s) => s.length > 0),
    query: parseSearch(url.search),
    body: entry.resource,
    ifNoneExist: entry.request.ifNoneExist !== undefined,
  });
}

/** Every entry of a batch or transaction Bundle, each checked like a request of its own. */
function bundleAccess(body: unknown): RequiredAccess[] {
  const parsed = bundleSchema.safeParse(body);
  if (!parsed.success) {
    throw badRequest(
      'not-batch-or-transaction',
      'A POST to the FHIR base must be a batch or transaction Bundle',
    );
  }
  return (parsed.data.entry ?? []).flatMap((entry) => entryAccess(entry));
}

/**
 * Maps an HTTP request to the SMART interactions it needs (c/r/u/d/s per resource type), including every entry of a
 * batch or transaction Bundle and the types reached through `_include`, `_revinclude` and `_has`.
 * `metadata` and `.well-known` need nothing.
 */
export function requiredAccess(request: FhirHttpRequest): RequiredAccess[] {
  const ifNoneExist = request.headers['if-none-exist'];
  return interactionAccess({
    method: request.method.toUpperCase(),
    segments: request.path.split('/').filter((s) => s.length > 0),
    query: normaliseQuery(request.query),
    body: request.body,
    ifNoneExist: ifNoneExist !== undefined && ifNoneExist.length > 0,
  });
}
