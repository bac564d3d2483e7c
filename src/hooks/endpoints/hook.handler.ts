import type { RequestHandler, Response } from 'express';
import type { PromptEventInput } from '../../state/index.ts';
import { type BuiltCard, buildCards } from '../cards/index.ts';
import { type PatientData, PREFETCH_KEYS, resolvePatientData } from '../data/index.ts';
import { type HookRequest, isClinicianUser, parseHookRequest, type ServiceSpec } from '../protocol/index.ts';
import {
  buildClinicalRecord,
  buildRuleContext,
  codeMatcherFor,
  type Decision,
  decideFor,
} from '../rules/index.ts';
import type { EndpointDeps } from './endpoint.deps.ts';

/** Writes JSON without express's ETag hashing: a `no-store` response is never revalidated. */
function sendJson(res: Response, body: unknown): void {
  res.status(200).type('application/json').end(JSON.stringify(body));
}

async function recordPrompts(
  deps: EndpointDeps,
  service: ServiceSpec,
  request: HookRequest,
  built: readonly BuiltCard[],
  setting: string,
  now: Date,
): Promise<void> {
  const events: PromptEventInput[] = built.map((b) => ({
    cardUuid: b.card.uuid ?? '',
    hookInstance: request.hookInstance,
    serviceId: service.id,
    hook: service.hook,
    cardKind: b.kind,
    ruleIds: b.ruleIds,
    setting,
    patientPseudonym: deps.pseudonymize(`Patient/${request.context.patientId}`),
    userPseudonym: deps.pseudonymize(request.context.userId),
    shownAt: now,
  }));
  try {
    await deps.state.recordPrompts(events);
  } catch (err) {
    // The prompt still reaches the clinician; only the pilot record of it is lost.
    deps.log('cds.prompt.store-failed', {
      service: service.id,
      error: err instanceof Error ? err.name : 'unknown',
    });
  }
}

function decide(
  deps: EndpointDeps,
  request: HookRequest,
  data: PatientData,
  now: Date,
): { decision: Decision; setting: string } {
  const record = buildClinicalRecord({
    patientId: request.context.patientId,
    patient: data.patient,
    resources: data.resources,
    now,
    classify: codeMatcherFor(deps.terminology).valueSetsOf,
  });
  const ctx = buildRuleContext({
    record,
    now,
    terminology: deps.terminology,
    config: deps.config.rules,
    encounterId: request.context.encounterId,
    userEntitled: request.fhirAuthorization !== undefined,
  });
  return {
    decision: decideFor(ctx, request.fhirAuthorization !== undefined),
    setting: ctx.setting ?? 'unknown',
  };
}

/**
 * `POST /cds-services/{id}`: parse → no prompt for a patient or proxy user → data (prefetch + callbacks, 412 when
 * unobtainable) → rules → at most one discreet card → pilot event → `{"cards": […]}`.
 */
export function createHookHandler(service: ServiceSpec, deps: EndpointDeps): RequestHandler {
  return async (req, res) => {
    const started = performance.now();
    const request = parseHookRequest(service.hook, req.body);
    if (!isClinicianUser(request.context.userId)) {
      deps.log('cds.hook.answered', {
        service: service.id,
        hookInstance: request.hookInstance,
        decision: 'not-clinician',
        cards: 0,
      });
      sendJson(res, { cards: [] });
      return;
    }
    const now = deps.now();
    const data = await resolvePatientData({
      keys: PREFETCH_KEYS,
      request,
      now,
      rules: deps.config.rules,
      budgetMs: deps.config.prefetchBudgetMs,
      fetcherFor: deps.fetcherFor,
    });
    const { decision, setting } = decide(deps, request, data, now);
    const cardOptions = {
      ...deps,
      sourceLabel: deps.config.sourceLabel,
      appLaunchUrl: deps.config.appLaunchUrl,
      hookInstance: request.hookInstance,
    };
    const built = buildCards(decision, cardOptions);
    if (built.length > 0) await recordPrompts(deps, service, request, built, setting, now);
    deps.log('cds.hook.answered', {
      service: service.id,
      hookInstance: request.hookInstance,
      decision: decision.kind === 'none' ? decision.reason : decision.kind,
      rules: decision.hits.map((h) => h.ruleId).join(','),
      cards: built.length,
      prefetched: data.prefetched.length,
      fetched: data.fetched.length,
      ms: Math.round(performance.now() - started),
    });
    sendJson(res, { cards: built.map((b) => b.card) });
  };
}
