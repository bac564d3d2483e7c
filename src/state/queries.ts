import type { FeedbackInput, PilotReportRow, ReportRange } from './state-store.ts';

/** Expired `jti` rows are purged at most this often, by whichever call comes first (both drivers). */
export const PURGE_INTERVAL_MS = 60_000;

/**
 * SQL shared by both dialects, written with `?` placeholders (SQLite); `toPostgres` numbers them for pg.
 */
export const SQL = {
  claimJti: 'INSERT INTO jti_seen (iss, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  purgeJti: 'DELETE FROM jti_seen WHERE expires_at < ?',
  insertPrompt: `INSERT INTO prompt_event (card_uuid, hook_instance, service_id, hook, card_kind, setting,
      patient_pseudonym, user_pseudonym, shown_at, shown_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`,
  insertPromptRule: 'INSERT INTO prompt_rule (card_uuid, rule_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  promptExists: 'SELECT 1 AS found FROM prompt_event WHERE card_uuid = ? AND service_id = ?',
  insertFeedback: `INSERT INTO feedback (dedupe_key, card_uuid, service_id, outcome, override_reason,
      accepted_suggestions, outcome_at, received_at, user_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`,
  selectSecret: 'SELECT value FROM state_secret WHERE name = ?',
  insertSecret: 'INSERT INTO state_secret (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING',
  pilotReport: `WITH latest AS (
      SELECT card_uuid, outcome, override_reason FROM (
        SELECT card_uuid, outcome, override_reason,
               ROW_NUMBER() OVER (PARTITION BY card_uuid ORDER BY outcome_at DESC, id DESC) AS rn
        FROM feedback) ranked
      WHERE rn = 1)
    SELECT p.shown_month AS month, p.card_kind AS card_kind, r.rule_id AS rule_id,
           l.outcome AS outcome, l.override_reason AS reason, COUNT(*) AS n
    FROM prompt_event p
    JOIN prompt_rule r ON r.card_uuid = p.card_uuid
    LEFT JOIN latest l ON l.card_uuid = p.card_uuid
    WHERE p.shown_month >= ? AND p.shown_month <= ?
    GROUP BY p.shown_month, p.card_kind, r.rule_id, l.outcome, l.override_reason`,
} as const;

/** Rewrites `?` placeholders as `$1, $2, …` (none of our SQL has a literal `?`). */
export function toPostgres(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function feedbackParams(item: FeedbackInput): readonly (string | number | null)[] {
  const reason = item.overrideReason ?? null;
  const dedupeKey = [item.cardUuid, item.outcome, item.outcomeAt, reason ?? ''].join('|');
  return [
    dedupeKey,
    item.cardUuid,
    item.serviceId,
    item.outcome,
    reason,
    item.acceptedSuggestions,
    item.outcomeAt,
    item.receivedAt.toISOString(),
    item.userComment ?? null,
  ];
}

export function reportParams(range: ReportRange = {}): readonly string[] {
  return [range.fromMonth ?? '0000-00', range.toMonth ?? '9999-99'];
}

/** One grouped row of `SQL.pilotReport`, as either driver returns it. */
export interface ReportQueryRow {
  readonly month: unknown;
  readonly card_kind: unknown;
  readonly rule_id: unknown;
  readonly outcome: unknown;
  readonly reason: unknown;
  readonly n: unknown;
}

interface MutableRow {
  month: string;
  cardKind: string;
  ruleId: string;
  shown: number;
  accepted: number;
  overridden: number;
  noResponse: number;
  overrideReasons: Record<string, number>;
}

function addCount(row: MutableRow, outcome: unknown, reason: unknown, n: number): void {
  row.shown += n;
  if (outcome === 'accepted') row.accepted += n;
  else if (outcome === 'overridden') {
    row.overridden += n;
    const code = typeof reason === 'string' ? reason : 'none';
    row.overrideReasons[code] = (row.overrideReasons[code] ?? 0) + n;
  } else row.noResponse += n;
}

/** Folds the grouped SQL rows into one report row per month, card kind and rule, sorted. */
export function foldReportRows(rows: readonly ReportQueryRow[]): PilotReportRow[] {
  const byKey = new Map<string, MutableRow>();
  for (const r of rows) {
    const month = String(r.month);
    const cardKind = String(r.card_kind);
    const ruleId = String(r.rule_id);
    const key = `${month}\u0000${cardKind}\u0000${ruleId}`;
    let row = byKey.get(key);
    if (!row) {
      row = {
        month,
        cardKind,
        ruleId,
        shown: 0,
        accepted: 0,
        overridden: 0,
        noResponse: 0,
        overrideReasons: {},
      };
      byKey.set(key, row);
    }
    addCount(row, r.outcome, r.reason, Number(r.n));
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      a.cardKind.localeCompare(b.cardKind) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}
