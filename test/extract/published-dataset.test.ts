import { describe, expect, it } from 'vitest';
import { emptyDataQuality } from '../../src/extract/data-quality.ts';
import { CELLS_PER_MONTH } from '../../src/extract/measures.ts';
import type { PartialResult } from '../../src/extract/partial.ts';
import { monthRange, publishedMonths } from '../../src/extract/published-dataset.ts';

function partial(months: readonly string[], period: PartialResult['period'] = {}): PartialResult {
  const cells = new Array<number>(CELLS_PER_MONTH).fill(1);
  return {
    format: 'safe-enquiry-extract-partial',
    version: 1,
    shard: { index: 1, count: 1 },
    terminology: 'x',
    period,
    sources: ['memory'],
    counts: { disclosure: Object.fromEntries(months.map((m) => [m, cells])) },
    dataQuality: emptyDataQuality(),
  };
}

describe('published months', () => {
  it('spans years and includes every month', () => {
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it.each([
    [['2024-03', '2024-01'], {}, ['2024-01', '2024-02', '2024-03']],
    [[], {}, []],
    [[], { from: '2024-05' }, ['2024-05']],
    [['2024-01'], { from: '2024-03' }, ['2024-03']],
    [['2024-02'], { to: '2024-03' }, ['2024-02', '2024-03']],
    [['2024-02'], { from: '2023-12', to: '2024-01' }, ['2023-12', '2024-01']],
  ])('months %j with period %j → %j', (months, period, expected) => {
    expect(publishedMonths(partial(months, period))).toEqual(expected);
  });
});
