import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPgCluster } from '../state/pg-cluster.ts';
import { makeKey, type SigningKey } from './cds-harness.ts';

const BIN = path.resolve('bin/safe-enquiry.mjs');
const BASE = 'https://cds.example';
const ISS = 'https://ehr.example/ehr';

let dir: string;
let key: SigningKey;
let clientsFile: string;
let cluster: PgCluster;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-serve-'));
  key = await makeKey();
  clientsFile = path.join(dir, 'clients.json');
  await writeFile(clientsFile, JSON.stringify([{ iss: ISS, jwks: { keys: [key.publicJwk] } }]));
  cluster = await startPgCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Instance {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stdout: string[];
}

function serve(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_BASE_URL: BASE,
      CDS_CLIENTS_FILE: clientsFile,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        stdout.push(line);
        const event = JSON.parse(line) as { event: string; port?: number };
        if (event.event === 'serve.started')
          resolve({ child, url: `http://127.0.0.1:${event.port}`, stdout });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

function stop(instance: Instance): Promise<number | null> {
  return new Promise((resolve) => {
    instance.child.once('exit', (code) => resolve(code));
    instance.child.kill('SIGTERM');
  });
}

async function token(aud: string, jti = randomUUID()): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti })
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: key.kid })
    .setIssuer(ISS)
    .setAudience(aud)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(key.privateKey);
}

describe('safe-enquiry serve (production mode)', () => {
  it('lists every settings problem and exits 2', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', CDS_MAX_BODY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    for (const name of ['PORT', 'CDS_CLIENTS_FILE', 'CDS_MAX_BODY']) expect(stderr).toContain(name);
  });

  it('serves liveness, readiness and the CDS service; logs JSON without tokens; stops gracefully on SIGTERM', async () => {
    const instance = await serve({ DATABASE_URL: path.join(dir, 'state.sqlite') });
    expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${instance.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const jwt = await token(`${BASE}/cds-services`);
    const discovery = await fetch(`${instance.url}/cds-services`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(discovery.status).toBe(200);
    expect(await stop(instance)).toBe(0);
    const log = instance.stdout.join('\n');
    expect(log).toContain('"event":"http.request"');
    expect(log).not.toContain(jwt.split('.')[2]);
  });

  it('two instances sharing PostgreSQL share the jti replay cache', async () => {
    const [a, b] = await Promise.all([
      serve({ DATABASE_URL: cluster.url }),
      serve({ DATABASE_URL: cluster.url }),
    ]);
    try {
      const jwt = await token(`${BASE}/cds-services`);
      const call = (i: Instance) =>
        fetch(`${i.url}/cds-services`, { headers: { authorization: `Bearer ${jwt}` } });
      expect((await call(a)).status).toBe(200);
      expect((await call(b)).status).toBe(401);
    } finally {
      await Promise.all([stop(a), stop(b)]);
    }
  });
});
