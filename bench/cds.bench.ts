/**
 * `npm run bench:cds` — CDS Hooks `patient-view` with a full prefetch (~600 resources, ~190 kB) against a baseline
 * measured in the same run: a bare `node:http` server that parses the same body and returns a fixed card. Load comes
 * from a separate process (keep-alive `node:http`, tokens signed before timing). Then the same service with no
 * prefetch, calling back to the sandbox FHIR server in the same process. One file, three roles (`--role=`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { FhirResource as Resource } from 'fhir/r4.js';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

const SELF = fileURLToPath(import.meta.url);
const ISS = 'https://bench.invalid/ehr';
const PATIENT = 'bench-patient';
const PATH = '/cds-services/safe-enquiry-patient-view';
type Mode = 'baseline' | 'cds' | 'cds-callback';
interface Phase {
  readonly name: string;
  readonly concurrency: number;
  readonly requests: number;
}
interface LoadResult {
  readonly count: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

/** ~600 synthetic resources; filler codes use an obviously fake system (urn:bench:filler), two self-harm codes make a card fire. */
function buildResources(): Resource[] {
  const subject = { reference: `Patient/${PATIENT}` };
  const filler = (i: number) => ({
    coding: [{ system: 'urn:bench:filler', code: `filler-${i % 97}`, display: `Filler ${i % 97}` }],
  });
  const day = (i: number) =>
    `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00Z`;
  const out: Resource[] = [
    { resourceType: 'Patient', id: PATIENT, birthDate: '1988-02-03', gender: 'female' },
  ];
  for (let i = 0; i < 110; i++)
    out.push({
      resourceType: 'Encounter',
      id: `enc-${i}`,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      subject,
      period: { start: day(i) },
      type: [filler(i)],
    });
  for (let i = 0; i < 150; i++)
    out.push({
      resourceType: 'Condition',
      id: `cond-${i}`,
      subject,
      code: filler(i + 1000),
      onsetDateTime: day(i),
    });
  for (let i = 0; i < 80; i++)
    out.push({
      resourceType: 'Procedure',
      id: `proc-${i}`,
      status: 'completed',
      subject,
      code: filler(i + 2000),
      performedDateTime: day(i),
    });
  for (let i = 0; i < 230; i++)
    out.push({
      resourceType: 'Observation',
      id: `obs-${i}`,
      status: 'final',
      subject,
      code: filler(i + 3000),
      effectiveDateTime: day(i),
      valueQuantity: { value: 60 + (i % 40), unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    });
  for (let i = 0; i < 28; i++)
    out.push({
      resourceType: 'Flag',
      id: `flag-${i}`,
      status: 'active',
      subject,
      code: filler(i + 4000),
      period: { start: day(i) },
    });
  const selfHarm = (id: string, date: string, code: string): Resource => ({
    resourceType: 'Condition',
    id,
    subject,
    code: { coding: [{ system: 'http://snomed.info/sct', code }] },
    onsetDateTime: date,
  });
  out.push(selfHarm('sh-1', '2026-01-05', '276853009'), selfHarm('sh-2', '2026-04-01', '271982007'));
  return out;
}

function prefetchOf(resources: readonly Resource[]): Record<string, unknown> {
  const bundle = (type: string) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources
      .filter((r) => r.resourceType === type)
      .map((resource) => ({ resource, search: { mode: 'match' } })),
  });
  return {
    patient: resources[0],
    encounters: bundle('Encounter'),
    conditions: bundle('Condition'),
    procedures: bundle('Procedure'),
    observations: bundle('Observation'),
    flags: bundle('Flag'),
  };
}

function fullRequest(resources: readonly Resource[]) {
  const context = { userId: 'Practitioner/bench-gp', patientId: PATIENT };
  return { hook: 'patient-view', hookInstance: randomUUID(), context, prefetch: prefetchOf(resources) };
}

// ---------- role: server ----------
async function startServer(mode: Mode, dir: string): Promise<{ port: number }> {
  if (mode === 'baseline') {
    const card = JSON.stringify({
      cards: [
        { uuid: randomUUID(), summary: 'Fixed card', indicator: 'info', source: { label: 'Baseline' } },
      ],
    });
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end(card);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port };
  }
  const { createCdsApp } = await import('../src/hooks/index.ts');
  const { openStateStore } = await import('../src/state/index.ts');
  const jwk = JSON.parse(await readFile(path.join(dir, 'public.jwk'), 'utf8')) as JWK;
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  if (mode === 'cds-callback') {
    const { createFhirService } = await import('../src/sandbox/fhir/index.ts');
    const fhir = await createFhirService({ baseUrl: `http://127.0.0.1:${port}/fhir` });
    for (const r of buildResources()) await fhir.repo.createResource(r as never);
    app.use('/fhir', fhir.router);
  }
  const state = await openStateStore(path.join(dir, `state-${mode}.sqlite`));
  const cds = await createCdsApp(
    {
      publicBaseUrl: 'https://bench.invalid',
      trustedClients: [{ iss: ISS, jwks: { keys: [jwk] } }],
      appLaunchUrl: 'https://bench.invalid/app/launch',
    },
    { state, now: () => new Date('2026-06-10T09:00:00Z') },
  );
  app.use('/cds-services', cds.router);
  return { port };
}

async function serverRole(): Promise<void> {
  const { port } = await startServer(arg('mode') as Mode, arg('dir') ?? '');
  let peak = process.memoryUsage();
  let cpu = process.cpuUsage();
  setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 50).unref();
  process.on('message', (m: { type: string }) => {
    const used = process.cpuUsage(cpu);
    if (m.type === 'rss') process.send?.({ type: 'rss', peak: peak.rss, heap: peak.heapTotal, external: peak.external, cpuMs: (used.user + used.system) / 1000 });
    if (m.type === 'reset') {
      peak = process.memoryUsage();
      cpu = process.cpuUsage();
    }
    if (m.type === 'exit') process.exit(0);
  });
  process.send?.({ type: 'ready', port });
}

// ---------- role: load ----------
async function signTokens(count: number, dir: string): Promise<string[]> {
  const jwk = JSON.parse(await readFile(path.join(dir, 'private.jwk'), 'utf8')) as JWK;
  const key = await importJWK(jwk, 'ES384');
  const iat = Math.floor(new Date('2026-06-10T09:00:00Z').getTime() / 1000);
  return Promise.all(
    Array.from({ length: count }, () =>
      new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: jwk.kid ?? '' })
        .setIssuer(ISS)
        .setAudience(`https://bench.invalid${PATH}`)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 300)
        .sign(key),
    ),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runPhase(port: number, body: Buffer, tokens: string[], phase: Phase): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: phase.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let remaining = phase.requests;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: PATH,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${tokens.pop() ?? ''}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (remaining-- > 0) await one();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: phase.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function loadRole(): Promise<void> {
  process.on('message', async (m: { port: number; dir: string; bodyFile: string; phases: Phase[] }) => {
    const body = await readFile(m.bodyFile);
    const tokens = await signTokens(
      m.phases.reduce((n, p) => n + p.requests, 0),
      m.dir,
    );
    const results: Record<string, LoadResult> = {};
    for (const phase of m.phases) results[phase.name] = await runPhase(m.port, body, tokens, phase);
    process.send?.({ type: 'results', results });
  });
  process.send?.({ type: 'ready' });
}

// ---------- role: orchestrator ----------
function child(args: string[], flags: readonly string[] = []): ChildProcess {
  return fork(SELF, args, {
    execArgv: ['--import', 'tsx', ...flags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
function nextMessage<T>(c: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === type) {
        c.off('message', on);
        resolve(m as T);
      }
    };
    c.on('message', on);
  });
}

async function measure(mode: Mode, dir: string, bodyFile: string, phases: Phase[]) {
  const server = child(['--role=server', `--mode=${mode}`, `--dir=${dir}`]);
  const { port } = await nextMessage<{ port: number }>(server, 'ready');
  const load = child(['--role=load']);
  await nextMessage(load, 'ready');
  server.send({ type: 'reset' });
  load.send({ port, dir, bodyFile, phases });
  const { results } = await nextMessage<{ results: Record<string, LoadResult> }>(load, 'results');
  server.send({ type: 'rss' });
  const { peak, cpuMs } = await nextMessage<{ peak: number; cpuMs: number }>(server, 'rss');
  load.kill();
  server.send({ type: 'exit' });
  const requests = Object.values(results).reduce((n, r) => n + r.count, 0);
  return { results, peakRssMb: peak / 1024 / 1024, cpuMsPerRequest: cpuMs / requests };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-bench-'));
  try {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const kid = randomUUID();
    await writeFile(path.join(dir, 'private.jwk'), JSON.stringify({ ...(await exportJWK(privateKey)), kid }));
    await writeFile(
      path.join(dir, 'public.jwk'),
      JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: 'ES384' }),
    );
    const resources = buildResources();
    const full = path.join(dir, 'full.json');
    const bare = path.join(dir, 'callback.json');
    const { prefetch: _none, ...request } = fullRequest(resources);
    await writeFile(full, JSON.stringify(fullRequest(resources)));
    await writeFile(
      bare,
      JSON.stringify({
        ...request,
        fhirServer: 'http://127.0.0.1:0/fhir',
        fhirAuthorization: {
          access_token: 'bench',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.rs',
          subject: 'bench',
          patient: PATIENT,
        },
      }),
    );
    const bodyKb = (await readFile(full)).length / 1024;
    const phases: Phase[] = [
      { name: 'warmup', concurrency: 8, requests: 400 },
      { name: 'c32', concurrency: 32, requests: 6000 },
      { name: 'c1', concurrency: 1, requests: 1000 },
      { name: 'c4', concurrency: 4, requests: 2000 },
    ];
    const baseline = await measure('baseline', dir, full, phases);
    const cds = await measure('cds', dir, full, phases);
    const callback = await measureCallback(dir, bare);
    report(bodyKb, resources.length, baseline, cds, callback);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The callback body needs the server's own port as fhirServer, so it is written once the server is up. */
async function measureCallback(dir: string, bareFile: string) {
  const server = child(['--role=server', '--mode=cds-callback', `--dir=${dir}`]);
  const { port } = await nextMessage<{ port: number }>(server, 'ready');
  const body = JSON.parse(await readFile(bareFile, 'utf8')) as { fhirServer: string };
  body.fhirServer = `http://127.0.0.1:${port}/fhir`;
  await writeFile(bareFile, JSON.stringify(body));
  const load = child(['--role=load']);
  await nextMessage(load, 'ready');
  load.send({
    port,
    dir,
    bodyFile: bareFile,
    phases: [
      { name: 'warmup', concurrency: 1, requests: 30 },
      { name: 'c1', concurrency: 1, requests: 300 },
    ],
  });
  const { results } = await nextMessage<{ results: Record<string, LoadResult> }>(load, 'results');
  load.kill();
  server.kill();
  return results;
}

type Measured = Awaited<ReturnType<typeof measure>>;
function report(
  bodyKb: number,
  resources: number,
  baseline: Measured,
  cds: Measured,
  callback: Record<string, LoadResult>,
): void {
  const rps = (m: Measured) => (m.results.c32 ? m.results.c32.count / m.results.c32.seconds : 0);
  const ms = (n: number | undefined) => `${(n ?? 0).toFixed(2)} ms`;
  const ratio = rps(cds) / rps(baseline);
  const rows = [
    ['prefetch body', `${resources} resources, ${bodyKb.toFixed(0)} kB`, ''],
    [
      'requests/s @32 baseline / cds',
      `${rps(baseline).toFixed(0)} / ${rps(cds).toFixed(0)}`,
      `ratio ${ratio.toFixed(2)} (target >= 0.70)`,
    ],
    ['p50/p99 @1 baseline', `${ms(baseline.results.c1?.p50)} / ${ms(baseline.results.c1?.p99)}`, ''],
    ['p50/p99 @1 cds', `${ms(cds.results.c1?.p50)} / ${ms(cds.results.c1?.p99)}`, 'target p99 < 15 ms'],
    ['p50/p99 @4 baseline', `${ms(baseline.results.c4?.p50)} / ${ms(baseline.results.c4?.p99)}`, ''],
    ['p50/p99 @4 cds', `${ms(cds.results.c4?.p50)} / ${ms(cds.results.c4?.p99)}`, ''],
    [
      'server CPU per request baseline / cds',
      `${ms(baseline.cpuMsPerRequest)} / ${ms(cds.cpuMsPerRequest)}`,
      '',
    ],
    [
      'peak RSS under load baseline / cds',
      `${baseline.peakRssMb.toFixed(0)} / ${cds.peakRssMb.toFixed(0)} MB`,
      'target cds < 200 MB',
    ],
    [
      'p50/p99 @1 callbacks (no prefetch)',
      `${ms(callback.c1?.p50)} / ${ms(callback.c1?.p99)}`,
      'target p99 < 300 ms',
    ],
    [
      'errors (non-200)',
      `${[baseline, cds].map((m) => Object.values(m.results).reduce((n, r) => n + r.errors, 0)).join(' / ')} / ${Object.values(callback).reduce((n, r) => n + r.errors, 0)}`,
      '',
    ],
  ];
  for (const [name, value, note] of rows)
    console.log(`${(name ?? '').padEnd(36)} ${(value ?? '').padEnd(28)} ${note}`);
}

const role = arg('role');
if (role === 'fixture')
  await writeFile(arg('out') ?? 'cds-bench-request.json', JSON.stringify(fullRequest(buildResources())));
else if (role === 'server') await serverRole();
else if (role === 'load') await loadRole();
else await main();
