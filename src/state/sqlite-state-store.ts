import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { MIGRATION_TABLE_SQL, migrations } from './migrations.ts';
import {
  feedbackParams,
  foldReportRows,
  monthOf,
  PURGE_INTERVAL_MS,
  type ReportQueryRow,
  reportParams,
  SQL,
} from './queries.ts';
import type {
  FeedbackInput,
  FeedbackResult,
  PilotReportRow,
  PromptEventInput,
  ReportRange,
  StateStore,
} from './state-store.ts';

function applyMigrations(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(MIGRATION_TABLE_SQL);
    const applied = new Set(
      db
        .prepare('SELECT version FROM schema_migration')
        .all()
        .map((r) => Number(r.version)),
    );
    for (const m of migrations('sqlite')) {
      if (applied.has(m.version)) continue;
      for (const statement of m.statements) db.exec(statement);
      db.prepare('INSERT INTO schema_migration (version, applied_at) VALUES (?, ?)').run(
        m.version,
        new Date().toISOString(),
      );
    }
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/** The SQLite store (`node:sqlite`), one file or `:memory:`; for one instance (the sandbox, a single server). */
class SqliteStateStore implements StateStore {
  readonly dialect = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #lastPurge = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** Prepared once per SQL text (statement compilation costs more than the insert itself). */
  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async claimJti(iss: string, jti: string, expiresAt: Date): Promise<boolean> {
    this.#purgeExpired();
    return this.#prepare(SQL.claimJti).run(iss, jti, expiresAt.getTime()).changes === 1;
  }

  async recordPrompts(events: readonly PromptEventInput[]): Promise<void> {
    if (events.length === 0) return;
    this.#transaction(() => {
      const insertEvent = this.#prepare(SQL.insertPrompt);
      const insertRule = this.#prepare(SQL.insertPromptRule);
      for (const e of events) {
        insertEvent.run(
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
        );
        for (const ruleId of e.ruleIds) insertRule.run(e.cardUuid, ruleId);
      }
    });
  }

  async recordFeedback(item: FeedbackInput): Promise<FeedbackResult> {
    if (!this.#prepare(SQL.promptExists).get(item.cardUuid, item.serviceId)) return 'unknown-card';
    const params = feedbackParams(item) as SQLInputValue[];
    return this.#prepare(SQL.insertFeedback).run(...params).changes === 1 ? 'stored' : 'duplicate';
  }

  async pilotReport(range?: ReportRange): Promise<readonly PilotReportRow[]> {
    const rows = this.#prepare(SQL.pilotReport).all(...reportParams(range));
    return foldReportRows(rows as unknown as ReportQueryRow[]);
  }

  async getOrCreateSecret(name: string, create: () => string): Promise<string> {
    const existing = this.#prepare(SQL.selectSecret).get(name);
    if (typeof existing?.value === 'string') return existing.value;
    this.#prepare(SQL.insertSecret).run(name, create());
    const row = this.#prepare(SQL.selectSecret).get(name);
    if (typeof row?.value !== 'string') throw new Error('state secret could not be stored');
    return row.value;
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }

  #transaction(fn: () => void): void {
    this.#prepare('BEGIN').run();
    try {
      fn();
      this.#prepare('COMMIT').run();
    } catch (err) {
      this.#prepare('ROLLBACK').run();
      throw err;
    }
  }

  #purgeExpired(): void {
    const now = Date.now();
    if (now - this.#lastPurge < PURGE_INTERVAL_MS) return;
    this.#lastPurge = now;
    this.#prepare(SQL.purgeJti).run(now);
  }
}

/** Opens (creating if needed) a SQLite state database at `location` (a file path or `:memory:`) and migrates it. */
export function openSqliteStateStore(location: string): StateStore {
  const db = new DatabaseSync(location);
  db.exec('PRAGMA busy_timeout = 5000');
  if (location !== ':memory:') {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  }
  applyMigrations(db);
  return new SqliteStateStore(db);
}
