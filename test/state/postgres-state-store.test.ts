import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStateStore, type StateStore } from '../../src/state/index.ts';
import { type PgCluster, startPgCluster } from './pg-cluster.ts';
import { describeStateStoreContract } from './state-store.contract.ts';

// No skip: when PostgreSQL cannot start, these tests fail (CI installs the `postgresql` package).
let cluster: PgCluster;
let store: StateStore;
let dbCounter = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

async function freshDatabaseUrl(): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const name = `test_${process.pid}_${++dbCounter}`;
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

beforeEach(async () => {
  store = await openStateStore(await freshDatabaseUrl());
});
afterEach(async () => {
  await store.close();
});

describeStateStoreContract('PostgreSQL', () => store);

describe('PostgreSQL shared by two instances', () => {
  it('migrates concurrently and shares the replay cache between instances', async () => {
    const url = await freshDatabaseUrl();
    const [a, b] = await Promise.all([openStateStore(url), openStateStore(url)]);
    expect(a.dialect).toBe('postgres');
    const exp = new Date(Date.now() + 60_000);
    expect(await a.claimJti('https://ehr.example', 'shared', exp)).toBe(true);
    expect(await b.claimJti('https://ehr.example', 'shared', exp)).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });
});
