import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Resource } from 'fhir/r4.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as extract } from '../../src/extract/extract.command.ts';
import { runExtraction } from '../../src/extract/index.ts';
import { createFhirService } from '../../src/sandbox/fhir/index.ts';
import {
  CODE,
  encounter,
  ndjson,
  observation,
  patient,
  removeDirs,
  tempDir,
} from './helpers/fhir-builders.ts';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(closers.splice(0).map((close) => close()));
  await removeDirs(dirs);
});

async function listen(app: Express): Promise<string> {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

async function out(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}

async function csvLines(dir: string): Promise<string[]> {
  return (await readFile(path.join(dir, 'measures.csv'), 'utf8')).split('\n');
}

describe('FHIR server source: paged search against the real sandbox FHIR server', () => {
  it('reads every page, then the referenced patients by _id, and counts like a folder', async () => {
    const app = express();
    const origin = await listen(app);
    const service = await createFhirService({ baseUrl: `${origin}/fhir` });
    closers.push(() => service.close());
    app.use('/fhir', service.router);
    const create = (resource: object) =>
      service.repo.createResource(resource as Parameters<typeof service.repo.createResource>[0]);
    for (let i = 0; i < 12; i++) {
      const p = await create(patient(`ignored-${i}`, { gender: 'male' }));
      const e = await create(encounter(`ignored-${i}`, p.id, '710'));
      await create(
        observation(`ignored-${i}`, p.id, CODE.disclosure, '2024-02-03', {
          encounter: { reference: `Encounter/${e.id}` },
        }),
      );
    }
    const target = await out();
    const { summary } = await runExtraction({ source: `${origin}/fhir`, outDir: target, pageSize: 5 });
    expect(summary.mode).toBe('search');
    expect(summary.resourcesRead).toBe(36);
    const lines = await csvLines(target);
    expect(lines).toContain('disclosure,2024-02,all,all,10');
    expect(lines).toContain('disclosure,2024-02,sex,male,10');
    expect(lines).toContain('disclosure,2024-02,setting,mental-health,10');
  });
});

interface BulkServerLog {
  polls: number;
  deleted: boolean;
  authorised: string[];
}

const TOKEN = 'synthetic-test-token';

/** A small fake Bulk Data server (test only): $export kick-off, two "in progress" polls, a manifest, files. */
async function startBulkServer(
  files: Record<string, readonly Resource[]>,
): Promise<{ base: string; log: BulkServerLog }> {
  const log: BulkServerLog = { polls: 0, deleted: false, authorised: [] };
  const app = express();
  const origin = await listen(app);
  app.use((req, res) => {
    log.authorised.push(`${req.method} ${req.path} ${req.headers.authorization === `Bearer ${TOKEN}`}`);
    if (req.path === '/fhir/metadata') {
      res.json({
        resourceType: 'CapabilityStatement',
        rest: [
          {
            mode: 'server',
            operation: [
              { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
            ],
          },
        ],
      });
    } else if (req.path === '/fhir/$export' && req.headers.prefer === 'respond-async') {
      res.status(202).set('content-location', `${origin}/status/1`).end();
    } else if (req.path === '/status/1' && req.method === 'DELETE') {
      log.deleted = true;
      res.status(202).end();
    } else if (req.path === '/status/1' && ++log.polls < 3) {
      res
        .status(202)
        .set({ 'retry-after': '0', 'x-progress': `${log.polls * 40}%` })
        .end();
    } else if (req.path === '/status/1') {
      const output = Object.keys(files).map((name) => ({
        type: name.split('.')[0],
        url: `${origin}/files/${name}`,
      }));
      res.json({
        transactionTime: '2025-01-01T00:00:00Z',
        request: `${origin}/fhir/$export`,
        requiresAccessToken: true,
        output,
        error: [{ type: 'OperationOutcome', url: `${origin}/files/errors` }],
      });
    } else if (req.path === '/files/errors') {
      res
        .type('application/fhir+ndjson')
        .send(
          `${JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] })}\n`,
        );
    } else if (req.path.startsWith('/files/') && req.headers.authorization === `Bearer ${TOKEN}`) {
      res.type('application/fhir+ndjson').send(ndjson(files[req.path.slice(7)] ?? []));
    } else
      res
        .status(404)
        .json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  });
  return { base: `${origin}/fhir`, log };
}

describe('FHIR server source: Bulk Data $export', () => {
  it('kicks off, polls until complete, downloads with the token, counts errors and deletes the export', async () => {
    const patients = Array.from({ length: 9 }, (_, i) => patient(`p${i}`));
    const { base, log } = await startBulkServer({
      'Observation.ndjson': patients.map((p, i) =>
        observation(`o${i}`, p.id ?? '', CODE.marac, '2024-05-05', {
          encounter: { reference: `Encounter/e${i}` },
        }),
      ),
      'Patient.ndjson': patients,
      'Encounter.ndjson': patients.map((p, i) => encounter(`e${i}`, p.id ?? '', '600')),
    });
    const target = await out();
    const { summary } = await runExtraction({
      source: base,
      outDir: target,
      token: TOKEN,
      pollTiming: { sleep: async () => {}, defaultDelayMs: 0, maxDelayMs: 0, maxPolls: 10 },
    });
    expect(summary.mode).toBe('export');
    expect(log.polls).toBe(3);
    expect(log.deleted).toBe(true);
    expect(log.authorised.every((line) => line.endsWith('true'))).toBe(true);
    expect(summary.dataQuality.exportErrors).toBe(1);
    const lines = await csvLines(target);
    expect(lines).toContain('marac-referral,2024-05,all,all,10');
    expect(lines).toContain('marac-referral,2024-05,setting,general-practice,10');
  });
});

describe('FHIR server errors exit 1 with the OperationOutcome on one line', () => {
  let stderr: string[] = [];
  beforeEach(() => {
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  it('a 401 from a search', async () => {
    const app = express();
    app.get('/fhir/metadata', (_req, res) => {
      res.json({ resourceType: 'CapabilityStatement', rest: [{ mode: 'server' }] });
    });
    app.use((_req, res) => {
      res.status(401).json({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'security', diagnostics: 'Token expired' }],
      });
    });
    const origin = await listen(app);
    vi.stubEnv('SAFE_ENQUIRY_FHIR_TOKEN', TOKEN);
    expect(await extract(['--source', `${origin}/fhir`, '--out', await out()])).toBe(1);
    vi.unstubAllEnvs();
    const text = stderr.join('');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toMatch(
      /HTTP 401 for GET http:\/\/127\.0\.0\.1:\d+\/fhir\/Observation \(error\/security: Token expired\)/,
    );
    expect(text).not.toContain(TOKEN);
  });

  it('a server that cannot be reached', async () => {
    const app = express();
    const origin = await listen(app);
    await closers.pop()?.();
    expect(await extract(['--source', `${origin}/fhir`, '--out', await out()])).toBe(1);
    expect(stderr.join('')).toMatch(
      /cannot reach FHIR server: GET http:\/\/127\.0\.0\.1:\d+\/fhir\/metadata/,
    );
  });
});
