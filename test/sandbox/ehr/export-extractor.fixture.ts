import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runExtraction } from '../../../src/extract/index.ts';
import type { ExportExtractor, ExportPeriod } from '../../../src/sandbox/ehr/export-job.store.ts';

const SNOMED = 'http://snomed.info/sct';

/** Two synthetic patients with a DVA enquiry each in February 2026, as Bulk Data NDJSON. */
const FILES: Readonly<Record<string, readonly object[]>> = {
  'Patient.ndjson': [
    { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1990-01-01' },
    { resourceType: 'Patient', id: 'p2', gender: 'male', birthDate: '1980-01-01' },
  ],
  'Observation.ndjson': ['p1', 'p2'].map((id) => ({
    resourceType: 'Observation',
    id: `o-${id}`,
    status: 'final',
    code: { coding: [{ system: SNOMED, code: '700410005' }] },
    subject: { reference: `Patient/${id}` },
    effectiveDateTime: '2026-02-10',
  })),
};

/**
 * An extractor for route and store tests: the real extraction over a small NDJSON folder, held until the test
 * releases it (or made to throw), so "running" can be observed deterministically.
 */
export interface GatedExtractor {
  readonly extract: ExportExtractor;
  readonly calls: ExportPeriod[];
  /** Lets the oldest waiting run go on. */
  release(): void;
  /** Releases every waiting run and lets all later ones through (for clean-up). */
  open(): void;
  /** The next run throws this instead of extracting. */
  failNextWith(err: unknown): void;
  waiting(): number;
  close(): Promise<void>;
}

export async function createGatedExtractor(): Promise<GatedExtractor> {
  const source = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-export-fixture-'));
  for (const [name, lines] of Object.entries(FILES)) {
    await writeFile(path.join(source, name), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  }
  const gates: (() => void)[] = [];
  const calls: ExportPeriod[] = [];
  let failure: { err: unknown } | undefined;
  let opened = false;
  const extract: ExportExtractor = async (period, outDir) => {
    calls.push(period);
    if (!opened) await new Promise<void>((resolve) => gates.push(resolve));
    const planned = failure;
    failure = undefined;
    if (planned) throw planned.err;
    const { summary } = await runExtraction({ source, outDir, from: period.from, to: period.to });
    return summary;
  };
  return {
    extract,
    calls,
    release: () => gates.shift()?.(),
    open: () => {
      opened = true;
      for (const resolve of gates.splice(0)) resolve();
    },
    failNextWith: (err) => {
      failure = { err };
    },
    waiting: () => gates.length,
    close: () => rm(source, { recursive: true, force: true }),
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
