import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/extract/progress.ts';

function harness(isTTY: boolean) {
  const written: string[] = [];
  let clock = 0;
  const progress = new Progress({
    output: { write: (t: string) => written.push(t), isTTY },
    now: () => clock,
  });
  return { written, progress, advance: (ms: number) => (clock += ms) };
}

describe('progress', () => {
  it('on a terminal: a redrawn bar with percentage, rate and ETA, then a final line', () => {
    const { written, progress, advance } = harness(true);
    progress.addTotal(1000);
    advance(2000);
    progress.update(250, 50_000);
    expect(written.at(-1)).toBe('\r[######..................] 25% 50.0k resources 25.0k/s ETA 0:06\x1b[K');
    advance(10);
    progress.update(260, 51_000);
    expect(written).toHaveLength(1);
    advance(6000);
    progress.finish(200_000);
    expect(written.at(-1)).toBe('\r[########################] 100% 200.0k resources 25.0k/s in 0:08\x1b[K\n');
  });

  it('elsewhere: a plain line every five seconds and a final line', () => {
    const { written, progress, advance } = harness(false);
    progress.addTotal(100);
    advance(1000);
    progress.update(10, 10);
    expect(written).toEqual([]);
    advance(5000);
    progress.update(50, 1_500_000);
    progress.finish(3_000_000);
    expect(written).toEqual([
      'extract: 50% 1.50M resources 250.0k/s ETA 0:06\n',
      'extract: 100% 3.00M resources 500.0k/s in 0:06\n',
    ]);
  });

  it('without a total: no bar and no ETA', () => {
    const { written, progress, advance } = harness(false);
    advance(5000);
    progress.update(10, 10);
    expect(written).toEqual(['extract: 10 resources 2/s\n']);
  });
});
