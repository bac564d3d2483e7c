import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getStatus, OperationOutcomeError } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Patient } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';

let dataDir: string;
const opened: SandboxRepository[] = [];

async function open(): Promise<SandboxRepository> {
  const repo = await SandboxRepository.open(dataDir);
  opened.push(repo);
  return repo;
}

async function reopen(repo: SandboxRepository): Promise<SandboxRepository> {
  await repo.close();
  return open();
}

function patient(family: string): Patient {
  return { resourceType: 'Patient', name: [{ family }] };
}

function versionsOf(bundle: {
  entry?: { resource?: { meta?: { versionId?: string; lastUpdated?: string } } }[];
}) {
  return (bundle.entry ?? []).map((e) => `${e.resource?.meta?.versionId}@${e.resource?.meta?.lastUpdated}`);
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (err) {
    if (err instanceof OperationOutcomeError) return getStatus(err.outcome);
    throw err;
  }
}

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fhir-repo-'));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('Medplum internals the repository relies on (pinned: fail loudly on upgrade)', () => {
  it('MemoryRepository still has its private stores and createResourceSync', () => {
    const stock = new MemoryRepository() as unknown as Record<string, unknown>;
    expect(stock.resources).toBeInstanceOf(Map);
    expect(stock.history).toBeInstanceOf(Map);
    expect(typeof stock.createResourceSync).toBe('function');
  });
});

describe('log replay', () => {
  it('keeps versionId, lastUpdated and the whole history across a restart', async () => {
    const repo = await open();
    const created = await repo.createResource(patient('One'));
    await repo.updateResource({ ...created, gender: 'female' });
    await repo.patchResource('Patient', created.id, [{ op: 'add', path: '/birthDate', value: '1990-01-01' }]);
    const before = await repo.readHistory('Patient', created.id);
    const again = await reopen(repo);
    const after = await again.readHistory('Patient', created.id);
    expect(versionsOf(after)).toEqual(versionsOf(before));
    expect(versionsOf(after)).toHaveLength(3);
    const current = await again.readResource<Patient>('Patient', created.id);
    expect(current.birthDate).toBe('1990-01-01');
  });

  it('replays deletes and conditional creates', async () => {
    const repo = await open();
    const gone = await repo.createResource(patient('Gone'));
    await repo.deleteResource('Patient', gone.id);
    const search = {
      resourceType: 'Patient' as const,
      filters: [{ code: 'family', operator: 'eq' as const, value: 'Kept' }],
    };
    const kept = await repo.conditionalCreate(patient('Kept'), search);
    const again = await reopen(repo);
    expect(await statusOf(again.readResource('Patient', gone.id))).toBe(404);
    expect((await again.readResource('Patient', kept.resource.id)).id).toBe(kept.resource.id);
  });

  it('writes one log line per unit of work', async () => {
    const repo = await open();
    await repo.createResource(patient('A'));
    await repo.exclusive(async () => {
      await repo.createResource(patient('B'));
      await repo.createResource(patient('C'));
    });
    const lines = (await fs.readFile(path.join(dataDir, 'fhir.ndjson'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { ops: unknown[] }).ops.length)).toEqual([1, 2]);
  });
});

describe('units of work', () => {
  it('rolls a failed transaction back completely, in memory and on disk', async () => {
    const repo = await open();
    const existing = await repo.createResource(patient('Existing'));
    const failing = repo.withTransaction(async () => {
      await repo.createResource(patient('New'));
      await repo.updateResource({ ...existing, gender: 'male' });
      await repo.deleteResource('Patient', existing.id);
      throw new Error('entry 3 failed');
    });
    await expect(failing).rejects.toThrow('entry 3 failed');
    const check = async (r: SandboxRepository) => {
      const all = await r.searchResources({ resourceType: 'Patient' });
      expect(all.map((p) => (p as Patient).name?.[0]?.family)).toEqual(['Existing']);
      expect((await r.readHistory('Patient', existing.id)).entry).toHaveLength(1);
    };
    await check(repo);
    await check(await reopen(repo));
  });

  it('undoes only the failing nested unit (savepoint)', async () => {
    const repo = await open();
    await repo.exclusive(async () => {
      await repo.createResource(patient('Outer'));
      await expect(
        repo.exclusive(async () => {
          await repo.createResource(patient('Inner'));
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    const again = await reopen(repo);
    const all = await again.searchResources({ resourceType: 'Patient' });
    expect(all.map((p) => (p as Patient).name?.[0]?.family)).toEqual(['Outer']);
  });

  it('makes a concurrent write wait, so a rollback never drops it', async () => {
    const repo = await open();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = repo.withTransaction(async () => {
      await repo.createResource(patient('InTx'));
      await gate;
      throw new Error('rollback');
    });
    const concurrent = repo.createResource(patient('Concurrent'));
    release();
    await expect(tx).rejects.toThrow('rollback');
    await concurrent;
    const again = await reopen(repo);
    const all = await again.searchResources({ resourceType: 'Patient' });
    expect(all.map((p) => (p as Patient).name?.[0]?.family)).toEqual(['Concurrent']);
  });

  it('refuses an invalid resource with 400 and every issue', async () => {
    const repo = await open();
    const invalid = { resourceType: 'Patient', birthDate: 'soon', colour: 'red' } as Patient;
    const error = await repo.createResource(invalid).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperationOutcomeError);
    const outcome = (error as OperationOutcomeError).outcome;
    expect(getStatus(outcome)).toBe(400);
    expect(outcome.issue.map((i) => i.expression?.[0])).toEqual(['Patient.birthDate', 'Patient.colour']);
  });
});

describe('history', () => {
  it('is newest first and stable across calls (upstream reverses its array in place)', async () => {
    const repo = await open();
    const created = await repo.createResource(patient('H1'));
    const updated = await repo.updateResource({ ...created, name: [{ family: 'H2' }] });
    const first = versionsOf(await repo.readHistory('Patient', created.id));
    const second = versionsOf(await repo.readHistory('Patient', created.id));
    expect(first).toEqual(second);
    expect(first[0]).toContain(updated.meta?.versionId ?? 'missing');
    const third = await repo.updateResource({ ...updated, name: [{ family: 'H3' }] });
    const latest = await repo.readHistory('Patient', created.id);
    expect(latest.entry?.[0]?.resource?.meta?.versionId).toBe(third.meta?.versionId);
  });

  it('marks the first version as the create and pages with offset and limit', async () => {
    const repo = await open();
    const created = await repo.createResource(patient('P1'));
    await repo.updateResource({ ...created, name: [{ family: 'P2' }] });
    const history = await repo.readHistory('Patient', created.id);
    expect(history.entry?.map((e) => e.request?.method)).toEqual(['PUT', 'POST']);
    const page = await repo.readHistory('Patient', created.id, { offset: 1, limit: 1 });
    expect(page.total).toBe(2);
    expect(page.entry?.map((e) => e.request?.method)).toEqual(['POST']);
  });

  it('offers type-level history, newest first, including deleted resources', async () => {
    const repo = await open();
    const a = await repo.createResource(patient('TA'));
    const b = await repo.createResource(patient('TB'));
    await repo.deleteResource('Patient', a.id);
    const history = await repo.readTypeHistory('Patient');
    expect(history.entry?.map((e) => e.resource?.id)).toEqual([b.id, a.id]);
  });
});

describe('durability failures', () => {
  it('answers 500 and keeps nothing in memory when the log cannot be written', async () => {
    const repo = await open();
    await repo.close();
    const status = await statusOf(repo.createResource(patient('Lost')));
    expect(status).toBe(500);
    expect(await repo.searchResources({ resourceType: 'Patient' })).toEqual([]);
  });
});
