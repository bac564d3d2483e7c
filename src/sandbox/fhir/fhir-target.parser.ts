import { isResourceType } from '@medplum/core';
import { createOperationOutcome, IssueType, OperationOutcomeError } from '../../shared/index.ts';
import type { AccessAction } from './access.ts';

/** What a request path after the FHIR base addresses (R4 http.html §3.1.0). */
export type FhirTarget =
  | { readonly kind: 'system' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'type'; readonly resourceType: string }
  | { readonly kind: 'search-post'; readonly resourceType: string }
  | { readonly kind: 'type-history'; readonly resourceType: string }
  | { readonly kind: 'instance'; readonly resourceType: string; readonly id: string }
  | { readonly kind: 'instance-history'; readonly resourceType: string; readonly id: string }
  | { readonly kind: 'version'; readonly resourceType: string; readonly id: string; readonly vid: string };

export type FhirTargetKind = FhirTarget['kind'];

const ALLOWED_METHODS: Readonly<Record<FhirTargetKind, readonly string[]>> = {
  system: ['POST'],
  metadata: ['GET', 'HEAD'],
  type: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  'search-post': ['POST'],
  'type-history': ['GET', 'HEAD'],
  instance: ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'],
  'instance-history': ['GET', 'HEAD'],
  version: ['GET', 'HEAD'],
};

/** FHIR R4 id: 1–64 of `[A-Za-z0-9-.]` (datatypes.html#id). */
const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

function notFound(reason: string, diagnostics: string): OperationOutcomeError {
  return OperationOutcomeError.of(404, { code: IssueType.notFound, reason, diagnostics });
}

function decodeSegments(path: string): string[] {
  try {
    return path
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    throw OperationOutcomeError.of(400, {
      code: IssueType.invalid,
      reason: 'malformed-url',
      diagnostics: 'The request path is not correctly percent-encoded',
    });
  }
}

function checkedId(id: string): string {
  if (id.startsWith('$')) throw notFound('unsupported-operation', `Operation ${id} is not supported`);
  if (!ID_PATTERN.test(id)) throw notFound('invalid-id', 'No resource can have this id');
  return id;
}

function parseTyped(resourceType: string, rest: readonly string[]): FhirTarget | undefined {
  const [second, third, fourth, ...more] = rest;
  if (more.length > 0) return undefined;
  if (second === undefined) return { kind: 'type', resourceType };
  if (second === '_search' && third === undefined) return { kind: 'search-post', resourceType };
  if (second === '_history' && third === undefined) return { kind: 'type-history', resourceType };
  const id = checkedId(second);
  if (third === undefined) return { kind: 'instance', resourceType, id };
  if (third !== '_history') return undefined;
  if (fourth === undefined) return { kind: 'instance-history', resourceType, id };
  return { kind: 'version', resourceType, id, vid: fourth };
}

/** Parses the path after the FHIR base. Unknown resource types, operations and paths → 404 OperationOutcome. */
export function parseTarget(path: string): FhirTarget {
  const [first, ...rest] = decodeSegments(path);
  if (first === undefined) return { kind: 'system' };
  if (first === 'metadata' && rest.length === 0) return { kind: 'metadata' };
  if (first.startsWith('$')) throw notFound('unsupported-operation', `Operation ${first} is not supported`);
  if (!isResourceType(first)) throw notFound('unknown-resource-type', `Unknown resource type: ${first}`);
  const target = parseTyped(first, rest);
  if (!target) throw notFound('no-route', 'No FHIR interaction at this path');
  return target;
}

/** 405 with an `Allow` header when the method is not defined for the target. */
export function assertMethodAllowed(target: FhirTarget, method: string): void {
  const allowed = ALLOWED_METHODS[target.kind];
  if (allowed.includes(method)) return;
  const outcome = createOperationOutcome([
    {
      code: IssueType.notSupported,
      reason: 'method-not-allowed',
      diagnostics: `${method} is not supported here`,
    },
  ]);
  throw new OperationOutcomeError(405, outcome, { Allow: allowed.join(', ') });
}

const TYPE_ACTIONS: Readonly<Record<string, AccessAction>> = {
  GET: 'search',
  HEAD: 'search',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};
const INSTANCE_ACTIONS: Readonly<Record<string, AccessAction>> = {
  ...TYPE_ACTIONS,
  GET: 'read',
  HEAD: 'read',
};

/** The access action a request performs; `undefined` for the system level (a batch: see its entries). */
export function accessActionOf(target: FhirTarget, method: string): AccessAction | undefined {
  switch (target.kind) {
    case 'system':
    case 'metadata':
      return undefined;
    case 'type':
      return TYPE_ACTIONS[method];
    case 'search-post':
      return 'search';
    case 'type-history':
    case 'instance-history':
      return 'history';
    case 'instance':
      return INSTANCE_ACTIONS[method];
    case 'version':
      return 'vread';
    default: {
      const unreachable: never = target;
      throw new Error(`Unknown target ${String(unreachable)}`);
    }
  }
}
