/** Command-line options of `npm run bench:cds` (all optional). */
import { defaultEvaluationThreads } from '../../src/hooks/serve.settings.ts';

export type BenchAlgorithm = 'ES384' | 'RS384';
export type BenchState = 'file' | 'memory';

export interface BenchOptions {
  /** `--runs=3`: repetitions of baseline + service; the report gives each run's ratio and the medians. */
  readonly runs: number;
  /** `--algs=ES384,RS384`: client JWT algorithms to measure the service with (the EHR picks one). */
  readonly algorithms: readonly BenchAlgorithm[];
  /** `--server-flags=a,b`: node flags for every server process (baseline and service alike). */
  readonly serverFlags: readonly string[];
  /** `--threads=N`: the service's evaluation worker threads; default as `safe-enquiry serve` (cores − 1, ≥ 1). */
  readonly threads: number;
  /** `--inline=1`: one more baseline + service run with evaluation on the request thread (threads 0); 0 skips it. */
  readonly inlineRun: boolean;
  /** `--semi-space=4`: one more baseline + service run with `--max-semi-space-size` (MB); 0 skips it. */
  readonly semiSpaceMb: number;
  /** `--state=file|memory`: the service's SQLite state on disk (default, as deployed) or in memory. */
  readonly state: BenchState;
  /** `--quick`: fewer requests per phase (a smoke run, not a measurement). */
  readonly quick: boolean;
}

export interface Phase {
  readonly name: 'warmup' | 'c32' | 'c1' | 'c4';
  readonly concurrency: number;
  readonly requests: number;
}

const arg = (argv: readonly string[], name: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

function stateOf(value: string | undefined): BenchState {
  if (value === undefined || value === 'file' || value === 'memory') return value ?? 'file';
  throw new Error('--state must be file or memory');
}

function algorithms(value: string | undefined): BenchAlgorithm[] {
  const list = (value ?? 'ES384,RS384').split(',').filter((a) => a.length > 0);
  for (const a of list) if (a !== 'ES384' && a !== 'RS384') throw new Error(`--algs: unknown ${a}`);
  return list as BenchAlgorithm[];
}

export function readOptions(argv: readonly string[]): BenchOptions {
  return {
    runs: Math.max(1, positiveInt(arg(argv, 'runs'), 3, 'runs')),
    algorithms: algorithms(arg(argv, 'algs')),
    serverFlags: (arg(argv, 'server-flags') ?? '').split(',').filter((f) => f.length > 0),
    threads: positiveInt(arg(argv, 'threads'), defaultEvaluationThreads(), 'threads'),
    inlineRun: positiveInt(arg(argv, 'inline'), 1, 'inline') > 0,
    semiSpaceMb: positiveInt(arg(argv, 'semi-space'), 4, 'semi-space'),
    state: stateOf(arg(argv, 'state')),
    quick: argv.includes('--quick'),
  };
}

/** Phases with a full prefetch: warm-up, throughput at 32 connections, then latency at 1 and at 4. */
export function prefetchPhases(quick: boolean): Phase[] {
  const k = quick ? 0.25 : 1;
  return [
    { name: 'warmup', concurrency: 8, requests: Math.round(400 * k) },
    { name: 'c32', concurrency: 32, requests: Math.round(6000 * k) },
    { name: 'c1', concurrency: 1, requests: Math.round(1000 * k) },
    { name: 'c4', concurrency: 4, requests: Math.round(2000 * k) },
  ];
}

/** Phases without prefetch (each request calls back to the FHIR server). */
export function callbackPhases(quick: boolean): Phase[] {
  return [
    { name: 'warmup', concurrency: 1, requests: 30 },
    { name: 'c1', concurrency: 1, requests: quick ? 100 : 300 },
  ];
}
