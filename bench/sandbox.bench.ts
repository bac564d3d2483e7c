/**
 * Sandbox FHIR server benchmark (`npm run bench:sandbox`): starts the server in process with persistence on (a temp
 * dir, fsync per write), loads 2,000 then 10,000 Observations across 100 Patients over HTTP, and measures at each
 * size, with 8 requests in flight: validated writes (POST), reads by id, and two searches a chart view makes.
 * Prints one table. Synthetic data only; codes are from a benchmark-only code system.
 */
import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createFhirService, SandboxRepository } from '../src/sandbox/fhir/index.ts';

const CONCURRENCY = 8;
const PATIENTS = 100;
const SIZES = [2_000, 10_000] as const;
const READS = 2_000;
const SEARCHES = 300;
const MAX_SECONDS_PER_MEASURE = 8;
const CODE_SYSTEM = 'https://fhir.safe-enquiry.org/bench/measure';
const CODES = ['bench-a', 'bench-b', 'bench-c', 'bench-d', 'bench-e'];
const JSON_HEADERS = { 'content-type': 'application/fhir+json' };

interface Rate {
  readonly ops: number;
  readonly perSecond: number;
}

/** Runs `fn(i)` for i in [0, count) with CONCURRENCY in flight, stopping early after the time cap. */
async function measure(count: number, fn: (i: number) => Promise<void>): Promise<Rate> {
  let next = 0;
  const started = performance.now();
  const deadline = started + MAX_SECONDS_PER_MEASURE * 1000;
  const worker = async () => {
    while (next < count && performance.now() < deadline) await fn(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ops: next, perSecond: next / seconds };
}

async function expectStatus(response: Response, expected: number, what: string): Promise<Response> {
  if (response.status !== expected)
    throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

function pick<T>(items: readonly T[], i: number): T {
  const item = items[(i * 7919) % items.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function observation(patientId: string, i: number) {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((i % 12) + 1).padStart(2, '0');
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: CODE_SYSTEM, code: pick(CODES, i) }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: `${2020 + (i % 5)}-${month}-${day}T09:00:00Z`,
    valueQuantity: {
      value: 40 + (i % 60),
      unit: 'mmol/mol',
      system: 'http://unitsofmeasure.org',
      code: 'mmol/mol',
    },
  };
}

async function start(dataDir: string): Promise<{ base: string; server: Server; close: () => Promise<void> }> {
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const service = await createFhirService({ baseUrl: base, dataDir });
  app.use('/fhir', service.router);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await service.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { base, server, close };
}

async function post(base: string, resource: unknown): Promise<string> {
  const response = await fetch(`${base}/${(resource as { resourceType: string }).resourceType}`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, prefer: 'return=minimal' },
    body: JSON.stringify(resource),
  });
  await expectStatus(response, 201, 'create');
  const location = response.headers.get('location') ?? '';
  return location.split('/').at(-3) ?? '';
}

async function get(url: string): Promise<void> {
  const response = await fetch(url);
  await expectStatus(response, 200, url);
  await response.arrayBuffer();
}

async function benchmark(base: string): Promise<string[][]> {
  const patients: string[] = [];
  for (let i = 0; i < PATIENTS; i++) {
    patients.push(await post(base, { resourceType: 'Patient', name: [{ family: `Bench${i}` }] }));
  }
  const observations: string[] = [];
  const rows: string[][] = [];
  for (const size of SIZES) {
    const first = observations.length;
    const writes = await measureAll(size - first, async (i) => {
      observations.push(await post(base, observation(pick(patients, first + i), first + i)));
    });
    const reads = await measure(READS, (i) => get(`${base}/Observation/${pick(observations, i)}`));
    const byCode = await measure(SEARCHES, (i) =>
      get(
        `${base}/Observation?patient=${pick(patients, i)}&code=${encodeURIComponent(`${CODE_SYSTEM}|${pick(CODES, i)}`)}`,
      ),
    );
    const byDate = await measure(SEARCHES, (i) =>
      get(`${base}/Observation?patient=${pick(patients, i)}&date=ge2022-01-01&_sort=-date&_count=10`),
    );
    rows.push(
      [size, writes, reads, byCode, byDate].map((v) =>
        typeof v === 'number' ? v.toLocaleString('en-GB') : format(v),
      ),
    );
  }
  return rows;
}

/** Like {@link measure} but without the time cap: the store must reach its size. */
async function measureAll(count: number, fn: (i: number) => Promise<void>): Promise<Rate> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ops: count, perSecond: count / ((performance.now() - started) / 1000) };
}

function format(rate: Rate): string {
  return `${rate.perSecond.toFixed(rate.perSecond < 100 ? 1 : 0)} /s (n=${rate.ops})`;
}

function printTable(rows: string[][]): void {
  const header = [
    'Observations',
    'writes (POST, validated, fsync)',
    'reads by id',
    'patient+code search',
    'patient+date+_sort+_count search',
  ];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Boot cost of a persistent store: replaying the log just written (validation is skipped on replay). */
async function measureReplay(dataDir: string): Promise<string> {
  const started = performance.now();
  const repo = await SandboxRepository.open(dataDir);
  const ms = performance.now() - started;
  await repo.close();
  const lines = (await fs.readFile(path.join(dataDir, 'fhir.ndjson'), 'utf8')).split('\n').length - 1;
  return `replay of ${lines.toLocaleString('en-GB')} log lines: ${ms.toFixed(0)} ms`;
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-bench-'));
  const started = performance.now();
  const server = await start(dataDir);
  try {
    const rows = await benchmark(server.base);
    console.log(
      `Sandbox FHIR benchmark: ${CONCURRENCY} in flight, Node ${process.version}, ${os.cpus().length} CPUs`,
    );
    printTable(rows);
    const log = await fs.stat(path.join(dataDir, 'fhir.ndjson'));
    const rss = (process.memoryUsage().rss / 1e6).toFixed(0);
    await server.close();
    console.log(`log ${(log.size / 1e6).toFixed(1)} MB; RSS ${rss} MB; ${await measureReplay(dataDir)}`);
    console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
