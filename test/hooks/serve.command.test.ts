import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPgCluster } from '../state/pg-cluster.ts';
import { makeKey, type SigningKey } from './cds-harness.ts';
import { FHIR_TOKEN, type FhirTestServer, startFhir } from './fhir-test-server.ts';

/** `safe-enquiry serve` as real processes, the way a deployment runs it (docs/production.md). */
const BIN = path.resolve('bin/safe-enquiry.mjs');
const BASE = 'https://cds.example';
const FHIR_BASE = 'https://ehr.example/fhir';
const ISS = 'https://ehr.example/ehr';
const SERVICE = '/cds-services/safe-enquiry-patient-view';
const DIRECTORY = [{ id: 'local-idva', target: 'idva', name: 'Example IDVA Service', phone: '01632 960999' }];

let dir: string;
let key: SigningKey;
let clientsFile: string;
let directoryFile: string;
let cluster: PgCluster;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-serve-'));
  key = await makeKey();
  clientsFile = path.join(dir, 'clients.json');
  directoryFile = path.join(dir, 'directory.json');
  await writeFile(clientsFile, JSON.stringify([{ iss: ISS, jwks: { keys: [key.publicJwk] } }]));
  await writeFile(directoryFile, JSON.stringify(DIRECTORY));
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

function spawnServe(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [BIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_BASE_URL: BASE,
      FHIR_BASE_URL: FHIR_BASE,
      CDS_CLIENTS_FILE: clientsFile,
      REFERRAL_DIRECTORY_FILE: directoryFile,
      DATABASE_URL: path.join(dir, `state-${randomUUID()}.sqlite`),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function serve(env: Record<string, string> = {}): Promise<Instance> {
  const child = spawnServe(env);
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

/** Runs serve expecting it to refuse to start; resolves with its exit code and stderr. */
async function refused(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawnServe(env);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
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

describe('safe-enquiry serve: settings are checked before anything starts', () => {
  it('lists every settings problem and exits 2', async () => {
    const { code, stderr } = await refused({
      PORT: 'eighty',
      CDS_MAX_BODY: '1',
      CDS_CLIENTS_FILE: '',
      PUBLIC_BASE_URL: 'http://cds.example',
      TRUST_PROXY: 'nonsense',
    });
    expect(code).toBe(2);
    for (const name of ['PORT', 'CDS_CLIENTS_FILE', 'CDS_MAX_BODY', 'PUBLIC_BASE_URL', 'TRUST_PROXY'])
      expect(stderr).toContain(name);
  });

  it('names unreadable files and a missing app bundle together, telling how to build it', async () => {
    const empty = await mkdtemp(path.join(dir, 'no-bundle-'));
    const { code, stderr } = await refused({
      CDS_CLIENTS_FILE: path.join(dir, 'missing-clients.json'),
      REFERRAL_DIRECTORY_FILE: clientsFile,
      APP_DIST_DIR: empty,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('CDS_CLIENTS_FILE');
    expect(stderr).toContain('REFERRAL_DIRECTORY_FILE');
    expect(stderr).toContain('run npm run build:app');
  });
});

describe('safe-enquiry serve (production mode)', () => {
  it('serves liveness, readiness, the CDS service and the SMART app; logs JSON without tokens; stops on SIGTERM', async () => {
    const instance = await serve();
    expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${instance.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const jwt = await token(`${BASE}/cds-services`);
    const discovery = await fetch(`${instance.url}/cds-services`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(discovery.status).toBe(200);
    expect((await fetch(`${instance.url}/app/`)).headers.get('content-type')).toMatch(/^text\/html/);
    const config = (await (await fetch(`${instance.url}/app/config.json`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      redirectUri: `${BASE}/app/`,
      fhirBaseUrl: FHIR_BASE,
      allowedIssuers: [FHIR_BASE],
      directory: DIRECTORY,
    });
    expect((await fetch(`${instance.url}/nothing-here`)).status).toBe(404);
    expect(await stop(instance)).toBe(0);
    const log = instance.stdout.join('\n');
    expect(log).toContain('"event":"http.request"');
    expect(log).toContain('"route":"/app"');
    expect(log).not.toContain(jwt.split('.')[2]);
  });

  it('finishes a request in flight when told to stop, then exits 0', async () => {
    const fhir: FhirTestServer = await startFhir();
    const instance = await serve({
      FHIR_BASE_URL: fhir.base,
      CDS_REQUIRE_HTTPS_FHIR: 'false',
      CDS_PREFETCH_BUDGET_MS: '3000',
    });
    try {
      fhir.misbehave({ prefix: 'Patient', delayMs: 800 });
      const body = {
        hook: 'patient-view',
        hookInstance: randomUUID(),
        fhirServer: fhir.base,
        fhirAuthorization: {
          access_token: FHIR_TOKEN,
          token_type: 'Bearer',
          scope: 'user/*.rs',
          subject: 'x',
        },
        context: { userId: 'Practitioner/sandbox-gp', patientId: 'nobody' },
      };
      const pending = fetch(`${instance.url}${SERVICE}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await token(`${BASE}${SERVICE}`)}`,
        },
        body: JSON.stringify(body),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = stop(instance);
      const res = await pending;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ cards: [] });
      expect(await exited).toBe(0);
      const events = instance.stdout.map((line) => JSON.parse(line) as { event: string; route?: string });
      const stopping = events.findIndex((e) => e.event === 'serve.stopping');
      const answered = events.findIndex((e) => e.event === 'http.request' && e.route === '/cds-services');
      expect(stopping).toBeGreaterThanOrEqual(0);
      expect(answered).toBeGreaterThan(stopping);
    } finally {
      await fhir.close();
    }
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
      expect((await call(a)).status).toBe(401);
    } finally {
      await Promise.all([stop(a), stop(b)]);
    }
  });
});
