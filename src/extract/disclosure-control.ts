import { BREAKDOWNS, CELLS_PER_MONTH } from './measures.ts';

/** dataset.md "Disclosure control (CONTRACT)". */
export interface DisclosureRules {
  /** Counts 1…redactAtOrBelow are redacted (default 7). */
  readonly redactAtOrBelow: number;
  /** Other counts are rounded to the nearest multiple of this (default 5). */
  readonly roundTo: number;
}

export const DEFAULT_DISCLOSURE_RULES: DisclosureRules = { redactAtOrBelow: 7, roundTo: 5 };

/** How a redacted count is written in measures.csv and the report. */
export const REDACTED = '[REDACTED]';

/** A published count: a rounded number, or redacted. */
export type ControlledCount = number | typeof REDACTED;

/**
 * Rounds a count above the redaction threshold to the nearest multiple of `roundTo` (halves up: 8 → 10, 12 → 10,
 * 13 → 15). 0 stays 0. A non-zero count never publishes as 0 (it would read as "none"): it rounds up to `roundTo`.
 */
export function roundCount(count: number, roundTo: number): number {
  if (count === 0) return 0;
  return Math.max(roundTo, Math.floor(count / roundTo + 0.5) * roundTo);
}

export function isPrimaryRedacted(count: number, rules: DisclosureRules): boolean {
  return count >= 1 && count <= rules.redactAtOrBelow;
}

/** The true values a published cell can stand for, to someone who knows the rules (an inclusive integer range). */
export function feasibleRange(
  published: ControlledCount,
  rules: DisclosureRules,
  isTotal: boolean,
): [number, number] {
  if (published === REDACTED) return [1, isTotal ? rules.redactAtOrBelow : Number.POSITIVE_INFINITY];
  if (published === 0) return [0, 0];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (
    let x = Math.max(rules.redactAtOrBelow + 1, published - rules.roundTo);
    x <= published + rules.roundTo;
    x++
  ) {
    if (roundCount(x, rules.roundTo) !== published) continue;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return [lo, hi];
}

/**
 * Indexes of redacted cells whose true value is pinned to a single number by the published total and the other
 * published cells (interval reasoning, assuming the categories add up to the total).
 */
export function recoverableCells(
  group: readonly ControlledCount[],
  total: ControlledCount,
  rules: DisclosureRules,
): number[] {
  const [totalLo, totalHi] = feasibleRange(total, rules, true);
  const ranges = group.map((cell) => feasibleRange(cell, rules, false));
  return group.flatMap((cell, i) => {
    if (cell !== REDACTED) return [];
    let othersLo = 0;
    let othersHi = 0;
    ranges.forEach(([lo, hi], j) => {
      if (j === i) return;
      othersLo += lo;
      othersHi += hi;
    });
    const [ownLo, ownHi] = ranges[i] ?? [0, 0];
    const lo = Math.max(ownLo, totalLo - othersHi);
    const hi = Math.min(ownHi, totalHi - othersLo);
    return lo === hi ? [i] : [];
  });
}

function smallestUnredacted(counts: readonly number[], redacted: readonly boolean[]): number {
  let smallest = -1;
  counts.forEach((count, i) => {
    if (!redacted[i] && count > 0 && (smallest < 0 || count < (counts[smallest] ?? 0))) smallest = i;
  });
  return smallest;
}

function publish(
  counts: readonly number[],
  redacted: readonly boolean[],
  rules: DisclosureRules,
): ControlledCount[] {
  return counts.map((count, i) => (redacted[i] ? REDACTED : roundCount(count, rules.roundTo)));
}

/**
 * Controls one breakdown group (one measure, period and breakdown). Primary: redact counts 1…threshold.
 * Secondary (dataset.md): when exactly one category is redacted, also redact the smallest other non-zero category
 * (the first in category order on a tie). Then, given the group's `total` (the `all` count), keep redacting the
 * smallest non-zero category while any redacted cell could still be pinned down from the published total and
 * cells (for example 8,1,1,1,1 whose total 12 publishes as 10: the 8 must be 8 and each 1 a 1).
 */
export function controlGroup(
  counts: readonly number[],
  rules: DisclosureRules,
  total?: number,
): ControlledCount[] {
  const redacted = counts.map((count) => isPrimaryRedacted(count, rules));
  const next = () => smallestUnredacted(counts, redacted);
  if (redacted.filter(Boolean).length === 1 && next() >= 0) redacted[next()] = true;
  if (total === undefined) return publish(counts, redacted, rules);
  const publishedTotal = controlGroup([total], rules)[0] ?? 0;
  while (
    recoverableCells(publish(counts, redacted, rules), publishedTotal, rules).length > 0 &&
    next() >= 0
  ) {
    redacted[next()] = true;
  }
  return publish(counts, redacted, rules);
}

/** Controls every breakdown group of one measure × month cell vector (layout: measures.ts BREAKDOWN_OFFSETS). */
export function controlCells(cells: readonly number[], rules: DisclosureRules): ControlledCount[] {
  if (cells.length !== CELLS_PER_MONTH) throw new RangeError(`expected ${CELLS_PER_MONTH} cells`);
  const total = cells[0] ?? 0;
  const controlled: ControlledCount[] = [];
  let offset = 0;
  for (const breakdown of BREAKDOWNS) {
    const size = breakdown.categories.length;
    const group = cells.slice(offset, offset + size);
    controlled.push(
      ...(breakdown.id === 'all' ? controlGroup(group, rules) : controlGroup(group, rules, total)),
    );
    offset += size;
  }
  return controlled;
}
