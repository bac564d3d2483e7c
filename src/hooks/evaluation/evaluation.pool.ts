import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { CdsLogger } from '../cds-logger.ts';
import type { ServiceSpec } from '../protocol/index.ts';
import type { EvaluationConfig, HookEvaluation } from './evaluate-hook.ts';
import {
  EvaluationFailure,
  type EvaluationTask,
  evaluationUnavailable,
  fromWireFailure,
  type WorkerInit,
  type WorkerMessage,
} from './evaluation.wire.ts';
import type { HookEvaluator } from './evaluator.ts';

export interface EvaluationPoolOptions {
  /** Worker threads (at least 1). */
  readonly threads: number;
  readonly config: EvaluationConfig;
  /** V8 heap limits of each worker; the young generation bounds how much a burst of large bodies may hold. */
  readonly resourceLimits?: ResourceLimits;
  readonly log: CdsLogger;
  /** The worker's entry module; default `evaluation.worker.ts` (tests give a scripted one). */
  readonly workerUrl?: URL;
}

interface Pending {
  resolve(evaluation: HookEvaluation): void;
  reject(err: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

const WORKER_URL = new URL('./evaluation.worker.ts', import.meta.url);
/**
 * The worker runs on Node's own TypeScript type stripping, like the rest of the runtime (`tsconfig.json` sets
 * `erasableSyntaxOnly`). An explicit empty `execArgv`: a worker would otherwise inherit its parent's, and a test
 * runner's or a loader's flags there (say `--import tsx`, which starts a loader thread per worker) cost memory.
 */
const WORKER_EXEC_ARGV: string[] = [];

/**
 * A body chunk in memory of its own, to be moved (not copied) to the worker. Chunks read from a socket have their
 * own ArrayBuffer; one that shares memory (a slice of a pool that may hold other requests' bytes, or of a
 * decompressor's buffer) is copied. Copying or joining every body on the request thread would cost it full garbage
 * collections: V8 counts ArrayBuffer memory as external pressure, which only a collection relieves.
 */
function ownedBytes(body: Uint8Array): Uint8Array {
  const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  return whole && body.buffer instanceof ArrayBuffer ? body : new Uint8Array(body);
}

/**
 * Hook evaluation in worker threads. Each task goes to the worker with the fewest tasks in flight; the request
 * thread keeps HTTP, client authentication and the pilot store. A worker that dies takes its tasks with it (each
 * fails as an unexpected error, so its request gets a 500) and is replaced; while no worker runs, calls get 503.
 */
export async function startEvaluationPool(options: EvaluationPoolOptions): Promise<HookEvaluator> {
  const slots = new Set<Slot>();
  let nextId = 0;
  let closing = false;

  const spawn = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const init: WorkerInit = { config: options.config };
      const worker = new Worker(options.workerUrl ?? WORKER_URL, {
        workerData: init,
        execArgv: WORKER_EXEC_ARGV,
        ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      });
      const slot: Slot = { worker, pending: new Map() };
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          // An idle worker does not keep the process alive; one with work in flight does.
          worker.unref();
          slots.add(slot);
          resolve(slot);
          return;
        }
        const pending = slot.pending.get(message.id);
        if (!pending) return;
        slot.pending.delete(message.id);
        if (slot.pending.size === 0) worker.unref();
        if (message.type === 'done') pending.resolve(message.evaluation);
        else pending.reject(fromWireFailure(message.failure));
      });
      worker.on('error', (err) => {
        options.log('cds.evaluation.worker-error', { name: err.name });
        if (!ready) reject(new Error(`evaluation worker did not start (${err.name})`));
      });
      worker.on('exit', (code) => {
        slots.delete(slot);
        for (const pending of slot.pending.values())
          pending.reject(new EvaluationFailure('EvaluationWorkerExit'));
        slot.pending.clear();
        if (!ready) reject(new Error(`evaluation worker exited before it was ready (${code})`));
        else if (!closing) {
          options.log('cds.evaluation.worker-exit', { code });
          spawn().catch(() => options.log('cds.evaluation.worker-restart-failed', {}));
        }
      });
    });

  const started = await Promise.allSettled(Array.from({ length: Math.max(1, options.threads) }, spawn));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    closing = true;
    await Promise.all([...slots].map((s) => s.worker.terminate()));
    throw failed.reason;
  }

  const leastBusy = (): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots) if (!best || slot.pending.size < best.pending.size) best = slot;
    return best;
  };

  return {
    evaluate(
      service: ServiceSpec,
      body: readonly Uint8Array[] | undefined,
      now: Date,
    ): Promise<HookEvaluation> {
      const slot = leastBusy();
      if (!slot) return Promise.reject(evaluationUnavailable());
      const id = nextId++;
      const owned = body?.map(ownedBytes);
      const task: EvaluationTask = { id, serviceId: service.id, body: owned, nowMs: now.getTime() };
      return new Promise((resolve, reject) => {
        if (slot.pending.size === 0) slot.worker.ref();
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage(task, owned?.map((b) => b.buffer as ArrayBuffer) ?? []);
      });
    },
    async close() {
      closing = true;
      await Promise.all([...slots].map((s) => s.worker.terminate()));
    },
  };
}
