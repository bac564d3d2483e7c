import type { Terminology } from '../../shared/index.ts';
import { type BuiltCard, buildCards } from '../cards/index.ts';
import type { ResolvedCdsConfig } from '../cds-config.ts';
import { createFhirFetcher, type FetcherFor, PREFETCH_KEYS, resolvePatientData } from '../data/index.ts';
import {
  type CdsCard,
  type HookRequest,
  isClinicianUser,
  joinChunks,
  parseHookRequest,
  parseJsonBytes,
  type ServiceSpec,
} from '../protocol/index.ts';
import { buildClinicalRecord, buildRuleContext, codeMatcherFor, decideFor } from '../rules/index.ts';

/** The part of the service configuration that evaluating a hook call needs (plain data: it crosses to workers). */
export type EvaluationConfig = Pick<
  ResolvedCdsConfig,
  | 'rules'
  | 'prefetchBudgetMs'
  | 'requireHttpsFhirServer'
  | 'fhirServerAllowlist'
  | 'sourceLabel'
  | 'appLaunchUrl'
>;

export function evaluationConfigOf(config: ResolvedCdsConfig): EvaluationConfig {
  return {
    rules: config.rules,
    prefetchBudgetMs: config.prefetchBudgetMs,
    requireHttpsFhirServer: config.requireHttpsFhirServer,
    fhirServerAllowlist: config.fhirServerAllowlist,
    sourceLabel: config.sourceLabel,
    appLaunchUrl: config.appLaunchUrl,
  };
}

export interface EvaluationContext {
  readonly config: EvaluationConfig;
  readonly terminology: Terminology;
  /** Card and suggestion uuids. */
  readonly newId: () => string;
  readonly fetcherFor: FetcherFor;
}

/** A card and what the pilot store needs to know about it (the card itself travels in `cards`). */
export interface CardFacts {
  readonly cardUuid: string;
  readonly kind: BuiltCard['kind'];
  readonly ruleIds: readonly string[];
}

/** The answer to one hook call, with the facts the request thread needs for the pilot store and the log. */
export interface HookEvaluation {
  readonly cards: readonly CdsCard[];
  readonly facts: readonly CardFacts[];
  readonly hookInstance: string;
  readonly patientId: string;
  readonly userId: string;
  readonly setting: string;
  /** `not-clinician`, a no-prompt reason, or the decision kind (PHI-free). */
  readonly decision: string;
  readonly ruleIds: readonly string[];
  readonly prefetched: number;
  readonly fetched: number;
}

/** Where callbacks may go: https only when required, and only under an allowlisted base when one is set. */
export function fetcherPolicy(config: EvaluationConfig): FetcherFor {
  return (fhirServer, accessToken, signal) => {
    if (config.requireHttpsFhirServer && !fhirServer.startsWith('https://')) return 'not-allowed';
    const allowlist = config.fhirServerAllowlist;
    if (allowlist && !allowlist.some((prefix) => fhirServer.startsWith(prefix))) return 'not-allowed';
    return createFhirFetcher({ baseUrl: fhirServer, accessToken, signal });
  };
}

function notClinician(request: HookRequest): HookEvaluation {
  return {
    cards: [],
    facts: [],
    hookInstance: request.hookInstance,
    patientId: request.context.patientId,
    userId: request.context.userId,
    setting: 'unknown',
    decision: 'not-clinician',
    ruleIds: [],
    prefetched: 0,
    fetched: 0,
  };
}

/**
 * One hook call from its body bytes to its cards: parse (strict JSON, then the hook's schema and the HL7
 * invariants; 400) → no prompt for a patient or proxy user → data (prefetch + callbacks; 412 when unobtainable) →
 * rules → at most one discreet card. Pure but for the callbacks; runs on the request thread or in a worker
 * (`evaluation.worker.ts`). `body` is the body's chunks; undefined means the request declared no JSON media type.
 */
export async function evaluateHook(
  service: ServiceSpec,
  body: readonly Uint8Array[] | undefined,
  now: Date,
  ctx: EvaluationContext,
): Promise<HookEvaluation> {
  const json = body === undefined ? undefined : parseJsonBytes(joinChunks(body));
  const request = parseHookRequest(service.hook, json);
  if (!isClinicianUser(request.context.userId)) return notClinician(request);
  const data = await resolvePatientData({
    keys: PREFETCH_KEYS,
    request,
    now,
    rules: ctx.config.rules,
    budgetMs: ctx.config.prefetchBudgetMs,
    fetcherFor: ctx.fetcherFor,
  });
  const record = buildClinicalRecord({
    patientId: request.context.patientId,
    patient: data.patient,
    resources: data.resources,
    now,
    classify: codeMatcherFor(ctx.terminology).valueSetsOf,
  });
  const entitled = request.fhirAuthorization !== undefined;
  const ruleCtx = buildRuleContext({
    record,
    now,
    terminology: ctx.terminology,
    config: ctx.config.rules,
    encounterId: request.context.encounterId,
    userEntitled: entitled,
  });
  const decision = decideFor(ruleCtx, entitled);
  const built = buildCards(decision, {
    terminology: ctx.terminology,
    newId: ctx.newId,
    sourceLabel: ctx.config.sourceLabel,
    appLaunchUrl: ctx.config.appLaunchUrl,
    hookInstance: request.hookInstance,
  });
  return {
    cards: built.map((b) => b.card),
    facts: built.map((b) => ({ cardUuid: b.card.uuid ?? '', kind: b.kind, ruleIds: b.ruleIds })),
    hookInstance: request.hookInstance,
    patientId: request.context.patientId,
    userId: request.context.userId,
    setting: ruleCtx.setting ?? 'unknown',
    decision: decision.kind === 'none' ? decision.reason : decision.kind,
    ruleIds: decision.hits.map((h) => h.ruleId),
    prefetched: data.prefetched.length,
    fetched: data.fetched.length,
  };
}
