/**
 * `npm run bench:cds` — CDS Hooks `patient-view` with a full prefetch (~600 resources, ~190 kB) against a baseline
 * measured in the same run: a bare `node:http` server that parses the same body and returns a fixed card. Load comes
 * from a separate process (keep-alive `node:http`; client JWTs signed before timing). Each run measures the baseline,
 * then the service (as `safe-enquiry serve` runs it: evaluation in worker threads) with ES384 and with RS384 client
 * JWTs; the report gives every run's ratio and the medians. Then one run with evaluation on the request thread, one
 * with `--max-semi-space-size` (the deployment's memory setting, docs/production.md), and the service with no
 * prefetch, calling back to the sandbox FHIR server. One entry, three roles (`--role=server|load`, none =
 * orchestrator); modules in `bench/cds/`.
 *
 * Options: `--runs=3`, `--algs=ES384,RS384`, `--threads=N` (default cores − 1, at least 1), `--inline=1` (0 skips),
 * `--semi-space=4` (0 skips), `--server-flags=a,b`, `--state=file|memory` (the service's SQLite state on disk, as
 * deployed, or in memory), `--quick`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildResources, requestBody } from './cds/fixture.ts';
import { writeKeys } from './cds/keys.ts';
import { loadRole } from './cds/load.role.ts';
import { type Measured, measure } from './cds/measure.ts';
import {
  type BenchAlgorithm,
  type BenchOptions,
  callbackPhases,
  prefetchPhases,
  readOptions,
} from './cds/options.ts';
import { printReport, type RunResult } from './cds/report.ts';
import { type ServerMode, serverRole } from './cds/server.role.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function oneRun(
  options: BenchOptions,
  dir: string,
  body: string,
  flags: readonly string[],
  threads = options.threads,
): Promise<RunResult> {
  const phases = prefetchPhases(options.quick);
  const common = { dir, body: () => body, phases, serverFlags: flags, state: options.state, threads };
  const baseline = await measure({ ...common, mode: 'baseline', alg: 'ES384' });
  const cds: Partial<Record<BenchAlgorithm, Measured>> = {};
  for (const alg of options.algorithms) cds[alg] = await measure({ ...common, mode: 'cds', alg });
  return { baseline, cds };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-bench-'));
  try {
    await writeKeys(dir);
    const resources = buildResources();
    const full = requestBody(resources);
    const runs: RunResult[] = [];
    for (let i = 0; i < options.runs; i++) {
      console.error(`run ${i + 1}/${options.runs} …`);
      runs.push(await oneRun(options, dir, full, options.serverFlags));
    }
    const oneAlg = { ...options, algorithms: options.algorithms.slice(0, 1) };
    const inline = options.inlineRun ? await oneRun(oneAlg, dir, full, options.serverFlags, 0) : undefined;
    const semiFlags = [...options.serverFlags, `--max-semi-space-size=${options.semiSpaceMb}`];
    const semiSpace =
      options.semiSpaceMb > 0
        ? { mb: options.semiSpaceMb, run: await oneRun(oneAlg, dir, full, semiFlags) }
        : undefined;
    const callback = await measure({
      mode: 'cds-callback',
      alg: options.algorithms[0] ?? 'ES384',
      dir,
      body: (port) => requestBody(resources, `http://127.0.0.1:${port}/fhir`),
      phases: callbackPhases(options.quick),
      serverFlags: options.serverFlags,
      state: options.state,
      threads: options.threads,
    });
    const bodyKb = Buffer.byteLength(full) / 1024;
    printReport({
      bodyKb,
      algorithms: options.algorithms,
      threads: options.threads,
      runs,
      ...(inline ? { inline } : {}),
      ...(semiSpace ? { semiSpace } : {}),
      callback,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const role = arg('role');
if (role === 'server')
  await serverRole(
    arg('mode') as ServerMode,
    arg('dir') ?? '',
    arg('state') === 'memory' ? 'memory' : 'file',
    Number(arg('threads') ?? 0),
  );
else if (role === 'load') loadRole();
else await main();
