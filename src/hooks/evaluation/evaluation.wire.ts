import type { OperationOutcome } from 'fhir/r4.js';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import type { EvaluationConfig, HookEvaluation } from './evaluate-hook.ts';

/** What crosses between the request thread and an evaluation worker (structured clone: plain data only). */
export interface WorkerInit {
  readonly config: EvaluationConfig;
}

export interface EvaluationTask {
  readonly id: number;
  readonly serviceId: string;
  readonly body: readonly Uint8Array[] | undefined;
  readonly nowMs: number;
}

/** An expected failure keeps its status and OperationOutcome; anything else keeps only its name (no message, no stack). */
export type WireFailure =
  | {
      readonly kind: 'outcome';
      readonly status: number;
      readonly outcome: OperationOutcome;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'unexpected'; readonly name: string };

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly evaluation: HookEvaluation }
  | { readonly type: 'failed'; readonly id: number; readonly failure: WireFailure };

export function toWireFailure(err: unknown): WireFailure {
  if (err instanceof OperationOutcomeError)
    return { kind: 'outcome', status: err.status, outcome: err.outcome, headers: { ...err.headers } };
  return { kind: 'unexpected', name: err instanceof Error ? err.name : 'unknown' };
}

/** An unexpected failure inside a worker, rethrown on the request thread under the original error's name. */
export class EvaluationFailure extends Error {
  constructor(name: string) {
    super('Hook evaluation failed');
    this.name = name;
  }
}

export function fromWireFailure(failure: WireFailure): Error {
  return failure.kind === 'outcome'
    ? new OperationOutcomeError(failure.status, failure.outcome, failure.headers)
    : new EvaluationFailure(failure.name);
}

/** 503 while no evaluation worker is running (they failed to start or keep failing). */
export function evaluationUnavailable(): OperationOutcomeError {
  return OperationOutcomeError.of(503, {
    code: IssueType.transient,
    reason: 'evaluation-unavailable',
    diagnostics: 'The service cannot evaluate hook calls at the moment',
  });
}
