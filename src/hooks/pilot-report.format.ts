import type { Terminology } from '../shared/index.ts';
import type { PilotReportRow } from '../state/index.ts';
import { LOCAL_SYSTEM } from '../terminology/index.ts';

export type ReportFormat = 'table' | 'csv' | 'json';

function reasonLabel(terminology: Terminology, code: string): string {
  if (code === 'none') return 'no reason given';
  if (code === 'unlisted') return 'reason not on the card';
  const display = terminology.lookup(LOCAL_SYSTEM, code)?.display;
  return display ? `${display} (${code})` : code;
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) =>
          typeof rows[0]?.[i] === 'number' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function reasonRows(rows: readonly PilotReportRow[]): [string, string, string, string, number][] {
  return rows.flatMap((r) =>
    Object.entries(r.overrideReasons)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]): [string, string, string, string, number] => [
        r.month,
        r.cardKind,
        r.ruleId,
        reason,
        n,
      ]),
  );
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats the pilot report: prompts shown, accepted, overridden and unanswered by month, card kind and rule,
 * then overrides by reason. A card with several rules counts once under each rule.
 */
export function formatPilotReport(
  rows: readonly PilotReportRow[],
  format: ReportFormat,
  terminology: Terminology,
): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv') {
    const lines = [['month', 'card', 'rule', 'outcome', 'reason', 'count'].join(',')];
    for (const r of rows) {
      lines.push([r.month, r.cardKind, r.ruleId, 'shown', '', r.shown].map(csvCell).join(','));
      lines.push([r.month, r.cardKind, r.ruleId, 'accepted', '', r.accepted].map(csvCell).join(','));
      lines.push([r.month, r.cardKind, r.ruleId, 'no-response', '', r.noResponse].map(csvCell).join(','));
      for (const [, , , reason, n] of reasonRows([r]))
        lines.push([r.month, r.cardKind, r.ruleId, 'overridden', reason, n].map(csvCell).join(','));
    }
    return lines.join('\n');
  }
  if (rows.length === 0) return 'No prompts recorded in this period.';
  const main = table(
    ['month', 'card', 'rule', 'shown', 'accepted', 'overridden', 'no response'],
    rows.map((r) => [r.month, r.cardKind, r.ruleId, r.shown, r.accepted, r.overridden, r.noResponse]),
  );
  const reasons = reasonRows(rows).map(
    ([m, k, rule, reason, n]) => [m, k, rule, reasonLabel(terminology, reason), n] as const,
  );
  const byReason =
    reasons.length === 0
      ? 'No overrides.'
      : table(['month', 'card', 'rule', 'override reason', 'count'], reasons);
  return ['Prompts by month, card and rule', '', main, '', 'Overrides by reason', '', byReason].join('\n');
}
