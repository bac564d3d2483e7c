import { afterEach, describe, expect, it } from 'vitest';
import { EvaluationFailure } from '../../../src/hooks/evaluation/evaluation.wire.ts';
import { type HookEvaluator, startEvaluationPool } from '../../../src/hooks/evaluation/index.ts';
import { SERVICES, type ServiceSpec } from '../../../src/hooks/protocol/index.ts';
import { DEFAULT_RULE_CONFIG } from '../../../src/hooks/rules/index.ts';
import { OperationOutcomeError } from '../../../src/shared/index.ts';

const SCRIPTED = new URL('./fixtures/scripted.worker.ts', import.meta.url);
const NOW = new Date('2026-06-10T09:00:00Z');
const base = SERVICES[0] as ServiceSpec;
const service = (id: string): ServiceSpec => ({ ...base, id });
const config = {
  rules: DEFAULT_RULE_CONFIG,
  prefetchBudgetMs: 400,
  requireHttpsFhirServer: false,
  fhirServerAllowlist: undefined,
  sourceLabel: 'Safe Enquiry',
  appLaunchUrl: 'https://app.test/app/launch',
};

let pool: HookEvaluator | undefined;
let events: { event: string; fields: Record<string, unknown> }[] = [];
async function start(threads = 1): Promise<HookEvaluator> {
  events = [];
  pool = await startEvaluationPool({
    threads,
    config,
    workerUrl: SCRIPTED,
    log: (event, fields) => events.push({ event, fields }),
  });
  return pool;
}
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('evaluation worker pool', () => {
  it('moves whole chunks to the worker and copies a chunk that shares memory', async () => {
    const p = await start();
    const own = Buffer.from(new Uint8Array(64 * 1024).fill(0x20));
    const ownResult = await p.evaluate(service('echo'), [own], NOW);
    expect(ownResult).toMatchObject({ hookInstance: `bytes-${64 * 1024}`, setting: 'exclusive' });
    expect(ownResult.decision).toBe(NOW.toISOString());
    // The moved chunk is gone from this thread: nothing of the request body stays behind.
    expect(own.buffer.byteLength).toBe(0);

    const pool8k = Buffer.alloc(8192, 0x41);
    const slice = pool8k.subarray(100, 200);
    const sliceResult = await p.evaluate(service('echo'), [slice], NOW);
    expect(sliceResult).toMatchObject({ hookInstance: 'bytes-100', setting: 'exclusive' });
    // The shared memory was copied, not moved: the rest of it is intact here.
    expect(pool8k.byteLength).toBe(8192);
    expect(pool8k[0]).toBe(0x41);
  });

  it('carries an OperationOutcome failure across with its status, and only the name of anything else', async () => {
    const p = await start();
    const outcome = await p.evaluate(service('outcome'), [], NOW).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(OperationOutcomeError);
    expect((outcome as OperationOutcomeError).status).toBe(422);
    expect((outcome as OperationOutcomeError).outcome.issue[0]?.diagnostics).toBe('scripted');

    const boom = await p.evaluate(service('boom'), [], NOW).catch((e: unknown) => e);
    expect(boom).toBeInstanceOf(EvaluationFailure);
    expect((boom as Error).name).toBe('TypeError');
    expect((boom as Error).message).not.toContain('secret');
    expect((boom as Error).stack ?? '').not.toContain('scripted.worker');
  });

  it('fails the tasks of a worker that dies, replaces it, and goes on answering', async () => {
    const p = await start(1);
    const inFlight = p.evaluate(service('echo'), [Buffer.from('{}')], NOW);
    const dying = p.evaluate(service('exit'), [], NOW).catch((e: unknown) => e);
    await expect(inFlight).resolves.toMatchObject({ hookInstance: 'bytes-2' });
    const failure = await dying;
    expect(failure).toBeInstanceOf(EvaluationFailure);
    expect((failure as Error).name).toBe('EvaluationWorkerExit');
    await expect.poll(() => events.map((e) => e.event)).toContain('cds.evaluation.worker-exit');
    // The replacement starts in the background; the pool answers 503 until it is ready, then evaluates again.
    await expect
      .poll(async () => (await p.evaluate(service('echo'), [], NOW).catch(() => undefined))?.hookInstance)
      .toBe('bytes-0');
  });

  it('spreads tasks over its workers and answers 503 once closed', async () => {
    const p = await start(2);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => p.evaluate(service('echo'), [Buffer.alloc(i)], NOW)),
    );
    expect(results.map((r) => r.hookInstance)).toEqual(Array.from({ length: 20 }, (_, i) => `bytes-${i}`));
    await p.close();
    const after = await p.evaluate(service('echo'), [], NOW).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(OperationOutcomeError);
    expect((after as OperationOutcomeError).status).toBe(503);
  });

  it('refuses to start when a worker cannot start', async () => {
    const failing = new URL('./fixtures/failing-start.worker.ts', import.meta.url);
    await expect(
      startEvaluationPool({ threads: 2, config, workerUrl: failing, log: () => undefined }),
    ).rejects.toThrow(/evaluation worker/);
  });
});
