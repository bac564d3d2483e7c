import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'crash-server.fixture.ts',
);
const LOG_FILE = 'fhir.ndjson';

interface Running {
  readonly child: ChildProcess;
  readonly base: string;
}

interface Acknowledged {
  readonly reference: string;
  readonly versionId: string;
}

const children: ChildProcess[] = [];

function start(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [FIXTURE, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = /PORT (\d+)/.exec(output)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}/fhir` });
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function send(
  base: string,
  method: string,
  url: string,
  body: unknown,
): Promise<Acknowledged | undefined> {
  try {
    const response = await fetch(`${base}/${url}`, {
      method,
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201 && response.status !== 200) return undefined;
    const resource = (await response.json()) as {
      resourceType: string;
      id: string;
      meta: { versionId: string };
    };
    return { reference: `${resource.resourceType}/${resource.id}`, versionId: resource.meta.versionId };
  } catch {
    return undefined;
  }
}

/** One writer: creates a Patient, then keeps updating it; every 2xx is recorded as acknowledged. */
async function writer(
  base: string,
  worker: number,
  acked: Acknowledged[],
  stop: () => boolean,
): Promise<void> {
  const created = await send(base, 'POST', 'Patient', {
    resourceType: 'Patient',
    name: [{ family: `W${worker}` }],
  });
  if (!created) return;
  acked.push(created);
  const id = created.reference.split('/')[1];
  for (let n = 0; !stop(); n++) {
    const patient = { resourceType: 'Patient', id, name: [{ family: `W${worker}`, given: [`v${n}`] }] };
    const updated = await send(base, 'PUT', `Patient/${id}`, patient);
    if (!updated) return;
    acked.push(updated);
  }
}

afterEach(async () => {
  await Promise.all(children.splice(0).map(killHard));
});

describe('crash safety', () => {
  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fhir-crash-'));
    try {
      const first = await start(dataDir);
      const acked: Acknowledged[] = [];
      let stopped = false;
      let finished = false;
      const writers = Promise.all(
        Array.from({ length: 8 }, (_, i) => writer(first.base, i, acked, () => stopped)),
      );
      void writers.then(() => {
        finished = true;
      });
      while (acked.length < 300 && !finished) await new Promise((resolve) => setTimeout(resolve, 10));
      await killHard(first.child);
      stopped = true;
      await writers;

      const second = await start(dataDir);
      const missing: string[] = [];
      for (const { reference, versionId } of acked) {
        const response = await fetch(`${second.base}/${reference}/_history/${versionId}`);
        if (response.status !== 200) missing.push(`${reference}/_history/${versionId}`);
        await response.body?.cancel();
      }
      expect(acked.length).toBeGreaterThanOrEqual(300);
      expect(missing).toEqual([]);

      const after = await send(second.base, 'POST', 'Patient', {
        resourceType: 'Patient',
        name: [{ family: 'After' }],
      });
      expect(after).toBeDefined();
      await killHard(second.child);
      const third = await start(dataDir);
      const reread = await fetch(`${third.base}/${after?.reference}`);
      expect(reread.status).toBe(200);
      const log = await fs.readFile(path.join(dataDir, LOG_FILE), 'utf8');
      expect(log.endsWith('\n')).toBe(true);
    } finally {
      await Promise.all(children.splice(0).map(killHard));
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
