/**
 * Schema migrations, applied in order on open. Append new versions; never edit an applied one.
 * The SQL is shared by SQLite and PostgreSQL except for the auto-increment column.
 */
export interface Migration {
  readonly version: number;
  readonly statements: readonly string[];
}

export type Dialect = 'sqlite' | 'postgres';

function serialPrimaryKey(dialect: Dialect): string {
  return dialect === 'sqlite' ? 'id INTEGER PRIMARY KEY AUTOINCREMENT' : 'id BIGSERIAL PRIMARY KEY';
}

export const MIGRATION_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)';

export function migrations(dialect: Dialect): readonly Migration[] {
  return [
    {
      version: 1,
      statements: [
        `CREATE TABLE jti_seen (
           iss TEXT NOT NULL, jti TEXT NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (iss, jti))`,
        'CREATE INDEX jti_seen_expires_at ON jti_seen (expires_at)',
        `CREATE TABLE prompt_event (
           card_uuid TEXT PRIMARY KEY, hook_instance TEXT NOT NULL, service_id TEXT NOT NULL, hook TEXT NOT NULL,
           card_kind TEXT NOT NULL, setting TEXT NOT NULL, patient_pseudonym TEXT NOT NULL,
           user_pseudonym TEXT NOT NULL, shown_at TEXT NOT NULL, shown_month TEXT NOT NULL)`,
        'CREATE INDEX prompt_event_month ON prompt_event (shown_month)',
        `CREATE TABLE prompt_rule (
           card_uuid TEXT NOT NULL, rule_id TEXT NOT NULL, PRIMARY KEY (card_uuid, rule_id))`,
        `CREATE TABLE feedback (
           ${serialPrimaryKey(dialect)}, dedupe_key TEXT NOT NULL UNIQUE, card_uuid TEXT NOT NULL,
           service_id TEXT NOT NULL, outcome TEXT NOT NULL, override_reason TEXT,
           accepted_suggestions INTEGER NOT NULL, outcome_at TEXT NOT NULL, received_at TEXT NOT NULL,
           user_comment TEXT)`,
        'CREATE INDEX feedback_card ON feedback (card_uuid)',
        'CREATE TABLE state_secret (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
      ],
    },
  ];
}
