/**
 * `npm run bench:cds` — CDS Hooks `patient-view` with a full prefetch (~600 resources, ~190 kB) against a baseline
 * measured in the same run: a bare `node:http` server that parses the same body and returns a fixed card. Load comes
 * from a separate process (keep-alive `node:http`; ES384 client JWTs signed before timing). Then the service with no
 * prefetch, calling back to the sandbox FHIR server in its own process. One file, three roles (`--role=`).
 * Options: `--server-flags=<node flags for the server processes, comma-separated>` (e.g. `--max-semi-space-size=16`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FhirResource } from 'fhir/r4.js';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

const SELF = fileURLToPath(import.meta.url);
const ISS = 'https://bench.invalid/ehr';
const BASE = 'https://bench.invalid';
const PATIENT = 'bench-patient';
const PATH = '/cds-services/safe-enquiry-patient-view';
/** The service's clock, fixed so that the fixture's dates stay inside the rules' windows. */
const NOW = new Date('2026-06-10T09:00:00Z');
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
interface ServerStats {
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly cpuMsPerRequest: number;
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** ~600 synthetic resources; filler codes use an obviously fake system; two self-harm codes make a card fire. */
function buildResources(): FhirResource[] {
  const subject = { reference: `Patient/${PATIENT}` };
  const code = (i: number) => ({
    coding: [{ system: 'urn:bench:filler', code: `filler-${i % 97}`, display: `Filler ${i % 97}` }],
  });
  const day = (i: number) =>
    `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00Z`;
  const times = (n: number, make: (i: number) => FhirResource) =>
    Array.from({ length: n }, (_, i) => make(i));
  const amb = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' };
  const kg = (i: number) => ({
    value: 60 + (i % 40),
    unit: 'kg',
    system: 'http://unitsofmeasure.org',
    code: 'kg',
  });
  const selfHarm = (id: string, date: string, sct: string): FhirResource => ({
    resourceType: 'Condition',
    id,
    subject,
    code: { coding: [{ system: 'http://snomed.info/sct', code: sct }] },
    onsetDateTime: date,
  });
  return [
    { resourceType: 'Patient', id: PATIENT, birthDate: '1988-02-03', gender: 'female' },
    ...times(110, (i) => ({
      resourceType: 'Encounter',
      id: `e${i}`,
      status: 'finished',
      class: amb,
      subject,
      period: { start: day(i) },
      type: [code(i)],
    })),
    ...times(150, (i) => ({
      resourceType: 'Condition',
      id: `c${i}`,
      subject,
      code: code(i + 1),
      onsetDateTime: day(i),
    })),
    ...times(80, (i) => ({
      resourceType: 'Procedure',
      id: `p${i}`,
      status: 'completed',
      subject,
      code: code(i + 2),
      performedDateTime: day(i),
    })),
    ...times(230, (i) => ({
      resourceType: 'Observation',
      id: `o${i}`,
      status: 'final',
      subject,
      code: code(i + 3),
      effectiveDateTime: day(i),
      valueQuantity: kg(i),
    })),
    ...times(28, (i) => ({
      resourceType: 'Flag',
      id: `f${i}`,
      status: 'active',
      subject,
      code: code(i + 4),
      period: { start: day(i) },
    })),
    selfHarm('sh-1', '2026-01-05', '276853009'),
    selfHarm('sh-2', '2026-04-01', '271982007'),
  ];
}

function requestBody(resources: readonly FhirResource[], fhirServer?: string): string {
  const bundle = (type: string) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources
      .filter((r) => r.resourceType === type)
      .map((resource) => ({ resource, search: { mode: 'match' } })),
  });
  const base = {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/bench-gp', patientId: PATIENT },
  };
  if (fhirServer) {
    const auth = {
      access_token: 'bench',
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.rs',
      subject: 'bench',
      patient: PATIENT,
    };
    return JSON.stringify({ ...base, fhirServer, fhirAuthorization: auth });
  }
  const prefetch = {
    patient: resources[0],
    ...Object.fromEntries(
      ['Encounter', 'Condition', 'Procedure', 'Observation', 'Flag'].map((t) => [
        `${t.toLowerCase()}s`,
        bundle(t),
      ]),
    ),
  };
  return JSON.stringify({ ...base, prefetch });
}

// ---------- role: server ----------
async function baselineServer(): Promise<number> {
  const card = JSON.stringify({
    cards: [{ uuid: randomUUID(), summary: 'Fixed card', indicator: 'info', source: { label: 'Baseline' } }],
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
  return (server.address() as AddressInfo).port;
}

async function cdsServer(mode: Mode, dir: string): Promise<number> {
  const { default: express } = await import('express');
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
  const config = {
    publicBaseUrl: BASE,
    trustedClients: [{ iss: ISS, jwks: { keys: [jwk] } }],
    appLaunchUrl: `${BASE}/app/launch`,
  };
  app.use('/cds-services', (await createCdsApp(config, { state, now: () => NOW })).router);
  return port;
}

async function serverRole(): Promise<void> {
  const mode = arg('mode') as Mode;
  const port = mode === 'baseline' ? await baselineServer() : await cdsServer(mode, arg('dir') ?? '');
  let peak = process.memoryUsage();
  let cpu = process.cpuUsage();
  setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 50).unref();
  process.on('message', (m: { type: string; requests?: number }) => {
    if (m.type === 'reset') [peak, cpu] = [process.memoryUsage(), process.cpuUsage()];
    if (m.type === 'stats') {
      const used = process.cpuUsage(cpu);
      const mb = (n: number) => n / 1024 / 1024;
      const stats: ServerStats = {
        peakRssMb: mb(peak.rss),
        peakHeapMb: mb(peak.heapTotal),
        cpuMsPerRequest: (used.user + used.system) / 1000 / (m.requests ?? 1),
      };
      process.send?.({ type: 'stats', stats });
    }
    if (m.type === 'exit') process.exit(0);
  });
  process.send?.({ type: 'ready', port });
}

// ---------- role: load ----------
async function signTokens(count: number, dir: string): Promise<string[]> {
  const jwk = JSON.parse(await readFile(path.join(dir, 'private.jwk'), 'utf8')) as JWK;
  const key = await importJWK(jwk, 'ES384');
  const iat = Math.floor(NOW.getTime() / 1000);
  const sign = () =>
    new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: jwk.kid ?? '' })
      .setIssuer(ISS)
      .setAudience(`${BASE}${PATH}`)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(key);
  return Promise.all(Array.from({ length: count }, sign));
}

async function runPhase(port: number, body: Buffer, tokens: string[], phase: Phase): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: phase.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let remaining = phase.requests;
  const headers = (token: string) => ({
    'content-type': 'application/json',
    'content-length': body.length,
    authorization: `Bearer ${token}`,
  });
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port, path: PATH, method: 'POST', agent, headers: headers(tokens.pop() ?? '') },
        (res) => {
          res.resume().on('end', () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => resolve(void errors++));
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
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { count: latencies.length, errors, seconds, p50: at(50), p99: at(99) };
}

function loadRole(): void {
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
      if (m.type !== type) return;
      c.off('message', on);
      resolve(m as T);
    };
    c.on('message', on);
  });
}

type Measured = { readonly results: Record<string, LoadResult> } & ServerStats;

/** Starts a server process, then a load process; `body` may depend on the server's port (callbacks). */
async function measure(
  mode: Mode,
  dir: string,
  body: (port: number) => string,
  phases: Phase[],
): Promise<Measured> {
  const server = child(
    ['--role=server', `--mode=${mode}`, `--dir=${dir}`],
    arg('server-flags')?.split(',') ?? [],
  );
  const { port } = await nextMessage<{ port: number }>(server, 'ready');
  const bodyFile = path.join(dir, `${mode}.json`);
  await writeFile(bodyFile, body(port));
  const load = child(['--role=load']);
  await nextMessage(load, 'ready');
  server.send({ type: 'reset' });
  load.send({ port, dir, bodyFile, phases });
  const { results } = await nextMessage<{ results: Record<string, LoadResult> }>(load, 'results');
  server.send({ type: 'stats', requests: Object.values(results).reduce((n, r) => n + r.count, 0) });
  const { stats } = await nextMessage<{ stats: ServerStats }>(server, 'stats');
  load.kill();
  server.send({ type: 'exit' });
  return { results, ...stats };
}

function report(bodyKb: number, baseline: Measured, cds: Measured, callback: Measured): void {
  const rps = (m: Measured) => (m.results.c32 ? m.results.c32.count / m.results.c32.seconds : 0);
  const ms = (n: number | undefined) => `${(n ?? 0).toFixed(2)} ms`;
  const lat = (m: Measured, phase: string) => `${ms(m.results[phase]?.p50)} / ${ms(m.results[phase]?.p99)}`;
  const errors = [baseline, cds, callback].map((m) =>
    Object.values(m.results).reduce((n, r) => n + r.errors, 0),
  );
  const rows: [string, string, string][] = [
    ['prefetch body', `601 resources, ${bodyKb.toFixed(0)} kB`, ''],
    [
      'requests/s @32 baseline / cds',
      `${rps(baseline).toFixed(0)} / ${rps(cds).toFixed(0)}`,
      `ratio ${(rps(cds) / rps(baseline)).toFixed(2)} (target >= 0.70)`,
    ],
    ['p50 / p99 @1 baseline', lat(baseline, 'c1'), ''],
    ['p50 / p99 @1 cds', lat(cds, 'c1'), 'target p99 < 15 ms'],
    ['p50 / p99 @4 baseline', lat(baseline, 'c4'), ''],
    ['p50 / p99 @4 cds', lat(cds, 'c4'), ''],
    [
      'server CPU/request baseline / cds',
      `${ms(baseline.cpuMsPerRequest)} / ${ms(cds.cpuMsPerRequest)}`,
      'all threads',
    ],
    [
      'peak RSS baseline / cds',
      `${baseline.peakRssMb.toFixed(0)} / ${cds.peakRssMb.toFixed(0)} MB`,
      `cds heap ${cds.peakHeapMb.toFixed(0)} MB; target < 200 MB`,
    ],
    ['p50 / p99 @1 callbacks (no prefetch)', lat(callback, 'c1'), 'target p99 < 300 ms'],
    ['errors (non-200) baseline / cds / callbacks', errors.join(' / '), ''],
  ];
  for (const [name, value, note] of rows) console.log(`${name.padEnd(44)} ${value.padEnd(26)} ${note}`);
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
    const full = requestBody(resources);
    const phases: Phase[] = [
      { name: 'warmup', concurrency: 8, requests: 400 },
      { name: 'c32', concurrency: 32, requests: 6000 },
      { name: 'c1', concurrency: 1, requests: 1000 },
      { name: 'c4', concurrency: 4, requests: 2000 },
    ];
    const baseline = await measure('baseline', dir, () => full, phases);
    const cds = await measure('cds', dir, () => full, phases);
    const callbackPhases = [
      { name: 'warmup', concurrency: 1, requests: 30 },
      { name: 'c1', concurrency: 1, requests: 300 },
    ];
    const callback = await measure(
      'cds-callback',
      dir,
      (port) => requestBody(resources, `http://127.0.0.1:${port}/fhir`),
      callbackPhases,
    );
    report(Buffer.byteLength(full) / 1024, baseline, cds, callback);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const role = arg('role');
if (role === 'server') await serverRole();
else if (role === 'load') loadRole();
else await main();
