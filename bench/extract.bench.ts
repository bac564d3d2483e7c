/**
 * `npm run bench:extract`: extraction throughput and peak memory against a baseline that only reads and
 * JSON.parses every line of the same files. Generates a deterministic synthetic Bulk Data corpus (250k and ~1M
 * resources) in a temporary folder, runs each measurement in its own child process (so `maxRSS` is per process),
 * prints a table and deletes the corpus.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { readNdjsonLines } from '../src/extract/ndjson-lines.reader.ts';
import { runExtraction } from '../src/extract/run-extraction.ts';
import { generateBulkCorpus } from '../test/extract/helpers/bulk-corpus.ts';

interface Measurement {
  readonly resources: number;
  readonly seconds: number;
  readonly maxRssMb: number;
  /** Extraction only: distinct keys, referenced patients and encounters held in memory. */
  readonly held?: { keys: number; patients: number; encounters: number };
}

const REPEATS = 3;
/** The corpus size at which one shard of two is also timed (it covers every line, for half the patients). */
const SHARDED_SIZE = 1_000_000;

async function baseline(dir: string): Promise<number> {
  let resources = 0;
  for (const name of (await readdir(dir)).sort()) {
    const raw = createReadStream(path.join(dir, name), { highWaterMark: 1024 * 1024 });
    const chunks = name.endsWith('.gz')
      ? pipeline(raw, createGunzip({ chunkSize: 1024 * 1024 }), () => {})
      : raw;
    await readNdjsonLines(chunks, {
      onLine: (text) => {
        if (JSON.parse(text)) resources++;
      },
      onOversize: () => {},
    });
  }
  return resources;
}

/**
 * Reference: DuckDB reads every line as a JSON object (`read_ndjson_objects`, gzip detected by extension) and
 * counts them. It neither classifies codes nor counts patients, so it is a reader's speed, not an extraction's.
 */
async function duckdbCount(dir: string): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const glob = path.join(dir, '*.ndjson*').replaceAll("'", "''");
  const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM read_ndjson_objects('${glob}')`);
  const count = Number(reader.getRows()[0]?.[0] ?? 0);
  connection.closeSync();
  return count;
}

async function child(mode: string, dir: string, out: string): Promise<void> {
  const started = performance.now();
  let result: Omit<Measurement, 'seconds' | 'maxRssMb'>;
  if (mode === 'baseline') result = { resources: await baseline(dir) };
  else if (mode === 'duckdb') result = { resources: await duckdbCount(dir) };
  else {
    const shard = mode === 'shard' ? { shard: { index: 1, count: 2 } } : {};
    const { summary } = await runExtraction({ source: dir, outDir: out, ...shard });
    result = { resources: summary.resourcesRead, held: summary.held };
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ ...result, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

function measure(
  mode: 'baseline' | 'extract' | 'shard' | 'duckdb',
  dir: string,
  out: string,
): Promise<Measurement> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [self, mode, dir, out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    proc.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(text) as Measurement) : reject(new Error(`${mode} exited ${code}`)),
    );
  });
}

/** Best of the repeats (least disturbed by other work on the machine); peak RSS is the largest seen. */
function fastest(list: readonly Measurement[]): Measurement {
  const best = list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, maxRssMb: Math.max(...list.map((m) => m.maxRssMb)) };
}

function row(label: string, size: number, m: Measurement, ratio?: number): string {
  const rate = Math.round(m.resources / m.seconds).toLocaleString('en-GB');
  const cells = [
    label.padEnd(10),
    size.toLocaleString('en-GB').padStart(9),
    m.resources.toLocaleString('en-GB').padStart(10),
    m.seconds.toFixed(2).padStart(8),
    rate.padStart(12),
    m.maxRssMb.toFixed(0).padStart(9),
  ];
  return `${cells.join(' | ')} | ${ratio === undefined ? '' : ratio.toFixed(2)}`;
}

/** Generates one corpus, measures baseline and extraction alternately, deletes the corpus. */
async function measureSize(root: string, size: number): Promise<{ rows: string[]; held: string }> {
  const dir = path.join(root, `corpus-${size}`);
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  const written = await generateBulkCorpus(dir, size);
  process.stderr.write(
    `generated ${written} resources in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const bases: Measurement[] = [];
  const runs: Measurement[] = [];
  const shards: Measurement[] = [];
  const ducks: Measurement[] = [];
  for (let i = 0; i < REPEATS; i++) {
    bases.push(await measure('baseline', dir, ''));
    ducks.push(await measure('duckdb', dir, ''));
    runs.push(await measure('extract', dir, path.join(root, `out-${size}`)));
    if (size === SHARDED_SIZE) shards.push(await measure('shard', dir, path.join(root, `shard-${size}`)));
  }
  await rm(dir, { recursive: true, force: true });
  const base = fastest(bases);
  const run = fastest(runs);
  const rate = (m: Measurement) => size / m.seconds;
  const shardRows =
    shards.length > 0
      ? [row('shard 1/2', size, { ...fastest(shards), resources: size }, rate(fastest(shards)) / rate(base))]
      : [];
  return {
    rows: [
      row('baseline', size, base),
      row('extract', size, run, rate(run) / rate(base)),
      ...shardRows,
      row('duckdb', size, fastest(ducks), rate(fastest(ducks)) / rate(base)),
    ],
    held: `${size}: ${JSON.stringify(run.held)}`,
  };
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'extract-bench-'));
  const lines = ['run        |    corpus |  resources |  seconds | resources/s | peak RSS MB | vs baseline'];
  const held: string[] = [];
  try {
    for (const size of [250_000, 1_000_000]) {
      const result = await measureSize(root, size);
      lines.push(...result.rows);
      held.push(result.held);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const notes = [
    `best of ${REPEATS} runs each; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}; peak RSS = largest of the runs`,
    'baseline = read every line + JSON.parse, with the same line reader and gunzip',
    `held by the extraction (what its memory grows with): ${held.join('; ')}`,
    'duckdb = DuckDB read_ndjson_objects count(*) over the same files (reads and checks lines; counts nothing else)',
  ];
  process.stdout.write(`${lines.join('\n')}\n\n${notes.join('\n')}\n`);
}

const [mode, dir, out] = process.argv.slice(2);
if (mode === 'baseline' || mode === 'extract' || mode === 'shard' || mode === 'duckdb')
  await child(mode, dir ?? '', out ?? '');
else if (mode === 'generate') await generateBulkCorpus(dir ?? '', Number(out ?? 1_000_000));
else await main();
