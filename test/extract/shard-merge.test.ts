import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { Resource } from 'fhir/r4.js';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeShardResults, runExtraction } from '../../src/extract/index.ts';
import { mergePartials } from '../../src/extract/partial.ts';
import { hashPatientId, isInShard, isLineOwner, lineVerdict } from '../../src/extract/shard.ts';
import { CODE, observation, removeDirs, tempDir, writeNdjsonDir } from './helpers/fhir-builders.ts';
import { extractFrom } from './helpers/memory-source.ts';
import { filesByType, syntheticPopulation } from './helpers/population.ts';

const dirs: string[] = [];
afterEach(() => removeDirs(dirs));

describe('shard pre-filter on raw lines', () => {
  const count = 4;
  const shardOf = (id: string) => (hashPatientId(id) % count) + 1;
  const ids = ['pat-a', 'pat-b', 'pat-c', 'pat-d', 'pat-e', 'pat-f', 'pat-g', 'pat-h'];
  const mine = ids[0] ?? '';
  const other = ids.find((id) => shardOf(id) !== shardOf(mine)) ?? '';
  const shard = { index: shardOf(mine), count };

  it.each([
    [`{"subject":{"reference":"Patient/${mine}"}}`, { parse: true, owner: true }],
    [`{"subject":{"reference":"https://x/fhir/Patient/${mine}/_history/2"}}`, { parse: true, owner: true }],
    [`{"subject":{"reference":"Patient/${other}"}}`, { parse: false, owner: false }],
    [`{"note":"Patient/${other}","subject":{"reference":"Patient/${mine}"}}`, { parse: true, owner: false }],
    [`{"subject":{"reference":"Patient\\/${other}"}}`, { parse: true, owner: isLineOwner('f', 1, shard) }],
    [
      `{"subject":{"reference":"Patient/${other}\\u0041"}}`,
      { parse: true, owner: isLineOwner('f', 1, shard) },
    ],
    [`{"a":"Patient/${other}","b":"Patient/x\\u0041"}`, { parse: true, owner: false }],
    ['{"subject":{"reference":"Group/1"}}', { parse: true, owner: isLineOwner('f', 1, shard) }],
  ])('%s', (line, verdict) => {
    expect(lineVerdict(line, 'f', 1, shard)).toEqual(verdict);
  });

  it('every line has exactly one owner among the shards', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...ids), fc.integer({ min: 1, max: 9 }), (noise, id, n) => {
        const line = `{"x":${JSON.stringify(noise)},"subject":{"reference":"Patient/${id}"},"y":"Patient/q\\u0041"}`;
        const owners = Array.from({ length: n }, (_, i) =>
          lineVerdict(line, 'f', 3, { index: i + 1, count: n }),
        );
        expect(owners.filter((v) => v.owner)).toHaveLength(1);
        expect(owners.filter((v) => v.owner).every((v) => v.parse)).toBe(true);
        expect(owners.some((v, i) => v.parse && isInShard(id, { index: i + 1, count: n }))).toBe(true);
      }),
    );
  });
});

describe('shards', () => {
  it('assign each patient to exactly one shard, by a stable hash of the id', () => {
    expect(hashPatientId('pat-1')).toBe(hashPatientId('pat-1'));
    expect(hashPatientId('a')).toBe(0xe40c292c);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 16 }), (id, count) => {
        const owners = Array.from({ length: count }, (_, i) => isInShard(id, { index: i + 1, count })).filter(
          Boolean,
        );
        expect(owners).toHaveLength(1);
      }),
    );
  });

  it('shard + merge gives exactly the single-run counts and data quality (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 5 }),
        async (seed, count) => {
          const resources = syntheticPopulation(seed, 40);
          const single = await extractFrom(resources);
          const shards = await Promise.all(
            Array.from({ length: count }, (_, i) =>
              extractFrom(resources, { shard: { index: i + 1, count } }),
            ),
          );
          const merged = mergePartials(shards);
          expect(merged.counts).toEqual(single.counts);
          expect(merged.dataQuality).toEqual(single.dataQuality);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('shard + merge of a folder writes byte-identical outputs to a single run (lines skipped unparsed)', async () => {
    const source = await writeNdjsonDir(byType(syntheticPopulation(7, 300)));
    const [single, merged, a, b, c] = await Promise.all([
      tempDir(),
      tempDir(),
      tempDir(),
      tempDir(),
      tempDir(),
    ]);
    dirs.push(source, single, merged, a, b, c);
    const now = () => new Date('2025-01-01T00:00:00Z');
    const whole = await runExtraction({ source, outDir: single, now });
    const shards = [];
    for (const [i, dir] of [a, b, c].entries()) {
      shards.push(
        (await runExtraction({ source, outDir: dir, now, shard: { index: i + 1, count: 3 } })).summary,
      );
    }
    await mergeShardResults({ inputs: [c, a, b], outDir: merged, now });
    for (const file of ['measures.csv', 'measure-reports.json', 'report.html']) {
      expect(await readFile(path.join(merged, file), 'utf8'), file).toBe(
        await readFile(path.join(single, file), 'utf8'),
      );
    }
    const parsedByShards = shards.reduce((sum, s) => sum + s.resourcesRead, 0);
    expect(parsedByShards).toBeLessThan(whole.summary.resourcesRead * 1.6);
    expect(await readFile(path.join(a, 'partial.json'), 'utf8')).not.toContain('pat-');
  });
});

/** One file per resource type (the Bulk Data layout), plus lines that test the shard pre-filter. */
function byType(resources: readonly Resource[]): Record<string, string> {
  const odd = [
    JSON.stringify(
      observation('g', 'x', CODE.disclosure, '2024-02-02', { subject: { reference: 'Group/g1' } }),
    ),
    JSON.stringify(
      observation('n', 'pat-7-3', CODE.disclosure, '2024-02-02', { note: [{ text: 'Patient/carer view' }] }),
    ),
    '{"resourceType":"Observation","subject":{"reference":"Patient/pat-7-4"},',
    'not json at all',
  ];
  const files = Object.entries(filesByType(resources)).map(([name, list]) => {
    const lines = list.map((r) => JSON.stringify(r));
    return [name, `${[...lines, ...(name === 'Observation.ndjson' ? odd : [])].join('\n')}\n`];
  });
  return Object.fromEntries(files);
}
