import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeShardResults, runExtraction } from '../../src/extract/index.ts';
import { mergePartials } from '../../src/extract/partial.ts';
import { hashPatientId, isInShard } from '../../src/extract/shard.ts';
import { ndjson, removeDirs, tempDir, writeNdjsonDir } from './helpers/fhir-builders.ts';
import { extractFrom } from './helpers/memory-source.ts';
import { syntheticPopulation } from './helpers/population.ts';

const dirs: string[] = [];
afterEach(() => removeDirs(dirs));

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

  it('shard + merge writes byte-identical outputs to a single run', async () => {
    const source = await writeNdjsonDir({ 'all.ndjson': ndjson(syntheticPopulation(7, 300)) });
    const [single, merged, a, b, c] = await Promise.all([
      tempDir(),
      tempDir(),
      tempDir(),
      tempDir(),
      tempDir(),
    ]);
    dirs.push(source, single, merged, a, b, c);
    const now = () => new Date('2025-01-01T00:00:00Z');
    await runExtraction({ source, outDir: single, now });
    for (const [i, dir] of [a, b, c].entries())
      await runExtraction({ source, outDir: dir, now, shard: { index: i + 1, count: 3 } });
    await mergeShardResults({ inputs: [c, a, b], outDir: merged, now });
    for (const file of ['measures.csv', 'measure-reports.json', 'report.html']) {
      expect(await readFile(path.join(merged, file), 'utf8'), file).toBe(
        await readFile(path.join(single, file), 'utf8'),
      );
    }
    const shardCsv = await readFile(path.join(a, 'partial.json'), 'utf8');
    expect(shardCsv).not.toContain('pat-');
  });
});
