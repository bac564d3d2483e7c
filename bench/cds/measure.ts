/** The orchestrator's side: one server process and one load process per measurement, talking over IPC. */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.role.ts';
import type { BenchAlgorithm, BenchState, Phase } from './options.ts';
import type { ServerMode, ServerStats } from './server.role.ts';

const ENTRY = fileURLToPath(new URL('../cds.bench.ts', import.meta.url));

export type Measured = { readonly results: Readonly<Record<string, LoadResult>> } & ServerStats;

export interface MeasureSpec {
  readonly mode: ServerMode;
  readonly alg: BenchAlgorithm;
  readonly dir: string;
  /** The request body; it may depend on the server's port (callbacks go to the server's own FHIR endpoint). */
  readonly body: (port: number) => string;
  readonly phases: readonly Phase[];
  readonly serverFlags: readonly string[];
  readonly state: BenchState;
  /** Evaluation worker threads of the service (ignored by the baseline). */
  readonly threads: number;
}

function child(args: readonly string[], flags: readonly string[] = []): ChildProcess {
  return fork(ENTRY, args, {
    execArgv: [...flags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T>(c: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench child exited early (${code})`));
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      c.off('message', on).off('exit', onExit);
      resolve(m as T);
    };
    c.on('message', on).once('exit', onExit);
  });
}

/** Starts a server process, then a load process; stops both when the phases are done. */
export async function measure(spec: MeasureSpec): Promise<Measured> {
  const args = [
    '--role=server',
    `--mode=${spec.mode}`,
    `--dir=${spec.dir}`,
    `--state=${spec.state}`,
    `--threads=${spec.threads}`,
  ];
  const server = child(args, spec.serverFlags);
  const load = child(['--role=load']);
  try {
    const { port } = await nextMessage<{ port: number }>(server, 'ready');
    const bodyFile = path.join(spec.dir, `${spec.mode}.json`);
    await writeFile(bodyFile, spec.body(port));
    await nextMessage(load, 'ready');
    server.send({ type: 'reset' });
    load.send({ port, dir: spec.dir, alg: spec.alg, bodyFile, phases: spec.phases });
    const { results } = await nextMessage<{ results: Record<string, LoadResult> }>(load, 'results');
    const requests = Object.values(results).reduce((n, r) => n + r.count, 0);
    server.send({ type: 'stats', requests });
    const { stats } = await nextMessage<{ stats: ServerStats }>(server, 'stats');
    return { results, ...stats };
  } finally {
    load.kill();
    if (server.connected) server.send({ type: 'exit' });
    else server.kill();
  }
}

export function requestsPerSecond(m: Measured, phase = 'c32'): number {
  const r = m.results[phase];
  return r ? r.count / r.seconds : 0;
}

export function errorCount(m: Measured): number {
  return Object.values(m.results).reduce((n, r) => n + r.errors, 0);
}
