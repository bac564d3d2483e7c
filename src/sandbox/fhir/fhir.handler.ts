import { isOk, notFound } from '@medplum/core';
import type { FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Request, RequestHandler, Response } from 'express';
import type { AccessAction, AccessPrincipal, FhirAccessControl } from './access.ts';
import { applyDisclosure, asR4Resource, type ResponseShape } from './disclosure.filter.ts';
import { dispatchCall, type FhirCall, type FhirResult } from './fhir-dispatch.ts';
import {
  normalisePaging,
  parseRequestBody,
  rewriteTypeModifiers,
  toQueryRecord,
} from './fhir-request.schema.ts';
import {
  decorateBatchResponse,
  decoratePage,
  type PageAddress,
  parsePreferReturn,
  resourceHeaders,
  sendFhir,
  sendOutcome,
} from './fhir-response.writer.ts';
import { accessActionOf, assertMethodAllowed, type FhirTarget, parseTarget } from './fhir-target.parser.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

export interface FhirHandlerOptions {
  readonly router: FhirRouter;
  readonly repo: SandboxRepository;
  /** Public absolute FHIR base without a trailing slash. */
  readonly baseUrl: string;
  readonly access?: FhirAccessControl | undefined;
}

const PAGED_KINDS: ReadonlySet<FhirTarget['kind']> = new Set([
  'type',
  'search-post',
  'type-history',
  'instance-history',
]);

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const mark = url.indexOf('?');
  const path = (mark < 0 ? url : url.slice(0, mark)).replace(/^\/+/, '');
  return { path, query: new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)) };
}

function mergeForm(query: URLSearchParams, form: unknown): URLSearchParams {
  const merged = new URLSearchParams(query);
  for (const [key, value] of Object.entries((form ?? {}) as Record<string, string | string[]>)) {
    for (const v of Array.isArray(value) ? value : [value]) merged.append(key, v);
  }
  return merged;
}

function buildCall(req: Request, target: FhirTarget): FhirCall {
  const method = (req.method === 'HEAD' ? 'GET' : req.method) as HttpMethod;
  const body = parseRequestBody(req, target, method);
  const { query } = splitUrl(req.url);
  const isSearchPost = target.kind === 'search-post';
  const merged = isSearchPost ? mergeForm(query, body) : query;
  const paged = PAGED_KINDS.has(target.kind) && (method === 'GET' || isSearchPost);
  if (target.kind === 'type' && method === 'POST' && body && typeof body === 'object') {
    delete (body as { id?: unknown }).id;
  }
  return {
    target,
    method: isSearchPost ? 'GET' : method,
    query: paged ? normalisePaging(rewriteTypeModifiers(merged)) : merged,
    body: isSearchPost ? undefined : body,
    headers: req.headers,
  };
}

function pagePath(target: FhirTarget): string {
  if (target.kind === 'type' || target.kind === 'search-post') return target.resourceType;
  if (target.kind === 'type-history') return `${target.resourceType}/_history`;
  if (target.kind === 'instance-history') return `${target.resourceType}/${target.id}/_history`;
  return '';
}

function batchActions(body: unknown): (AccessAction | undefined)[] {
  const entries = (body as Bundle | undefined)?.entry ?? [];
  return entries.map((entry) => {
    try {
      const url = entry.request?.url ?? '';
      return accessActionOf(parseTarget(splitUrl(url).path), entry.request?.method ?? 'GET');
    } catch {
      return undefined;
    }
  });
}

function shapeOf(call: FhirCall): ResponseShape {
  if (call.target.kind === 'system') return { kind: 'batch', actions: batchActions(call.body) };
  const action = accessActionOf(call.target, call.method) ?? 'read';
  return PAGED_KINDS.has(call.target.kind) && call.method === 'GET'
    ? { kind: 'page', action }
    : { kind: 'single', action };
}

async function disclose(
  access: FhirAccessControl,
  principal: AccessPrincipal,
  call: FhirCall,
  resource: Resource,
): Promise<{ body: Resource | undefined; withheld: boolean }> {
  const result = applyDisclosure(resource, shapeOf(call), (r) =>
    access.mayDisclose(principal, asR4Resource(r)),
  );
  for (const [action, resources] of result.restricted) {
    await access.recordDisclosure(principal, action, resources.map(asR4Resource));
  }
  return result;
}

function writeSuccess(
  res: Response,
  call: FhirCall,
  result: FhirResult,
  body: Resource,
  baseUrl: string,
): void {
  if (call.target.kind === 'system' && body.resourceType === 'Bundle') {
    sendFhir(res, result.status, decorateBatchResponse(body, baseUrl));
    return;
  }
  if (body.resourceType === 'Bundle' && shapeOf(call).kind === 'page') {
    const address: PageAddress = { baseUrl, path: pagePath(call.target), query: call.query };
    sendFhir(res, result.status, decoratePage(body, address));
    return;
  }
  const isWrite = call.method === 'POST' || call.method === 'PUT' || call.method === 'PATCH';
  const headers = resourceHeaders(body, baseUrl, isWrite);
  if (!isWrite) {
    sendFhir(res, result.status, body, headers);
    return;
  }
  const prefer = parsePreferReturn(call.headers.prefer);
  const representation =
    prefer === 'minimal' ? undefined : prefer === 'OperationOutcome' ? result.outcome : body;
  sendFhir(res, result.status, representation, headers);
}

/**
 * The express handler for everything under the FHIR base except `/metadata`: parses and checks the request,
 * authorizes it through the access seam (its 401/403 errors pass through untouched), runs it inside the caller's
 * visibility, filters what leaves through `mayDisclose`, reports restricted disclosures, and writes FHIR headers
 * (ETag, Location, Last-Modified), paging links and the `Prefer` representation.
 */
export function createFhirHandler(options: FhirHandlerOptions): RequestHandler {
  const { router, repo, baseUrl, access } = options;
  return async (req, res) => {
    const { path, query } = splitUrl(req.url);
    const target = parseTarget(path);
    assertMethodAllowed(target, req.method);
    const request = {
      method: req.method,
      path,
      query: toQueryRecord(query),
      headers: req.headers,
      body: req.body,
    };
    const principal = access ? await access.authorize(request) : undefined;
    const call = buildCall(req, target);
    const run = () => dispatchCall(router, repo, call);
    const visible = (r: Resource) =>
      access && principal ? access.mayDisclose(principal, asR4Resource(r)) : true;
    const result = principal ? await repo.withVisibility(visible, run) : await run();
    if (!isOk(result.outcome) || !result.resource) {
      sendOutcome(res, result.status, result.outcome);
      return;
    }
    const disclosed =
      access && principal ? await disclose(access, principal, call, result.resource) : undefined;
    if (disclosed?.withheld && call.method === 'GET') {
      sendOutcome(res, 404, notFound);
      return;
    }
    const body = disclosed ? disclosed.body : result.resource;
    if (!body) {
      sendFhir(res, result.status, undefined, resourceHeaders(result.resource, baseUrl, true));
      return;
    }
    writeSuccess(res, call, result, body, baseUrl);
  };
}
