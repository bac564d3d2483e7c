import type { Response } from 'express';
import type { PromptEventInput } from '../../state/index.ts';
import type { HookEvaluation, HookEvaluator } from '../evaluation/index.ts';
import type { ServiceSpec } from '../protocol/index.ts';
import type { BodyEndpoint, EndpointDeps } from './endpoint.deps.ts';

/** Writes JSON without express's ETag hashing: a `no-store` response is never revalidated. */
function sendJson(res: Response, body: unknown): void {
  res.status(200).type('application/json').end(JSON.stringify(body));
}

async function recordPrompts(
  deps: EndpointDeps,
  service: ServiceSpec,
  evaluation: HookEvaluation,
  now: Date,
): Promise<void> {
  const events: PromptEventInput[] = evaluation.facts.map((f) => ({
    cardUuid: f.cardUuid,
    hookInstance: evaluation.hookInstance,
    serviceId: service.id,
    hook: service.hook,
    cardKind: f.kind,
    ruleIds: f.ruleIds,
    setting: evaluation.setting,
    patientPseudonym: deps.pseudonymize(`Patient/${evaluation.patientId}`),
    userPseudonym: deps.pseudonymize(evaluation.userId),
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

/** A hook endpoint: the request's JSON body chunks (undefined when it declared no JSON media type) to its response. */
export type HookEndpoint = BodyEndpoint<Buffer[] | undefined>;

/**
 * `POST /cds-services/{id}`: the evaluator parses the body, skips patient and proxy users, gathers the data (412
 * when unobtainable), runs the rules and builds at most one discreet card (`evaluation/evaluate-hook.ts`); then the
 * pilot event is stored here, on the request thread, and `{"cards": […]}` goes back.
 */
export function createHookHandler(
  service: ServiceSpec,
  deps: EndpointDeps,
  evaluator: HookEvaluator,
): HookEndpoint {
  return async (_req, res, body) => {
    const started = performance.now();
    const now = deps.now();
    const evaluation = await evaluator.evaluate(service, body, now);
    if (evaluation.facts.length > 0) await recordPrompts(deps, service, evaluation, now);
    deps.log('cds.hook.answered', {
      service: service.id,
      hookInstance: evaluation.hookInstance,
      decision: evaluation.decision,
      ...(evaluation.decision === 'not-clinician'
        ? {}
        : {
            rules: evaluation.ruleIds.join(','),
            prefetched: evaluation.prefetched,
            fetched: evaluation.fetched,
            ms: Math.round(performance.now() - started),
          }),
      cards: evaluation.cards.length,
    });
    sendJson(res, { cards: evaluation.cards });
  };
}
