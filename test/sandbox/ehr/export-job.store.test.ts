import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createExportJobStore,
  type ExportJob,
  type ExportJobStore,
} from '../../../src/sandbox/ehr/export-job.store.ts';
import { IssueType, OperationOutcomeError } from '../../../src/shared/index.ts';
import { createGatedExtractor, type GatedExtractor, waitFor } from './export-extractor.fixture.ts';

const PERIOD = { from: '2026-01', to: '2026-03' };

let gate: GatedExtractor;
let store: ExportJobStore;
let events: { event: string; fields: Readonly<Record<string, string | number>> }[];
let ids: number;

beforeEach(async () => {
  gate = await createGatedExtractor();
  events = [];
  ids = 0;
  store = createExportJobStore({
    extract: gate.extract,
    newId: () => `run-${++ids}`,
    now: () => new Date('2026-03-15T09:00:00Z'),
    log: (event, fields) => events.push({ event, fields }),
  });
});

afterEach(async () => {
  gate.open();
  await store.close();
  await gate.close();
});

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function finished(id: string): Promise<ExportJob> {
  await waitFor(() => (gate.waiting() > 0 ? true : undefined));
  gate.release();
  return waitFor(() => {
    const job = store.get(id);
    return job && job.state !== 'running' ? job : undefined;
  });
}

function runDirOf(job: ExportJob | undefined): string {
  if (job?.state !== 'done') throw new Error(`run not done: ${job?.state}`);
  return path.dirname(job.result.files.measuresCsv);
}

describe('export job store', () => {
  it('runs one extraction at a time and reports the busy run', async () => {
    const first = store.start(PERIOD);
    expect(first).toMatchObject({ kind: 'started', job: { id: 'run-1', state: 'running', period: PERIOD } });
    expect(store.start({ from: '2025-01', to: '2025-12' })).toMatchObject({
      kind: 'busy',
      job: { id: 'run-1' },
    });
    const done = await finished('run-1');
    expect(done).toMatchObject({
      state: 'done',
      result: { mode: 'directory', months: 3, recordsCounted: 2 },
    });
    expect(store.start(PERIOD)).toMatchObject({ kind: 'started', job: { id: 'run-2' } });
    await waitFor(() => (gate.calls.length === 2 ? true : undefined));
    expect(gate.calls).toEqual([PERIOD, PERIOD]);
  });

  it('keeps the last three runs and deletes the folders of older ones', async () => {
    store.start(PERIOD);
    const firstDir = runDirOf(await finished('run-1'));
    expect(await exists(path.join(firstDir, 'report.html'))).toBe(true);
    for (const id of ['run-2', 'run-3', 'run-4']) {
      store.start(PERIOD);
      await finished(id);
    }
    expect(store.recent().map((j) => j.id)).toEqual(['run-4', 'run-3', 'run-2']);
    expect(store.get('run-1')).toBeUndefined();
    await waitFor(async () => ((await exists(firstDir)) ? undefined : true));
    expect(await exists(runDirOf(store.get('run-2')))).toBe(true);
  });

  it('keeps only the OperationOutcome diagnostics of a failure, and nothing of an unexpected error', async () => {
    gate.failNextWith(
      OperationOutcomeError.of(502, {
        code: IssueType.exception,
        reason: 'extract-fhir-failed',
        diagnostics: 'FHIR server answered 503 for Observation',
      }),
    );
    store.start(PERIOD);
    expect(await finished('run-1')).toMatchObject({
      state: 'failed',
      diagnostics: ['FHIR server answered 503 for Observation'],
    });
    gate.failNextWith(new Error('/secret/path: stack-like detail'));
    store.start(PERIOD);
    expect(await finished('run-2')).toMatchObject({ state: 'failed', diagnostics: [] });
    expect(events.filter((e) => e.event === 'ehr-export-failed').map((e) => e.fields.reason)).toEqual([
      'extract-fhir-failed',
      'Error',
    ]);
    expect(JSON.stringify(events)).not.toContain('secret');
  });

  it('works under {dataDir}/exports, clears what an earlier process left, and removes it on close', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-export-data-'));
    try {
      const leftover = path.join(dataDir, 'exports', 'run-old');
      await mkdir(leftover, { recursive: true });
      await writeFile(path.join(leftover, 'measures.csv'), 'old');
      const persistent = createExportJobStore({ extract: gate.extract, dataDir, newId: () => 'run-x' });
      persistent.start(PERIOD);
      await waitFor(() => (gate.waiting() > 0 ? true : undefined));
      gate.release();
      const job = await waitFor(() =>
        persistent.get('run-x')?.state === 'done' ? persistent.get('run-x') : undefined,
      );
      expect(path.dirname(runDirOf(job))).toBe(path.join(dataDir, 'exports'));
      expect(await readdir(path.join(dataDir, 'exports'))).toEqual([path.basename(runDirOf(job))]);
      await persistent.close();
      expect(await exists(path.join(dataDir, 'exports'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
