import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import type { HookRequest } from '../protocol/hook-request.schema.ts';
import { asArray, asObject, type JsonObject, monthsBefore, type RuleConfig } from '../rules/index.ts';
import { CallbackError, type FhirFetcher, nextLink } from './fhir-fetcher.ts';
import type { PrefetchKey } from './prefetch-keys.ts';

/** The patient's data for the rules, and where each key came from (for PHI-free logs). */
export interface PatientData {
  readonly patient: unknown;
  readonly resources: readonly unknown[];
  readonly prefetched: readonly string[];
  readonly fetched: readonly string[];
}

/** Builds a fetcher for `fhirServer`, or explains why the server may not be called. */
export type FetcherFor = (
  fhirServer: string,
  accessToken: string | undefined,
  signal: AbortSignal,
) => FhirFetcher | 'not-allowed';

export interface ResolveOptions {
  readonly keys: readonly PrefetchKey[];
  readonly request: HookRequest;
  readonly now: Date;
  readonly rules: RuleConfig;
  /** Total time for every callback together (default 400 ms). */
  readonly budgetMs: number;
  readonly fetcherFor: FetcherFor;
}

type Prefetched =
  | { readonly state: 'ok'; readonly resources: unknown[]; readonly more?: unknown }
  | { readonly state: 'missing' };

function isErrorOutcome(resource: JsonObject): boolean {
  return asArray(resource.issue).some((i) => {
    const severity = asObject(i)?.severity;
    return severity === 'error' || severity === 'fatal';
  });
}

/** The entry resources of a search Bundle in one pass, or undefined when an entry is an error OperationOutcome. */
function searchResources(bundle: JsonObject): unknown[] | undefined {
  const resources: unknown[] = [];
  for (const entry of asArray(bundle.entry)) {
    const resource = asObject(asObject(entry)?.resource);
    if (!resource) continue;
    if (resource.resourceType !== 'OperationOutcome') resources.push(resource);
    else if (isErrorOutcome(resource)) return undefined;
  }
  return resources;
}

/**
 * Reads one prefetch value (CDS Hooks 2.0 "Prefetch"): absent → missing; `null` → no data; an OperationOutcome
 * (the client's fetch failed) or a value of the wrong type → missing, so the service fetches it itself; a
 * Bundle with a `next` link → the rest still to fetch.
 */
export function readPrefetchValue(key: PrefetchKey, value: unknown): Prefetched {
  if (value === undefined) return { state: 'missing' };
  if (value === null) return { state: 'ok', resources: [] };
  const object = asObject(value);
  const type = object?.resourceType;
  if (key.kind === 'read')
    return type === key.resourceType ? { state: 'ok', resources: [value] } : { state: 'missing' };
  const resources = object && type === 'Bundle' ? searchResources(object) : undefined;
  if (!resources) return { state: 'missing' };
  return nextLink(value) === undefined ? { state: 'ok', resources } : { state: 'ok', resources, more: value };
}

function applies(key: PrefetchKey, request: HookRequest): boolean {
  return key.needs === 'patientId' || request.context.encounterId !== undefined;
}

function callbackUrl(key: PrefetchKey, request: HookRequest, now: Date, rules: RuleConfig): string {
  const url = key.template.replace(/\{\{context\.(\w+)\}\}/g, (_m, field: string) =>
    encodeURIComponent(String(request.context[field] ?? '')),
  );
  const months = key.callbackSinceMonths?.(rules);
  if (months === undefined) return url;
  return `${url}&date=ge${new Date(monthsBefore(now, months)).toISOString().slice(0, 10)}`;
}

function unavailable(keys: readonly string[], reason: string): OperationOutcomeError {
  return OperationOutcomeError.of(412, {
    code: IssueType.incomplete,
    reason,
    diagnostics: `Required data could not be obtained: ${keys.join(', ')}`,
    expression: 'prefetch',
  });
}

async function fetchKey(
  fetcher: FhirFetcher,
  key: PrefetchKey,
  url: string,
  more: unknown,
): Promise<unknown[]> {
  if (more !== undefined) return fetcher.continueSearch(more);
  if (key.kind === 'search') return fetcher.search(url);
  const resource = await fetcher.read(url);
  return resource === null ? [] : [resource];
}

interface Plan {
  readonly key: PrefetchKey;
  readonly resources: unknown[];
  readonly more?: unknown;
  readonly fetch: boolean;
}

function planKeys(options: ResolveOptions): Plan[] {
  return options.keys
    .filter((key) => applies(key, options.request))
    .map((key) => {
      const value = readPrefetchValue(key, options.request.prefetch?.[key.key]);
      if (value.state === 'missing') return { key, resources: [], fetch: true };
      return value.more === undefined
        ? { key, resources: value.resources, fetch: false }
        : { key, resources: value.resources, more: value.more, fetch: true };
    });
}

async function runCallbacks(options: ResolveOptions, plans: readonly Plan[]): Promise<void> {
  const todo = plans.filter((p) => p.fetch);
  if (todo.length === 0) return;
  const names = todo.map((p) => p.key.key);
  const server = options.request.fhirServer;
  if (server === undefined) throw unavailable(names, 'prefetch-missing');
  const signal = AbortSignal.timeout(options.budgetMs);
  const fetcher = options.fetcherFor(server, options.request.fhirAuthorization?.access_token, signal);
  if (fetcher === 'not-allowed') throw unavailable(names, 'fhir-server-not-allowed');
  const results = await Promise.allSettled(
    todo.map((p) =>
      fetchKey(fetcher, p.key, callbackUrl(p.key, options.request, options.now, options.rules), p.more),
    ),
  );
  const failed: string[] = [];
  results.forEach((result, i) => {
    const plan = todo[i];
    if (!plan) return;
    if (result.status === 'fulfilled') plan.resources.push(...result.value);
    else failed.push(plan.key.key);
  });
  if (failed.length > 0) {
    const timedOut = results.some(
      (r) => r.status === 'rejected' && r.reason instanceof CallbackError && r.reason.reason === 'timeout',
    );
    throw unavailable(failed, timedOut ? 'callback-timeout' : 'callback-failed');
  }
}

/**
 * Gathers what the rules need: prefetch where the client sent it, callbacks to `fhirServer` (in parallel, with
 * the client's `fhirAuthorization`, inside one time budget) for the rest. Throws a 412 OperationOutcome naming the
 * keys when required data cannot be had (CDS Hooks 2.0: "SHALL respond with a 412 Precondition Failed").
 */
export async function resolvePatientData(options: ResolveOptions): Promise<PatientData> {
  const plans = planKeys(options);
  await runCallbacks(options, plans);
  const patientPlan = plans.find((p) => p.key.resourceType === 'Patient');
  const resources: unknown[] = [];
  for (const plan of plans) if (plan !== patientPlan) for (const r of plan.resources) resources.push(r);
  return {
    patient: patientPlan?.resources[0],
    resources,
    prefetched: plans.filter((p) => !p.fetch).map((p) => p.key.key),
    fetched: plans.filter((p) => p.fetch).map((p) => p.key.key),
  };
}
