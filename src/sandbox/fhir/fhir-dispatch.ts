import type { IncomingHttpHeaders } from 'node:http';
import { allOk, created, getStatus, normalizeOperationOutcome } from '@medplum/core';
import type { FhirRequest, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { FhirTarget } from './fhir-target.parser.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

/** One request, already parsed and checked, ready for the router or the repository. */
export interface FhirCall {
  readonly target: FhirTarget;
  /** GET for HEAD and for POST `_search` (its form parameters are merged into `query`). */
  readonly method: HttpMethod;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
}

export interface FhirResult {
  readonly status: number;
  readonly outcome: OperationOutcome;
  readonly resource: Resource | undefined;
}

function routerPath(target: FhirTarget): string {
  switch (target.kind) {
    case 'system':
    case 'metadata':
      return '';
    case 'type':
    case 'search-post':
      return target.resourceType;
    case 'type-history':
      return `${target.resourceType}/_history`;
    case 'instance':
      return `${target.resourceType}/${target.id}`;
    case 'instance-history':
      return `${target.resourceType}/${target.id}/_history`;
    case 'version':
      return `${target.resourceType}/${target.id}/_history/${target.vid}`;
    default: {
      const unreachable: never = target;
      throw new Error(`Unknown target ${String(unreachable)}`);
    }
  }
}

function numberParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  return value === null ? undefined : Number(value);
}

async function readHistory(
  repo: SandboxRepository,
  target: FhirTarget,
  query: URLSearchParams,
): Promise<Resource> {
  const paging = {
    offset: numberParam(query, '_offset'),
    count: numberParam(query, '_count'),
    since: query.get('_since') ?? undefined,
  };
  if (target.kind === 'instance-history') {
    return repo.readHistory(target.resourceType, target.id, { ...paging, limit: paging.count });
  }
  if (target.kind === 'type-history') return repo.readTypeHistory(target.resourceType, paging);
  throw new Error('Not a history target');
}

async function routeCall(router: FhirRouter, repo: SandboxRepository, call: FhirCall): Promise<FhirResult> {
  const search = call.query.toString();
  const request: FhirRequest = {
    method: call.method,
    url: `${routerPath(call.target)}${search ? `?${search}` : ''}`,
    pathname: '',
    params: {},
    query: {},
    body: call.body,
    headers: call.headers,
    config: { transactions: true },
  };
  const run = () => router.handleRequest(request, repo);
  const [outcome, resource] = call.target.kind === 'system' ? await repo.exclusive(run) : await run();
  return { status: getStatus(outcome), outcome, resource };
}

/**
 * Runs one call: history through the repository (the router has no type-level history and ignores `_since`),
 * everything else through Medplum's FhirRouter with `transactions: true` (without it a transaction Bundle is
 * silently processed as a batch). A whole batch/transaction runs as one unit of work, so its conditional entries
 * are resolved and applied without other writers in between. An update that creates answers 201.
 */
export async function dispatchCall(
  router: FhirRouter,
  repo: SandboxRepository,
  call: FhirCall,
): Promise<FhirResult> {
  const { target } = call;
  if (target.kind === 'instance-history' || target.kind === 'type-history') {
    try {
      return { status: 200, outcome: allOk, resource: await readHistory(repo, target, call.query) };
    } catch (err) {
      const outcome = normalizeOperationOutcome(err);
      return { status: getStatus(outcome), outcome, resource: undefined };
    }
  }
  const creating =
    target.kind === 'instance' && call.method === 'PUT' && !repo.hasResource(target.resourceType, target.id);
  const result = await routeCall(router, repo, call);
  return creating && result.status === 200 ? { ...result, status: 201, outcome: created } : result;
}
