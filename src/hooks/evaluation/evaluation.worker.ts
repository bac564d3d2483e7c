/**
 * Entry of an evaluation worker thread (started by `evaluation.pool.ts`): parses hook bodies and runs the rules off
 * the request thread, so that the thread answering HTTP, checking client JWTs and writing the pilot store is never
 * blocked by a 190 kB JSON.parse. Holds no state between tasks but the terminology and the configuration.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { terminology } from '../../terminology/index.ts';
import { findService } from '../protocol/index.ts';
import { type EvaluationContext, evaluateHook, fetcherPolicy } from './evaluate-hook.ts';
import {
  EvaluationFailure,
  type EvaluationTask,
  toWireFailure,
  type WorkerInit,
  type WorkerMessage,
} from './evaluation.wire.ts';

const port = parentPort;
if (!port) throw new Error('evaluation.worker.ts runs only as a worker thread');
const { config } = workerData as WorkerInit;
const ctx: EvaluationContext = { config, terminology, newId: randomUUID, fetcherFor: fetcherPolicy(config) };
const send = (message: WorkerMessage) => port.postMessage(message);

async function run(task: EvaluationTask): Promise<void> {
  try {
    const service = findService(task.serviceId);
    if (!service) throw new EvaluationFailure('UnknownService');
    const evaluation = await evaluateHook(service, task.body, new Date(task.nowMs), ctx);
    send({ type: 'done', id: task.id, evaluation });
  } catch (err) {
    send({ type: 'failed', id: task.id, failure: toWireFailure(err) });
  }
}

port.on('message', (task: EvaluationTask) => void run(task));
send({ type: 'ready' });
