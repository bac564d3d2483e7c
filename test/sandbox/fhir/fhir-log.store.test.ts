import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FHIR_LOG_FILE, FhirLog, serialiseOp } from '../../../src/sandbox/fhir/fhir-log.store.ts';
import { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';

let dataDir: string;
let logFile: string;

function put(id: string): string {
  return serialiseOp({
    op: 'put',
    resource: { resourceType: 'Patient', id, meta: { versionId: `v-${id}` } },
  });
}

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fhir-log-'));
  logFile = path.join(dataDir, FHIR_LOG_FILE);
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('FhirLog', () => {
  it('creates the data directory and an empty log', async () => {
    const nested = path.join(dataDir, 'a', 'b');
    const { log, records, tornBytes } = FhirLog.open(nested);
    await log.close();
    expect(records).toEqual([]);
    expect(tornBytes).toBe(0);
    expect(await fs.readFile(path.join(nested, FHIR_LOG_FILE), 'utf8')).toBe('');
  });

  it('appends one newline-terminated record per call and reads them back in order', async () => {
    const first = FhirLog.open(dataDir);
    await first.log.append([put('a')]);
    await first.log.append([put('b'), put('c')]);
    await first.log.close();
    const second = FhirLog.open(dataDir);
    await second.log.close();
    expect(second.records.map((r) => r.ops.length)).toEqual([1, 2]);
  });

  it('cuts off a torn last line, keeps every complete one, and appends cleanly after it', async () => {
    const first = FhirLog.open(dataDir);
    await first.log.append([put('a')]);
    await first.log.append([put('b')]);
    await first.log.close();
    const torn = `{"v":1,"ops":[${put('c')}`.slice(0, 30);
    await fs.appendFile(logFile, torn);

    const second = FhirLog.open(dataDir);
    expect(second.tornBytes).toBe(torn.length);
    expect(second.records).toHaveLength(2);
    await second.log.append([put('d')]);
    await second.log.close();

    const third = FhirLog.open(dataDir);
    await third.log.close();
    const ids = third.records.flatMap((r) => r.ops.map((op) => (op.op === 'put' ? op.resource.id : op.op)));
    expect(ids).toEqual(['a', 'b', 'd']);
  });

  it('refuses to start on a corrupt line in the middle rather than drop acknowledged data', async () => {
    await fs.writeFile(logFile, `{"v":1,"ops":[${put('a')}]}\nnot json\n{"v":1,"ops":[${put('b')}]}\n`);
    expect(() => FhirLog.open(dataDir)).toThrow(/corrupt at line 2/);
  });

  it('refuses a complete line of the wrong shape', async () => {
    await fs.writeFile(logFile, '{"v":2,"ops":[]}\n');
    expect(() => FhirLog.open(dataDir)).toThrow(/corrupt at line 1/);
  });

  it('refuses appends after close', async () => {
    const { log } = FhirLog.open(dataDir);
    await log.close();
    expect(() => log.append([put('x')])).toThrow(/closed/);
  });

  it('group-commits concurrent appends in order, each resolved once durable', async () => {
    const { log } = FhirLog.open(dataDir);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => log.append([put(id)])));
    await log.close();
    const reopened = FhirLog.open(dataDir);
    await reopened.log.close();
    const ids = reopened.records.flatMap((r) =>
      r.ops.map((op) => (op.op === 'put' ? op.resource.id : op.op)),
    );
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('SandboxRepository on a torn log', () => {
  it('replays every acknowledged write and ignores the torn tail', async () => {
    const repo = await SandboxRepository.open(dataDir);
    const kept = await repo.createResource({ resourceType: 'Patient', name: [{ family: 'Kept' }] });
    await repo.close();
    await fs.appendFile(logFile, '{"v":1,"ops":[{"op":"put","resource":{"resourceType":"Pat');
    const again = await SandboxRepository.open(dataDir);
    const all = await again.searchResources({ resourceType: 'Patient' });
    expect(all.map((p) => p.id)).toEqual([kept.id]);
    await again.close();
  });
});
