import type { DataQuality } from './data-quality.ts';
import { type ControlledCount, controlCells, type DisclosureRules } from './disclosure-control.ts';
import { CELLS_PER_MONTH, MEASURE_IDS, MEASURE_LABELS, type MeasureId } from './measures.ts';
import type { PartialResult } from './partial.ts';
import { monthIndex, monthString } from './tally.ts';

export interface PublishedMonth {
  readonly month: string;
  /** Disclosure-controlled cells, laid out as BREAKDOWN_OFFSETS. */
  readonly cells: readonly ControlledCount[];
}

export interface PublishedMeasure {
  readonly id: MeasureId;
  readonly label: string;
  readonly months: readonly PublishedMonth[];
}

/** Everything the three output files show: only disclosure-controlled counts, plus exact data quality. */
export interface PublishedDataset {
  readonly months: readonly string[];
  readonly measures: readonly PublishedMeasure[];
  readonly rules: DisclosureRules;
  readonly generatedAt: string;
  readonly sources: readonly string[];
  readonly dataQuality: DataQuality;
}

/** Every month from `from` to `to` inclusive. */
export function monthRange(from: string, to: string): string[] {
  const start = monthIndex(from);
  const end = monthIndex(to);
  if (start === undefined || end === undefined) return [];
  return Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => monthString(start + i));
}

/**
 * The months to publish: the requested period; an open end is filled from the first or last month with a count
 * (never before `from` or after `to`); no period and no counts gives none.
 */
export function publishedMonths(partial: PartialResult): string[] {
  const seen = Object.values(partial.counts)
    .flatMap((byMonth) => Object.keys(byMonth ?? {}))
    .sort();
  const { from: wantedFrom, to: wantedTo } = partial.period;
  const from = wantedFrom ?? minMonth(seen[0], wantedTo);
  const to = wantedTo ?? maxMonth(seen[seen.length - 1], wantedFrom);
  return from === undefined || to === undefined ? [] : monthRange(from, to);
}

function minMonth(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined || a < b ? a : b;
}

function maxMonth(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined || a > b ? a : b;
}

/**
 * Applies disclosure control (dataset.md) to exact counts. Every month of the range is published, zero months
 * included, so that the output has one row per measure × month × breakdown × category.
 */
export function publishDataset(
  partial: PartialResult,
  rules: DisclosureRules,
  generatedAt: Date,
): PublishedDataset {
  const months = publishedMonths(partial);
  const zero = new Array<number>(CELLS_PER_MONTH).fill(0);
  const measures = MEASURE_IDS.map((id) => ({
    id,
    label: MEASURE_LABELS[id],
    months: months.map((month) => ({
      month,
      cells: controlCells(partial.counts[id]?.[month] ?? zero, rules),
    })),
  }));
  return {
    months,
    measures,
    rules,
    generatedAt: generatedAt.toISOString(),
    sources: partial.sources,
    dataQuality: partial.dataQuality,
  };
}
