import { REDACTED } from './disclosure-control.ts';
import { BREAKDOWN_OFFSETS, BREAKDOWNS } from './measures.ts';
import type { PublishedDataset } from './published-dataset.ts';

/** dataset.md "Output (CONTRACT: measures.csv)": the header, exactly. */
export const MEASURES_CSV_HEADER = 'measure,period,breakdown,category,count';

/**
 * One row per measure × month × breakdown × category, in measure, month, breakdown and category order. No field
 * can contain a comma, quote or newline (ids, `YYYY-MM`, fixed category names, numbers, `[REDACTED]`), so no quoting.
 */
export function renderMeasuresCsv(dataset: PublishedDataset): string {
  const lines = [MEASURES_CSV_HEADER];
  for (const measure of dataset.measures) {
    for (const { month, cells } of measure.months) {
      for (const breakdown of BREAKDOWNS) {
        const offset = BREAKDOWN_OFFSETS[breakdown.id];
        breakdown.categories.forEach((category, i) => {
          const count = cells[offset + i] ?? 0;
          lines.push(
            `${measure.id},${month},${breakdown.id},${category},${count === REDACTED ? REDACTED : count}`,
          );
        });
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
