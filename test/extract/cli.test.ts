import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as extract } from '../../src/extract/extract.command.ts';
import { run as merge } from '../../src/extract/merge.command.ts';
import { CODE, observation, patient, removeDirs, tempDir, writeNdjsonDir } from './helpers/fhir-builders.ts';

const dirs: string[] = [];
let stderr: string[] = [];
let stdout: string[] = [];

beforeEach(() => {
  stderr = [];
  stdout = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await removeDirs(dirs);
});

async function source(): Promise<string> {
  const dir = await writeNdjsonDir({
    'Observation.ndjson': [
      observation('o1', 'p1', CODE.disclosure, '2024-01-05'),
      observation('o2', 'p2', CODE.disclosure, '2024-02-05'),
    ],
    'Patient.ndjson': [patient('p1'), patient('p2')],
  });
  dirs.push(dir);
  return dir;
}

async function out(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}

function oneLine(): string {
  const text = stderr.join('');
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  return text;
}

describe('safe-enquiry extract: usage and input errors exit 2 with one line', () => {
  it.each([
    [['--out', 'x'], /--source: is required/],
    [['--source', 'x'], /--out: is required/],
    [['--source', 'x', '--out', 'y', '--bogus'], /unknown option --bogus/],
    [['--source', 'x', '--out', 'y', '--from', '2024-13'], /--from: expected a month as YYYY-MM/],
    [['--source', 'x', '--out', 'y', '--to', 'March'], /--to: expected a month/],
    [
      ['--source', 'x', '--out', 'y', '--from', '2024-05', '--to', '2024-04'],
      /--from 2024-05 is after --to 2024-04/,
    ],
    [['--source', 'x', '--out', 'y', '--shard', '3/2'], /--shard: expected 1 ≤ i ≤ n/],
    [['--source', 'x', '--out', 'y', '--shard', 'half'], /--shard: expected i\/n/],
    [['--source', 'x', '--out', 'y', '--round-to', '0'], /--round-to: expected a whole number ≥ 1/],
    [['--source', 'x', '--out', 'y', '--redact-at-or-below', '-1'], /--redact-at-or-below/],
  ])('%j', async (args, message) => {
    expect(await extract(args)).toBe(2);
    expect(oneLine()).toMatch(message);
  });

  it('a missing source directory', async () => {
    expect(await extract(['--source', path.join(await out(), 'nowhere'), '--out', await out()])).toBe(2);
    expect(oneLine()).toMatch(/cannot read source directory/);
  });

  it('a source directory without NDJSON', async () => {
    expect(await extract(['--source', await out(), '--out', await out()])).toBe(2);
    expect(oneLine()).toMatch(/no \.ndjson or \.ndjson\.gz files/);
  });

  it('--help prints usage and exits 0', async () => {
    expect(await extract(['--help'])).toBe(0);
    expect(stdout.join('')).toContain('SAFE_ENQUIRY_FHIR_TOKEN');
  });
});

describe('safe-enquiry extract: runs', () => {
  it('writes the three files and exits 0', async () => {
    const target = await out();
    expect(
      await extract(['--source', await source(), '--out', target, '--from', '2024-01', '--to', '2024-03']),
    ).toBe(0);
    const csv = await readFile(path.join(target, 'measures.csv'), 'utf8');
    expect(csv.split('\n').filter((l) => l.startsWith('disclosure,') && l.includes(',all,all,'))).toEqual([
      'disclosure,2024-01,all,all,[REDACTED]',
      'disclosure,2024-02,all,all,[REDACTED]',
      'disclosure,2024-03,all,all,0',
    ]);
    expect(stdout.join('')).toMatch(/measures\.csv.*4 resources read, 2 records counted, 2024-01 to 2024-03/);
  });

  it('reports a malformed line with file and line, skips it and still exits 0', async () => {
    const dir = await source();
    await writeFile(
      path.join(dir, 'Observation.2.ndjson'),
      `${JSON.stringify(observation('o3', 'p1', CODE.marac, '2024-01-09'))}\n{"resourceType":\n`,
    );
    expect(await extract(['--source', dir, '--out', await out()])).toBe(0);
    expect(stderr.join('')).toContain('warning: Observation.2.ndjson:2: not valid JSON; line skipped');
  });

  it('--shard writes only partial.json; merge of every shard writes the outputs', async () => {
    const dir = await source();
    const shards = [await out(), await out()];
    expect(await extract(['--source', dir, '--out', shards[0] ?? '', '--shard', '1/2'])).toBe(0);
    expect(await extract(['--source', dir, '--out', shards[1] ?? '', '--shard', '2/2'])).toBe(0);
    const target = await out();
    expect(await merge([...shards, '--out', target])).toBe(0);
    expect(await readFile(path.join(target, 'measures.csv'), 'utf8')).toContain(
      'disclosure,2024-01,all,all,[REDACTED]',
    );
  });
});

describe('safe-enquiry merge: errors', () => {
  it('exits 2 when a shard is missing', async () => {
    const dir = await source();
    const shard = await out();
    await extract(['--source', dir, '--out', shard, '--shard', '1/2']);
    stderr = [];
    expect(await merge([shard, '--out', await out()])).toBe(2);
    expect(oneLine()).toMatch(/missing shard\(s\) 2\/2/);
  });

  it('exits 2 for a directory without partial.json, and without inputs', async () => {
    expect(await merge([await out(), '--out', await out()])).toBe(2);
    expect(oneLine()).toMatch(/cannot read .*partial\.json/);
    stderr = [];
    expect(await merge(['--out', await out()])).toBe(2);
    expect(oneLine()).toMatch(/give the shard output directories/);
  });
});
