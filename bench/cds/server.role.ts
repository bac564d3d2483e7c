/**
 * The server processes: the baseline (bare `node:http`, parses the body, returns a fixed card), the CDS service with
 * a full prefetch, and the CDS service calling back to the sandbox FHIR server (in the same process). Each reports
 * its own resource use to the orchestrator: peak RSS, heap, CPU per request (all threads, and the main thread alone)
 * and garbage-collection pauses.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { BASE, buildResources, ISS, NOW } from './fixture.ts';
import { readPublicJwks } from './keys.ts';
import type { BenchState } from './options.ts';

export type ServerMode = 'baseline' | 'cds' | 'cds-callback';

export interface ServerStats {
  /** RSS once started, before any request. */
  readonly idleRssMb: number;
  readonly peakRssMb: number;
  /** V8 heap and memory outside it (Buffers, native) at the RSS peak. */
  readonly peakHeapMb: number;
  readonly peakExternalMb: number;
  /** Size of V8's young generation (new space) at the end of the load. */
  readonly newSpaceMb: number;
  readonly cpuMsPerRequest: number;
  readonly mainThreadMsPerRequest: number;
  readonly gcMsPerRequest: number;
  readonly gcMaxPauseMs: number;
}

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

async function cdsServer(mode: ServerMode, dir: string, store: BenchState, threads: number): Promise<number> {
  const { default: express } = await import('express');
  const { createCdsApp } = await import('../../src/hooks/index.ts');
  const { openStateStore } = await import('../../src/state/index.ts');
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  if (mode === 'cds-callback') {
    const { createFhirService } = await import('../../src/sandbox/fhir/index.ts');
    const fhir = await createFhirService({ baseUrl: `http://127.0.0.1:${port}/fhir` });
    for (const r of buildResources()) await fhir.repo.createResource(r as never);
    app.use('/fhir', fhir.router);
  }
  const file = path.join(dir, `state-${mode}-${process.pid}.sqlite`);
  const state = await openStateStore(store === 'memory' ? ':memory:' : file);
  const config = {
    publicBaseUrl: BASE,
    trustedClients: [{ iss: ISS, jwks: { keys: await readPublicJwks(dir) } }],
    appLaunchUrl: `${BASE}/app/launch`,
    evaluationThreads: threads,
  };
  app.use('/cds-services', (await createCdsApp(config, { state, now: () => NOW })).router);
  return port;
}

function gcObserver(): { readonly totals: () => { ms: number; maxMs: number }; reset(): void } {
  let ms = 0;
  let maxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      ms += entry.duration;
      maxMs = Math.max(maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    totals: () => ({ ms, maxMs }),
    reset() {
      ms = 0;
      maxMs = 0;
    },
  };
}

const mb = (n: number) => n / 1024 / 1024;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** Samples memory every 20 ms and answers the orchestrator's `reset`, `stats` and `exit`. */
function reportResources(): void {
  const idle = process.memoryUsage();
  let peak = idle;
  let cpu = process.cpuUsage();
  let main = process.threadCpuUsage();
  const gc = gcObserver();
  setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 20).unref();
  process.on('message', (m: { type: string; requests?: number }) => {
    if (m.type === 'reset') {
      [peak, cpu, main] = [process.memoryUsage(), process.cpuUsage(), process.threadCpuUsage()];
      gc.reset();
    }
    if (m.type === 'stats') {
      const n = m.requests ?? 1;
      const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      const stats: ServerStats = {
        idleRssMb: mb(idle.rss),
        peakRssMb: mb(peak.rss),
        peakHeapMb: mb(peak.heapTotal),
        peakExternalMb: mb(peak.external),
        newSpaceMb: mb(newSpace?.space_size ?? 0),
        cpuMsPerRequest: cpuMs(process.cpuUsage(cpu)) / n,
        mainThreadMsPerRequest: cpuMs(process.threadCpuUsage(main)) / n,
        gcMsPerRequest: gc.totals().ms / n,
        gcMaxPauseMs: gc.totals().maxMs,
      };
      process.send?.({ type: 'stats', stats });
    }
    if (m.type === 'exit') process.exit(0);
  });
}

export async function serverRole(
  mode: ServerMode,
  dir: string,
  state: BenchState,
  threads: number,
): Promise<void> {
  const port = mode === 'baseline' ? await baselineServer() : await cdsServer(mode, dir, state, threads);
  reportResources();
  process.send?.({ type: 'ready', port });
}
