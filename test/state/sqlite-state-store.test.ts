import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStateStore, type StateStore } from '../../src/state/index.ts';
import { describeStateStoreContract } from './state-store.contract.ts';

let store: StateStore;
beforeEach(async () => {
  store = await openStateStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describeStateStoreContract('SQLite (:memory:)', () => store);

describe('SQLite state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-state-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists across reopen and migrates only once', async () => {
    const file = path.join(dir, 'state.sqlite');
    const first = await openStateStore(file);
    expect(first.dialect).toBe('sqlite');
    expect(await first.claimJti('iss', 'persisted', new Date(Date.now() + 60_000))).toBe(true);
    await first.close();
    const second = await openStateStore(file);
    expect(await second.claimJti('iss', 'persisted', new Date(Date.now() + 60_000))).toBe(false);
    await second.close();
  });
});
