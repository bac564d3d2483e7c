import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeShardResults, runExtraction } from '../../src/extract/index.ts';
import { generateBulkCorpus } from './helpers/bulk-corpus.ts';
import {
  CODE,
  encounter,
  observation,
  patient,
  removeDirs,
  tempDir,
  writeNdjsonDir,
} from './helpers/fhir-builders.ts';

const dirs: string[] = [];
afterEach(() => removeDirs(dirs));

async function extract(files: Parameters<typeof writeNdjsonDir>[0], raw: Record<string, string> = {}) {
  const source = await writeNdjsonDir(files);
  for (const [name, text] of Object.entries(raw)) await writeFile(path.join(source, name), text);
  const out = await tempDir();
  dirs.push(source, out);
  return (await runExtraction({ source, outDir: out })).summary;
}

describe('a folder of Bulk Data NDJSON', () => {
  it('reads several files per type, plain and gzipped, Patients and Encounters first in file order', async () => {
    const summary = await extract({
      'A-first.ndjson': [patient('p1', { gender: 'male' })],
      'Encounter.ndjson.gz': [encounter('e1', 'p1', '710')],
      'Observation.000.ndjson': [
        observation('o1', 'p1', CODE.disclosure, '2024-03-02', { encounter: { reference: 'Encounter/e1' } }),
      ],
      'Observation.001.ndjson.gz': [observation('o2', 'p2', CODE.idva, '2024-03-02')],
    });
    expect(summary.resourcesRead).toBe(4);
    expect(summary.recordsCounted).toBe(2);
    expect(summary.dataQuality.patientsNotFound).toBe(1);
    expect(summary.dataQuality.encountersNotFound).toBe(0);
    expect(summary.dataQuality.resourcesRead).toEqual({ Patient: 1, Encounter: 1, Observation: 2 });
  });

  it('counts malformed lines with file and line and skips them', async () => {
    const good = JSON.stringify(observation('o1', 'p1', CODE.disclosure, '2024-03-02'));
    const summary = await extract({
      'Observation.ndjson': `${good}\nnot json\n[1,2]\n{"resourceType":"Observation"`,
    });
    expect(summary.dataQuality.malformedLines).toBe(3);
    expect(summary.dataQuality.malformedExamples).toEqual([
      { file: 'Observation.ndjson', line: 2, reason: 'not valid JSON' },
      { file: 'Observation.ndjson', line: 3, reason: 'not a FHIR resource (no resourceType)' },
      { file: 'Observation.ndjson', line: 4, reason: 'not valid JSON' },
    ]);
    expect(summary.recordsCounted).toBe(1);
  });

  it('lists files of types the dataset does not use without reading them, and notes a corrupt gzip', async () => {
    const summary = await extract(
      {
        'MedicationRequest.ndjson': [{ resourceType: 'MedicationRequest', id: 'm' } as never],
        'Condition.ndjson': [observation('o1', 'p1', CODE.disclosure, '2024-03-02')],
      },
      { 'Observation.ndjson.gz': 'not gzip at all' },
    );
    expect(summary.dataQuality.skippedFiles).toEqual([
      { file: 'MedicationRequest.ndjson', reason: 'MedicationRequest is not used by the dataset' },
      { file: 'Observation.ndjson.gz', reason: 'stopped after line 0: Z_DATA_ERROR' },
    ]);
    expect(summary.dataQuality.typeMismatches).toBe(1);
    expect(summary.recordsCounted).toBe(1);
  });

  it('works out the type of a file not named by type from its first line', async () => {
    const summary = await extract({
      'export-part-1.ndjson': [patient('p1', { gender: 'male' })],
      'export-part-2.ndjson': [observation('o1', 'p1', CODE.disclosure, '2024-03-02')],
    });
    expect(summary.dataQuality.patientsNotFound).toBe(0);
    expect(summary.recordsCounted).toBe(1);
  });
});

describe('the benchmark corpus', () => {
  it('is read whole, with records counted, and two shards merge to the single run', async () => {
    const source = await tempDir('extract-corpus-');
    const [single, a, b, merged] = await Promise.all([tempDir(), tempDir(), tempDir(), tempDir()]);
    dirs.push(source, single, a, b, merged);
    expect(await generateBulkCorpus(source, 5_000)).toBe(5_000);
    const now = () => new Date('2025-01-01T00:00:00Z');
    const { summary } = await runExtraction({ source, outDir: single, now });
    expect(summary.resourcesRead).toBe(5_000);
    expect(summary.recordsCounted).toBeGreaterThan(50);
    await runExtraction({ source, outDir: a, now, shard: { index: 1, count: 2 } });
    await runExtraction({ source, outDir: b, now, shard: { index: 2, count: 2 } });
    await mergeShardResults({ inputs: [a, b], outDir: merged, now });
    const csv = (dir: string) => readFile(path.join(dir, 'measures.csv'), 'utf8');
    expect(await csv(merged)).toBe(await csv(single));
  });
});
