import { isResourceType } from '@medplum/core';
import type { Request } from 'express';
import { z } from 'zod';
import { createOperationOutcome, IssueType, OperationOutcomeError } from '../../shared/index.ts';
import type { FhirTarget } from './fhir-target.parser.ts';

const resourceSchema = z.looseObject({ resourceType: z.string().min(1) });
const patchSchema = z.union([
  z.array(z.looseObject({ op: z.string().min(1), path: z.string() })),
  z.looseObject({ resourceType: z.literal('Parameters') }),
]);
const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.enum(['batch', 'transaction']),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        request: z.looseObject({
          method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
          url: z.string().min(1),
        }),
        resource: resourceSchema.optional(),
      }),
    )
    .min(1),
});
const formSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const JSON_TYPES = ['application/json', 'application/*+json'];
const FORM_TYPE = 'application/x-www-form-urlencoded';

function invalidBody(error: z.ZodError, root: string): OperationOutcomeError {
  const issues = error.issues.map((issue) => ({
    code: IssueType.structure,
    reason: 'invalid-body',
    diagnostics: issue.message,
    expression: [root, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join(
      '',
    ),
  }));
  return new OperationOutcomeError(400, createOperationOutcome(issues));
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown, root: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error, root);
  return parsed.data;
}

function requireContentType(req: Request, types: readonly string[]): void {
  if (req.is([...types])) return;
  throw OperationOutcomeError.of(415, {
    code: IssueType.notSupported,
    reason: 'unsupported-media-type',
    diagnostics: `Content-Type must be one of ${types.join(', ')}`,
  });
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Checks the shape of a request body once, where it enters (FHIR content is validated later, per resource, with
 * the StructureDefinitions): 415 for a non-JSON write, 400 for a missing or wrongly shaped body.
 */
export function parseRequestBody(req: Request, target: FhirTarget, method: string): unknown {
  if (target.kind === 'search-post') {
    if (!hasBody(req)) return {};
    requireContentType(req, [FORM_TYPE]);
    return parseWith(formSchema, req.body, 'form');
  }
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return undefined;
  if (!hasBody(req)) {
    throw OperationOutcomeError.of(400, {
      code: IssueType.required,
      reason: 'missing-body',
      diagnostics: 'The request needs a body',
    });
  }
  requireContentType(req, JSON_TYPES);
  if (target.kind === 'system') return parseWith(bundleSchema, req.body, 'Bundle');
  if (method === 'PATCH') return parseWith(patchSchema, req.body, 'patch');
  return parseWith(resourceSchema, req.body, 'resource');
}

/** Query parameters as the access layer and Medplum's parser take them. */
export function toQueryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * Turns the type modifier of a reference parameter into a typed value (`subject:Patient=123` →
 * `subject=Patient/123`): `@medplum/core`'s parser drops the modifier, which made such searches match nothing.
 */
export function rewriteTypeModifiers(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of params) {
    const match = /^([^:.]+):([A-Z][A-Za-z]+)$/.exec(key);
    const [, code, type] = match ?? [];
    if (!code || !type || !isResourceType(type)) {
      out.append(key, value);
      continue;
    }
    const typed = value.split(',').map((v) => (v.includes('/') ? v : `${type}/${v}`));
    out.append(code, typed.join(','));
  }
  return out;
}

/** Page size when the client gives none, and the largest the server returns (R4 search §3.1.1.5.5 `_count`). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

function badParam(name: string, value: string): OperationOutcomeError {
  return OperationOutcomeError.of(400, {
    code: IssueType.value,
    reason: 'invalid-parameter',
    diagnostics: `Invalid value for ${name}: ${value.slice(0, 64)}`,
    expression: name,
  });
}

/**
 * Validates and normalises paging for searches and history: `_count` and `_offset` must be non-negative integers,
 * `_count` defaults to {@link DEFAULT_PAGE_SIZE} and is capped at {@link MAX_PAGE_SIZE}; `_since` becomes a UTC instant.
 */
export function normalisePaging(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const name of ['_count', '_offset']) {
    const values = out.getAll(name);
    const last = values.at(-1);
    if (last === undefined) continue;
    if (!/^\d{1,9}$/.test(last)) throw badParam(name, last);
    out.set(name, name === '_count' ? String(Math.min(Number(last), MAX_PAGE_SIZE)) : String(Number(last)));
  }
  if (!out.has('_count')) out.set('_count', String(DEFAULT_PAGE_SIZE));
  const since = out.get('_since');
  if (since !== null) {
    const instant = new Date(since);
    if (Number.isNaN(instant.getTime())) throw badParam('_since', since);
    out.set('_since', instant.toISOString());
  }
  return out;
}
