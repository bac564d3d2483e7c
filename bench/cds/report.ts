/** Plain-text tables: each run's throughput and ratio, the medians of every metric, memory variant, callbacks. */
import { errorCount, type Measured, requestsPerSecond } from './measure.ts';
import type { BenchAlgorithm } from './options.ts';

/** One run: the baseline and the service (per algorithm), measured back to back. */
export interface RunResult {
  readonly baseline: Measured;
  readonly cds: Readonly<Partial<Record<BenchAlgorithm, Measured>>>;
}

export interface BenchReport {
  readonly bodyKb: number;
  readonly algorithms: readonly BenchAlgorithm[];
  readonly threads: number;
  readonly runs: readonly RunResult[];
  /** One run with evaluation on the request thread (evaluationThreads 0). */
  readonly inline?: RunResult;
  readonly semiSpace?: { readonly mb: number; readonly run: RunResult };
  readonly callback: Measured;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const fixed = (n: number, digits = 0) => n.toFixed(digits);

function printTable(title: string, rows: readonly (readonly string[])[]): void {
  const widths = rows.reduce<number[]>(
    (w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)),
    [],
  );
  console.log(`\n${title}`);
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

function ratio(run: RunResult, alg: BenchAlgorithm): number {
  const cds = run.cds[alg];
  return cds ? requestsPerSecond(cds) / requestsPerSecond(run.baseline) : Number.NaN;
}

function printRuns(report: BenchReport): void {
  const header = ['run', 'baseline req/s @32', ...report.algorithms.map((a) => `cds ${a} req/s (ratio)`)];
  const rows = report.runs.map((run, i) => [
    String(i + 1),
    fixed(requestsPerSecond(run.baseline)),
    ...report.algorithms.map((a) => {
      const cds = run.cds[a];
      return cds ? `${fixed(requestsPerSecond(cds))} (${fixed(ratio(run, a), 2)})` : '-';
    }),
  ]);
  printTable('Throughput at 32 connections, per run (ratio = service / baseline in the same run)', [
    header,
    ...rows,
  ]);
}

type Metric = readonly [
  name: string,
  pick: (m: Measured) => number,
  format: (n: number) => string,
  target: string,
];

const lat = (phase: string, p: 'p50' | 'p99') => (m: Measured) => m.results[phase]?.[p] ?? Number.NaN;

const METRICS: readonly Metric[] = [
  ['requests/s @32', (m) => requestsPerSecond(m), (n) => fixed(n), ''],
  ['p50 @1', lat('c1', 'p50'), ms, ''],
  ['p99 @1', lat('c1', 'p99'), ms, '< 15 ms'],
  ['p50 @4', lat('c4', 'p50'), ms, ''],
  ['p99 @4', lat('c4', 'p99'), ms, ''],
  ['server CPU/request, all threads', (m) => m.cpuMsPerRequest, ms, ''],
  ['server CPU/request, main thread', (m) => m.mainThreadMsPerRequest, ms, ''],
  ['GC pause/request (max pause)', (m) => m.gcMsPerRequest, ms, ''],
  ['RSS of the server process, idle', (m) => m.idleRssMb, (n) => `${fixed(n)} MB`, ''],
  ['RSS of the server process, peak', (m) => m.peakRssMb, (n) => `${fixed(n)} MB`, '< 200 MB'],
  ['V8 heap at peak / new space at end', (m) => m.peakHeapMb, (n) => `${fixed(n)} MB`, ''],
  ['memory outside the V8 heap at peak', (m) => m.peakExternalMb, (n) => `${fixed(n)} MB`, ''],
];

function column(runs: readonly Measured[], metric: Metric): string {
  const [name, pick, format] = metric;
  const value = format(median(runs.map(pick)));
  if (name.startsWith('GC')) return `${value} (${ms(median(runs.map((m) => m.gcMaxPauseMs)))})`;
  if (name.startsWith('V8 heap')) return `${value} / ${fixed(median(runs.map((m) => m.newSpaceMb)))} MB`;
  return value;
}

function printMedians(report: BenchReport): void {
  const baselines = report.runs.map((r) => r.baseline);
  const services = report.algorithms.map((a) => report.runs.flatMap((r) => r.cds[a] ?? []));
  const rows = METRICS.map((metric) => [
    metric[0],
    column(baselines, metric),
    ...services.map((runs) => column(runs, metric)),
    metric[3],
  ]);
  const ratios = report.algorithms.map((a) => fixed(median(report.runs.map((r) => ratio(r, a))), 2));
  const errors = [baselines, ...services].map((runs) => String(runs.reduce((n, m) => n + errorCount(m), 0)));
  printTable(
    `Medians of ${report.runs.length} run(s); prefetch body ${fixed(report.bodyKb)} kB, 601 resources; ` +
      `service with ${report.threads} evaluation worker thread(s)`,
    [
      ['metric', 'baseline', ...report.algorithms.map((a) => `cds ${a}`), 'target'],
      ['ratio to baseline @32 (median)', '1.00', ...ratios, '>= 0.70'],
      ...rows,
      ['errors (non-200), all runs', ...errors, '0'],
    ],
  );
}

/** A one-run variant (another configuration of the service), beside the baseline measured in the same run. */
function printVariant(report: BenchReport, title: string, run: RunResult): void {
  const alg = report.algorithms[0] ?? 'ES384';
  const cds = run.cds[alg];
  if (!cds) return;
  const row = (name: string, m: Measured) => [
    name,
    fixed(requestsPerSecond(m)),
    `${fixed(m.peakRssMb)} MB`,
    `${fixed(m.peakHeapMb)} / ${fixed(m.peakExternalMb)} MB`,
    `${fixed(m.newSpaceMb)} MB`,
    ms(m.cpuMsPerRequest),
    ms(m.mainThreadMsPerRequest),
    `${ms(m.gcMsPerRequest)} (${ms(m.gcMaxPauseMs)})`,
    ms(m.results.c1?.p99 ?? Number.NaN),
  ];
  printTable(`${title} (one run; cds ratio ${fixed(ratio(run, alg), 2)})`, [
    [
      'server',
      'req/s @32',
      'peak RSS',
      'heap / external',
      'new space',
      'CPU/req',
      'main thread/req',
      'GC/request (max)',
      'p99 @1',
    ],
    row('baseline', run.baseline),
    row(`cds ${alg}`, cds),
  ]);
}

export function printReport(report: BenchReport): void {
  printRuns(report);
  printMedians(report);
  if (report.inline)
    printVariant(report, 'Evaluation on the request thread (evaluationThreads 0)', report.inline);
  if (report.semiSpace)
    printVariant(
      report,
      `With --max-semi-space-size=${report.semiSpace.mb} on both servers (the deployment setting)`,
      report.semiSpace.run,
    );
  const cb = report.callback;
  printTable('No prefetch: every key fetched back from the sandbox FHIR server (in the service process)', [
    ['p50 @1', 'p99 @1', 'target', 'errors'],
    [ms(lat('c1', 'p50')(cb)), ms(lat('c1', 'p99')(cb)), 'p99 < 300 ms', String(errorCount(cb))],
  ]);
}
