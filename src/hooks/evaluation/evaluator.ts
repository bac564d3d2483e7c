import type { ServiceSpec } from '../protocol/index.ts';
import { type EvaluationContext, evaluateHook, type HookEvaluation } from './evaluate-hook.ts';

/** Evaluates hook calls: on the request thread (`inline`) or in worker threads (`evaluation.pool.ts`). */
export interface HookEvaluator {
  evaluate(service: ServiceSpec, body: readonly Uint8Array[] | undefined, now: Date): Promise<HookEvaluation>;
  close(): Promise<void>;
}

/** On the request thread: simplest, and the only mode that accepts injected ids and terminology (tests). */
export function inlineEvaluator(ctx: EvaluationContext): HookEvaluator {
  return {
    evaluate: (service, body, now) => evaluateHook(service, body, now, ctx),
    close: async () => undefined,
  };
}
