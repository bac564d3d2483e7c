import { openSqliteStateStore } from './sqlite-state-store.ts';
import type { StateStore } from './state-store.ts';

export type {
  CardKind,
  FeedbackInput,
  FeedbackResult,
  PilotReportRow,
  PromptEventInput,
  ReportRange,
  StateStore,
} from './state-store.ts';

/** File name of the SQLite state database inside a data folder, when no `DATABASE_URL` is given. */
export const DEFAULT_STATE_FILE = 'state.sqlite';

/** True for a PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Opens the project state database and applies migrations:
 * - `postgres://…` / `postgresql://…` → PostgreSQL via `pg` (shared by several service instances);
 * - a file path → SQLite via `node:sqlite`;
 * - `:memory:` or undefined → an in-memory SQLite database (tests, throwaway runs).
 */
export async function openStateStore(url: string | undefined): Promise<StateStore> {
  if (url === undefined || url === ':memory:') return openSqliteStateStore(':memory:');
  if (isPostgresUrl(url)) {
    // Loaded only when used: a SQLite deployment never loads the pg driver.
    const { openPostgresStateStore } = await import('./postgres-state-store.ts');
    return openPostgresStateStore(url);
  }
  return openSqliteStateStore(url);
}
