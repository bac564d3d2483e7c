import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from './disclosure-control.ts';
import { type OutputFiles, writePublished } from './output-files.writer.ts';
import { mergePartials, PARTIAL_FILE, readPartial } from './partial.ts';
import { publishDataset } from './published-dataset.ts';

export interface MergeOptions {
  /** Shard output directories (or their `partial.json` files), one per shard of the run. */
  readonly inputs: readonly string[];
  readonly outDir: string;
  readonly rules?: DisclosureRules;
  readonly now?: () => Date;
}

async function partialFile(input: string): Promise<string> {
  const info = await stat(input).catch(() => undefined);
  return info?.isDirectory() ? path.join(input, PARTIAL_FILE) : input;
}

/**
 * `safe-enquiry merge`: adds the exact counts of every shard (`--shard 1/n` … `n/n`), then applies disclosure
 * control once, to the totals, and writes the same three files a single run writes.
 */
export async function mergeShardResults(
  options: MergeOptions,
): Promise<{ outDir: string; files: OutputFiles; months: readonly string[] }> {
  const parts = [];
  for (const input of options.inputs) parts.push(await readPartial(await partialFile(input)));
  const merged = mergePartials(parts);
  const dataset = publishDataset(
    merged,
    options.rules ?? DEFAULT_DISCLOSURE_RULES,
    (options.now ?? (() => new Date()))(),
  );
  const files = await writePublished(options.outDir, dataset);
  return { outDir: options.outDir, files, months: dataset.months };
}
