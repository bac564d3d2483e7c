export {
  type EvaluationConfig,
  type EvaluationContext,
  evaluateHook,
  evaluationConfigOf,
  fetcherPolicy,
  type HookEvaluation,
} from './evaluate-hook.ts';
export { type EvaluationPoolOptions, startEvaluationPool } from './evaluation.pool.ts';
export { type HookEvaluator, inlineEvaluator } from './evaluator.ts';
