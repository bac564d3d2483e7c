import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNdjsonLines } from '../../src/extract/ndjson-lines.reader.ts';

async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % Math.max(1, sizes.length)] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function collect(text: string | Buffer, sizes: readonly number[] = [7], max?: number) {
  const lines: [number, string][] = [];
  const oversize: number[] = [];
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const total = await readNdjsonLines(
    chunked(bytes, sizes),
    { onLine: (t, n) => lines.push([n, t]), onOversize: (n) => oversize.push(n) },
    max,
  );
  return { lines, oversize, total };
}

describe('NDJSON line splitting', () => {
  it('numbers lines from 1, skips blank ones, strips CR and a BOM, keeps a last line without newline', async () => {
    const { lines, total } = await collect('\uFEFF{"a":1}\r\n\n  \n{"b":"é"}\n{"c":3}');
    expect(lines).toEqual([
      [1, '{"a":1}'],
      [4, '{"b":"é"}'],
      [5, '{"c":3}'],
    ]);
    expect(total).toBe(5);
  });

  it('any chunking gives the same lines, multi-byte characters included', async () => {
    const text = ['{"x":"ü€😀"}', '{"y":2}', '', '{"z":"ab\\ncd"}'].join('\n');
    const expected = (await collect(text, [1_000_000])).lines;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          expect((await collect(text, sizes)).lines).toEqual(expected);
        },
      ),
    );
  });

  it('skips an over-long line, reporting its number, and carries on', async () => {
    const { lines, oversize } = await collect(`{"a":1}\n${'x'.repeat(100)}\n{"b":2}\n`, [16], 50);
    expect(oversize).toEqual([2]);
    expect(lines).toEqual([
      [1, '{"a":1}'],
      [3, '{"b":2}'],
    ]);
  });
});
