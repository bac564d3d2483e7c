import pg from 'pg';
import { MIGRATION_TABLE_SQL, migrations } from './migrations.ts';
import {
  feedbackParams,
  foldReportRows,
  monthOf,
  PURGE_INTERVAL_MS,
  type ReportQueryRow,
  reportParams,
  SQL,
  toPostgres,
} from './queries.ts';
import type {
  FeedbackInput,
  FeedbackResult,
  PilotReportRow,
  PromptEventInput,
  ReportRange,
  StateStore,
} from './state-store.ts';

/** Serialises migrations when several instances start at once (any constant; ours spells "SAFE"). */
const MIGRATION_LOCK_KEY = 0x53414645;

const PG = {
  claimJti: toPostgres(SQL.claimJti),
  purgeJti: toPostgres(SQL.purgeJti),
  insertPrompt: toPostgres(SQL.insertPrompt),
  insertPromptRule: toPostgres(SQL.insertPromptRule),
  promptExists: toPostgres(SQL.promptExists),
  insertFeedback: toPostgres(SQL.insertFeedback),
  selectSecret: toPostgres(SQL.selectSecret),
  insertSecret: toPostgres(SQL.insertSecret),
  pilotReport: toPostgres(SQL.pilotReport),
} as const;

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

async function applyMigrations(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(MIGRATION_TABLE_SQL);
    const result = await client.query<{ version: number }>('SELECT version FROM schema_migration');
    const applied = new Set(result.rows.map((r) => Number(r.version)));
    for (const m of migrations('postgres')) {
      if (applied.has(m.version)) continue;
      for (const statement of m.statements) await client.query(statement);
      await client.query('INSERT INTO schema_migration (version, applied_at) VALUES ($1, $2)', [
        m.version,
        new Date().toISOString(),
      ]);
    }
  });
}

/** The PostgreSQL store: shared by every service instance (replay cache, pilot events). */
class PostgresStateStore implements StateStore {
  readonly dialect = 'postgres';
  readonly #pool: pg.Pool;
  #lastPurge = 0;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async claimJti(iss: string, jti: string, expiresAt: Date): Promise<boolean> {
    await this.#purgeExpired();
    const result = await this.#pool.query(PG.claimJti, [iss, jti, expiresAt.getTime()]);
    return result.rowCount === 1;
  }

  async recordPrompts(events: readonly PromptEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await inTransaction(this.#pool, async (client) => {
      for (const e of events) {
        await client.query(PG.insertPrompt, [
          e.cardUuid,
          e.hookInstance,
          e.serviceId,
          e.hook,
          e.cardKind,
          e.setting,
          e.patientPseudonym,
          e.userPseudonym,
          e.shownAt.toISOString(),
          monthOf(e.shownAt),
        ]);
        for (const ruleId of e.ruleIds) await client.query(PG.insertPromptRule, [e.cardUuid, ruleId]);
      }
    });
  }

  async recordFeedback(item: FeedbackInput): Promise<FeedbackResult> {
    const known = await this.#pool.query(PG.promptExists, [item.cardUuid, item.serviceId]);
    if (known.rowCount === 0) return 'unknown-card';
    const result = await this.#pool.query(PG.insertFeedback, [...feedbackParams(item)]);
    return result.rowCount === 1 ? 'stored' : 'duplicate';
  }

  async pilotReport(range?: ReportRange): Promise<readonly PilotReportRow[]> {
    const result = await this.#pool.query<ReportQueryRow & pg.QueryResultRow>(PG.pilotReport, [
      ...reportParams(range),
    ]);
    return foldReportRows(result.rows);
  }

  async getOrCreateSecret(name: string, create: () => string): Promise<string> {
    const existing = await this.#pool.query<{ value: string }>(PG.selectSecret, [name]);
    const found = existing.rows[0]?.value;
    if (found !== undefined) return found;
    await this.#pool.query(PG.insertSecret, [name, create()]);
    const stored = await this.#pool.query<{ value: string }>(PG.selectSecret, [name]);
    const value = stored.rows[0]?.value;
    if (value === undefined) throw new Error('state secret could not be stored');
    return value;
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #purgeExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastPurge < PURGE_INTERVAL_MS) return;
    this.#lastPurge = now;
    await this.#pool.query(PG.purgeJti, [now]);
  }
}

export interface PostgresOptions {
  /** Pool size per instance; default 10. */
  readonly maxConnections?: number;
}

/** Connects to PostgreSQL (`postgres://…`), migrates the schema under an advisory lock, and returns the store. */
export async function openPostgresStateStore(
  url: string,
  options: PostgresOptions = {},
): Promise<StateStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => undefined);
  try {
    await applyMigrations(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PostgresStateStore(pool);
}
