/**
 * `npm run bench:extract`: extraction throughput and peak memory against a baseline that only reads and
 * JSON.parses every line of the same files. Generates a deterministic synthetic Bulk Data corpus (250k and ~1M
 * resources) in a temporary folder, runs each measurement in its own child process (so `maxRSS` is per process),
 * prints a table and deletes the corpus.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline, type Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { readNdjsonLines } from '../src/extract/ndjson-lines.reader.ts';
import { runExtraction } from '../src/extract/run-extraction.ts';

const SNOMED = 'http://snomed.info/sct';
const SETTING = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';
/** Measure codes (terminology/ValueSet-*.json) and ordinary codes, as a GP export mixes them. */
const DVA_CODES = [
  '700410005',
  '700411009',
  '879911000000102',
  '978091000000105',
  '431719007',
  '248062006',
  '759481000000100',
];
const OTHER_CODES = [
  '38341003',
  '73211009',
  '195967001',
  '35489007',
  '44054006',
  '271737000',
  '386661006',
  '22298006',
];

interface Measurement {
  readonly resources: number;
  readonly seconds: number;
  readonly maxRssMb: number;
  /** Extraction only: distinct keys, referenced patients and encounters held in memory. */
  readonly held?: { keys: number; patients: number; encounters: number };
}

const REPEATS = 3;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes lines to a file (gzipped for `.gz`) in ~4 MB batches, respecting back-pressure. */
class LineWriter {
  readonly #batch: string[] = [];
  #bytes = 0;
  readonly #head: Writable;
  readonly #closed: Promise<void>;

  constructor(file: string) {
    const sink = createWriteStream(file);
    this.#closed = new Promise((resolve, reject) => sink.on('close', resolve).on('error', reject));
    this.#head = file.endsWith('.gz') ? createGzip({ level: 1 }) : sink;
    if (this.#head !== sink) this.#head.pipe(sink);
  }

  async line(resource: object): Promise<void> {
    const text = `${JSON.stringify(resource)}\n`;
    this.#batch.push(text);
    this.#bytes += text.length;
    if (this.#bytes > 4_000_000) await this.#flush();
  }

  async #flush(): Promise<void> {
    const ok = this.#head.write(this.#batch.join(''));
    this.#batch.length = 0;
    this.#bytes = 0;
    if (!ok) await new Promise((resolve) => this.#head.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.#flush();
    this.#head.end();
    await this.#closed;
  }
}

function dateOf(random: () => number): string {
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return `2024-${month}-${day}T09:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`;
}

function record(type: string, id: string, patient: number, random: () => number): object {
  const code =
    random() < 0.04
      ? DVA_CODES[Math.floor(random() * DVA_CODES.length)]
      : OTHER_CODES[Math.floor(random() * OTHER_CODES.length)];
  const base = {
    resourceType: type,
    id,
    meta: { lastUpdated: '2025-01-01T00:00:00Z' },
    code: { coding: [{ system: SNOMED, code, display: 'Synthetic concept for benchmarking' }] },
    subject: { reference: `Patient/pat-${patient}` },
    encounter: { reference: `Encounter/enc-${patient}-${Math.floor(random() * 5)}` },
  };
  const date = dateOf(random);
  if (type === 'Observation')
    return {
      ...base,
      status: 'final',
      effectiveDateTime: date,
      issued: date,
      valueQuantity: { value: Math.round(random() * 200), unit: 'mmHg' },
    };
  if (type === 'Condition')
    return {
      ...base,
      clinicalStatus: { coding: [{ code: 'active' }] },
      onsetDateTime: date,
      recordedDate: date,
    };
  if (type === 'Procedure') return { ...base, status: 'completed', performedDateTime: date };
  return { ...base, status: 'active', intent: 'order', authoredOn: date };
}

/** Writes a corpus of about `total` resources: 4% Patients, 20% Encounters, the rest clinical records. */
async function generate(dir: string, total: number): Promise<number> {
  const random = prng(total);
  const patients = Math.round(total * 0.04);
  const encounters = Math.round(total * 0.2);
  const records = total - patients - encounters;
  let written = 0;
  const patientFile = new LineWriter(path.join(dir, 'Patient.ndjson'));
  for (let p = 0; p < patients; p++, written++) {
    const birthDate = `${1930 + Math.floor(random() * 90)}-0${1 + Math.floor(random() * 9)}-15`;
    await patientFile.line({
      resourceType: 'Patient',
      id: `pat-${p}`,
      gender: random() < 0.5 ? 'female' : 'male',
      birthDate,
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
                code: 'ADHMRZ'.charAt(Math.floor(random() * 6)),
              },
            ],
          },
        },
      ],
    });
  }
  await patientFile.close();
  const encounterFile = new LineWriter(path.join(dir, 'Encounter.ndjson.gz'));
  for (let e = 0; e < encounters; e++, written++) {
    const p = Math.floor(random() * patients);
    await encounterFile.line({
      resourceType: 'Encounter',
      id: `enc-${p}-${e % 5}`,
      status: 'finished',
      class: { code: 'AMB' },
      serviceType: { coding: [{ system: SETTING, code: random() < 0.7 ? '600' : '710' }] },
      subject: { reference: `Patient/pat-${p}` },
      period: { start: dateOf(random) },
    });
  }
  await encounterFile.close();
  const types = ['Observation', 'Observation', 'Observation', 'Condition', 'Procedure', 'ServiceRequest'];
  const files = await Promise.all(
    [
      'Observation.000.ndjson',
      'Observation.001.ndjson',
      'Observation.002.ndjson',
      'Condition.ndjson',
      'Procedure.ndjson',
      'ServiceRequest.ndjson',
    ].map((n) => new LineWriter(path.join(dir, n))),
  );
  for (let r = 0; r < records; r++, written++) {
    const slot = r % types.length;
    await files[slot]?.line(
      record(types[slot] ?? 'Observation', `rec-${r}`, Math.floor(random() * patients), random),
    );
  }
  await Promise.all(files.map((f) => f.close()));
  return written;
}

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

async function child(mode: string, dir: string, out: string): Promise<void> {
  const started = performance.now();
  let result: Omit<Measurement, 'seconds' | 'maxRssMb'>;
  if (mode === 'baseline') result = { resources: await baseline(dir) };
  else {
    const { summary } = await runExtraction({ source: dir, outDir: out });
    result = { resources: summary.resourcesRead, held: summary.held };
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ ...result, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

function measure(mode: 'baseline' | 'extract', dir: string, out: string): Promise<Measurement> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', self, mode, dir, out], {
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
  const written = await generate(dir, size);
  process.stderr.write(
    `generated ${written} resources in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const bases: Measurement[] = [];
  const runs: Measurement[] = [];
  for (let i = 0; i < REPEATS; i++) {
    bases.push(await measure('baseline', dir, ''));
    runs.push(await measure('extract', dir, path.join(root, `out-${size}`)));
  }
  await rm(dir, { recursive: true, force: true });
  const base = fastest(bases);
  const run = fastest(runs);
  const ratio = run.resources / run.seconds / (base.resources / base.seconds);
  return {
    rows: [row('baseline', size, base), row('extract', size, run, ratio)],
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
    'DuckDB read_ndjson reference: skipped, @duckdb/node-api is not installed',
  ];
  process.stdout.write(`${lines.join('\n')}\n\n${notes.join('\n')}\n`);
}

const [mode, dir, out] = process.argv.slice(2);
if (mode === 'baseline' || mode === 'extract') await child(mode, dir ?? '', out ?? '');
else if (mode === 'generate') await generate(dir ?? '', Number(out ?? 1_000_000));
else await main();
