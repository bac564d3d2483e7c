/**
 * The load process: keep-alive `node:http` clients, a fixed number of connections per phase, each sending the same
 * body with a fresh client JWT per request (signed before timing). Latency is measured per request, from send to the
 * end of the response.
 */

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { SERVICE_PATH } from './fixture.ts';
import { signTokens } from './keys.ts';
import type { BenchAlgorithm, Phase } from './options.ts';

export interface LoadResult {
  readonly count: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LoadRequest {
  readonly port: number;
  readonly dir: string;
  readonly alg: BenchAlgorithm;
  readonly bodyFile: string;
  readonly phases: readonly Phase[];
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
      const headers = {
        'content-type': 'application/json',
        'content-length': body.length,
        authorization: `Bearer ${tokens.pop() ?? ''}`,
      };
      const req = http.request(
        { host: '127.0.0.1', port, path: SERVICE_PATH, method: 'POST', agent, headers },
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
  return {
    count: latencies.length,
    errors,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export function loadRole(): void {
  process.on('message', async (m: LoadRequest) => {
    const body = await readFile(m.bodyFile);
    const tokens = await signTokens(
      m.dir,
      m.alg,
      m.phases.reduce((n, p) => n + p.requests, 0),
    );
    const results: Record<string, LoadResult> = {};
    for (const phase of m.phases) results[phase.name] = await runPhase(m.port, body, tokens, phase);
    process.send?.({ type: 'results', results });
  });
  process.send?.({ type: 'ready' });
}
