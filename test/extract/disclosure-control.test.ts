import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ControlledCount,
  controlCells,
  controlGroup,
  DEFAULT_DISCLOSURE_RULES,
  type DisclosureRules,
  REDACTED,
  roundCount,
} from '../../src/extract/disclosure-control.ts';
import { BREAKDOWN_OFFSETS, CELLS_PER_MONTH } from '../../src/extract/measures.ts';

const R = REDACTED;

describe('rounding and primary redaction (dataset.md, CONTRACT)', () => {
  it.each([
    [0, 0],
    [8, 10],
    [10, 10],
    [12, 10],
    [13, 15],
    [17, 15],
    [18, 20],
    [1234, 1235],
  ])('rounds %i to %i', (count, rounded) => {
    expect(roundCount(count, 5)).toBe(rounded);
  });

  it('never publishes a non-zero count as 0, whatever the rounding base', () => {
    expect(roundCount(8, 20)).toBe(20);
  });

  it.each([
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [1, 0, 0],
      [R, 0, 0],
    ],
    [
      [7, 0],
      [R, 0],
    ],
    [
      [8, 0],
      [10, 0],
    ],
    [
      [3, 9, 20],
      [R, R, 20],
    ],
    [
      [2, 10, 10],
      [R, R, 10],
    ],
    [
      [1, 2, 20],
      [R, R, 20],
    ],
    [
      [20, 30, 40],
      [20, 30, 40],
    ],
  ])('controls %j as %j (secondary: smallest other non-zero, first on a tie)', (counts, expected) => {
    expect(controlGroup(counts, DEFAULT_DISCLOSURE_RULES)).toEqual(expected);
  });

  it('goes beyond the single secondary cell when the total would still pin a redacted cell', () => {
    expect(controlGroup([8, 1, 1, 1, 1, 0], DEFAULT_DISCLOSURE_RULES, 12)).toEqual([R, R, R, R, R, 0]);
  });

  it('controls each breakdown of a cell vector separately, the all row on its own', () => {
    const cells = new Array<number>(CELLS_PER_MONTH).fill(0);
    const set = (breakdown: keyof typeof BREAKDOWN_OFFSETS, index: number, value: number) => {
      cells[BREAKDOWN_OFFSETS[breakdown] + index] = value;
    };
    set('all', 0, 10);
    set('sex', 0, 9);
    set('sex', 1, 1);
    set('age_band', 3, 10);
    set('ethnicity', 5, 10);
    set('setting', 3, 10);
    const controlled = controlCells(cells, DEFAULT_DISCLOSURE_RULES);
    expect(controlled[BREAKDOWN_OFFSETS.all]).toBe(10);
    expect(controlled.slice(BREAKDOWN_OFFSETS.sex, BREAKDOWN_OFFSETS.sex + 4)).toEqual([R, R, 0, 0]);
    expect(controlled.filter((c) => c === R)).toHaveLength(2);
  });
});

/** Every value a cell can take to someone who sees its publication and knows the rules. */
function candidates(published: ControlledCount, rules: DisclosureRules, cap: number): number[] {
  const values = Array.from({ length: cap + 1 }, (_, x) => x);
  if (published === REDACTED) return values.filter((x) => x >= 1);
  if (published === 0) return [0];
  return values.filter((x) => x > rules.redactAtOrBelow && roundCount(x, rules.roundTo) === published);
}

/** Sums reachable by picking one candidate from each list (dynamic programming, no interval shortcut). */
function reachableSums(lists: readonly number[][], cap: number): Set<number> {
  let sums = new Set([0]);
  for (const list of lists) {
    const next = new Set<number>();
    for (const s of sums) for (const v of list) if (s + v <= cap) next.add(s + v);
    sums = next;
  }
  return sums;
}

/** An independent brute-force attacker: the values a redacted cell can have, given the total and all other cells. */
function possibleValues(
  published: readonly ControlledCount[],
  total: ControlledCount,
  index: number,
  rules: DisclosureRules,
): number[] {
  const cap = 400;
  const totals = new Set(
    candidates(total, rules, cap).filter((t) => total !== REDACTED || t <= rules.redactAtOrBelow),
  );
  const others = reachableSums(
    published.filter((_, i) => i !== index).map((p) => candidates(p, rules, cap)),
    cap,
  );
  return candidates(published[index] ?? 0, rules, cap).filter((v) =>
    [...others].some((s) => totals.has(s + v)),
  );
}

const rulesArb = fc.record({
  redactAtOrBelow: fc.integer({ min: 0, max: 10 }),
  roundTo: fc.integer({ min: 1, max: 10 }),
});
const countArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 60 }));
const groupArb = fc.array(countArb, { minLength: 2, maxLength: 10 });

describe('no redacted cell can be recovered from the totals (property)', () => {
  it('with the default rules, every redacted category keeps at least two possible values', () => {
    fc.assert(
      fc.property(groupArb, (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const published = controlGroup(counts, DEFAULT_DISCLOSURE_RULES, total);
        const publishedTotal = controlGroup([total], DEFAULT_DISCLOSURE_RULES)[0] ?? 0;
        const nonZeroAllRedacted = counts.every((c, i) => c === 0 || published[i] === REDACTED);
        if (publishedTotal === REDACTED && nonZeroAllRedacted) return;
        published.forEach((cell, i) => {
          if (cell === REDACTED)
            expect(
              possibleValues(published, publishedTotal, i, DEFAULT_DISCLOSURE_RULES).length,
            ).toBeGreaterThan(1);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('with any thresholds, a redacted cell is only pinned when no non-zero category is left to suppress', () => {
    fc.assert(
      fc.property(groupArb, rulesArb, (counts, rules) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const published = controlGroup(counts, rules, total);
        const publishedTotal = controlGroup([total], rules)[0] ?? 0;
        const pinned = published.some(
          (cell, i) => cell === REDACTED && possibleValues(published, publishedTotal, i, rules).length === 1,
        );
        if (pinned) expect(counts.every((c, i) => c === 0 || published[i] === REDACTED)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a breakdown never has exactly one redacted cell while another non-zero cell is shown', () => {
    fc.assert(
      fc.property(groupArb, rulesArb, (counts, rules) => {
        const published = controlGroup(counts, rules);
        const redacted = published.filter((c) => c === REDACTED).length;
        const shownNonZero = published.some((c) => c !== REDACTED && c > 0);
        expect(redacted === 1 && shownNonZero).toBe(false);
      }),
    );
  });

  it('published numbers are multiples of the rounding base, and 0 only for a true 0', () => {
    fc.assert(
      fc.property(groupArb, rulesArb, (counts, rules) => {
        controlGroup(counts, rules).forEach((cell, i) => {
          if (cell === REDACTED) return;
          expect(cell % rules.roundTo).toBe(0);
          expect(cell === 0).toBe(counts[i] === 0);
        });
      }),
    );
  });
});
