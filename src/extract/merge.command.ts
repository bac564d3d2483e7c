import { z } from 'zod';
import { disclosureFlags, parseFlags, reportFailure, usageError, validateFlags } from './cli-args.ts';
import { mergeShardResults } from './merge-shards.ts';

const USAGE = `usage: safe-enquiry merge <shard dir…> --out <dir> [--redact-at-or-below n] [--round-to n]

Adds the exact partial.json of every shard of one 'extract --shard i/n' run, then applies disclosure control
once and writes measures.csv, measure-reports.json and report.html.`;

const FLAGS = {
  out: { type: 'string' },
  'redact-at-or-below': { type: 'string' },
  'round-to': { type: 'string' },
  help: { type: 'boolean' },
} as const;

const argsSchema = z.object({
  out: z.string({ error: 'is required' }).min(1, 'is required'),
  ...disclosureFlags,
});

/** `safe-enquiry merge <dirs…> --out <dir>` (exit codes: 0 ok, 1 runtime failure, 2 usage/input error). */
export async function run(args: readonly string[]): Promise<number> {
  const writeError = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const { values, positionals } = parseFlags(args, FLAGS, true);
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const flags = validateFlags(argsSchema, values);
    if (positionals.length === 0) throw usageError('give the shard output directories to merge (try --help)');
    const result = await mergeShardResults({
      inputs: positionals,
      outDir: flags.out,
      rules: { redactAtOrBelow: flags['redact-at-or-below'], roundTo: flags['round-to'] },
    });
    process.stdout.write(
      `wrote ${Object.values(result.files).join(', ')} from ${positionals.length} shard(s)\n`,
    );
    return 0;
  } catch (error) {
    return reportFailure('merge', error, writeError);
  }
}
