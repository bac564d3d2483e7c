import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../shared/index.ts';
import { type DataQuality, dataQualitySchema, mergeDataQuality } from './data-quality.ts';
import { CELLS_PER_MONTH, MEASURE_IDS } from './measures.ts';
import type { Shard } from './shard.ts';
import type { ExactCounts } from './tally.ts';

export const PARTIAL_FILE = 'partial.json';
const FORMAT = 'safe-enquiry-extract-partial';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/**
 * The exact, pre-disclosure-control result of one run or shard: counts per measure × month × breakdown category
 * and data quality. It holds counts only — never a patient id — and is what leaves a shard's machine for `merge`.
 * Its small counts are not yet disclosure-controlled: handle it like the extract itself.
 */
export const partialSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  terminology: z.string(),
  period: z.object({ from: monthSchema.optional(), to: monthSchema.optional() }),
  sources: z.array(z.string()),
  counts: z.partialRecord(
    z.enum(MEASURE_IDS),
    z.record(monthSchema, z.array(z.number().int().nonnegative()).length(CELLS_PER_MONTH)),
  ),
  dataQuality: dataQualitySchema,
});
export type PartialResult = z.infer<typeof partialSchema>;

export interface PartialInput {
  readonly shard: Shard;
  readonly terminology: string;
  readonly period: { readonly from?: string; readonly to?: string };
  readonly source: string;
  readonly counts: ExactCounts;
  readonly dataQuality: DataQuality;
}

export function buildPartial(input: PartialInput): PartialResult {
  const counts: PartialResult['counts'] = {};
  for (const id of MEASURE_IDS) {
    const byMonth = input.counts.get(id);
    if (byMonth === undefined) continue;
    counts[id] = Object.fromEntries([...byMonth].sort(([a], [b]) => a.localeCompare(b)));
  }
  return {
    format: FORMAT,
    version: 1,
    shard: { index: input.shard.index, count: input.shard.count },
    terminology: input.terminology,
    period: { ...input.period },
    sources: [input.source],
    counts,
    dataQuality: input.dataQuality,
  };
}

function inputError(reason: string, diagnostics: string): OperationOutcomeError {
  return OperationOutcomeError.of(400, { code: IssueType.invalid, reason, diagnostics });
}

/** Reads and validates a partial.json; a missing or invalid file is an input error. */
export async function readPartial(file: string): Promise<PartialResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw inputError('extract-partial-unreadable', `cannot read ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw inputError('extract-partial-invalid', `${file} is not valid JSON`);
  }
  const parsed = partialSchema.safeParse(json);
  if (!parsed.success)
    throw inputError('extract-partial-invalid', `${file} is not an extraction partial.json`);
  return parsed.data;
}

function checkShardSet(parts: readonly PartialResult[]): void {
  const count = parts[0]?.shard.count ?? 1;
  const seen = new Set<number>();
  for (const part of parts) {
    if (part.shard.count !== count)
      throw inputError('extract-shards-mixed', 'the results come from different --shard n');
    if (seen.has(part.shard.index)) {
      throw inputError('extract-shard-duplicate', `shard ${part.shard.index}/${count} is given twice`);
    }
    seen.add(part.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw inputError(
      'extract-shard-missing',
      `missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}`,
    );
  }
}

function checkSameRun(parts: readonly PartialResult[]): void {
  const first = parts[0];
  for (const part of parts) {
    if (part.terminology !== first?.terminology) {
      throw inputError(
        'extract-terminology-mismatch',
        'the shards were extracted with different measure ValueSets',
      );
    }
    if (part.period.from !== first.period.from || part.period.to !== first.period.to) {
      throw inputError('extract-period-mismatch', 'the shards were extracted with different --from/--to');
    }
  }
}

function addCounts(into: PartialResult['counts'], from: PartialResult['counts']): void {
  for (const [measure, byMonth] of Object.entries(from) as [keyof typeof from, Record<string, number[]>][]) {
    const target = into[measure] ?? {};
    into[measure] = target;
    for (const [month, cells] of Object.entries(byMonth)) {
      const sum = target[month] ?? new Array<number>(CELLS_PER_MONTH).fill(0);
      target[month] = sum.map((value, i) => value + (cells[i] ?? 0));
    }
  }
}

/**
 * Merges the partials of every shard of one run (`--shard 1/n` … `n/n`). Each patient is in exactly one shard, so
 * distinct-patient counts add exactly; disclosure control is applied after this, never before.
 */
export function mergePartials(parts: readonly PartialResult[]): PartialResult {
  const first = parts[0];
  if (first === undefined) throw inputError('extract-merge-empty', 'nothing to merge');
  checkShardSet(parts);
  checkSameRun(parts);
  const counts: PartialResult['counts'] = {};
  for (const part of parts) addCounts(counts, part.counts);
  return {
    ...first,
    shard: { index: 1, count: 1 },
    sources: [...new Set(parts.flatMap((p) => p.sources))],
    counts,
    dataQuality: mergeDataQuality(parts.map((p) => p.dataQuality)),
  };
}
