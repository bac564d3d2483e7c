import { z } from 'zod';
import {
  disclosureFlags,
  monthFlag,
  parseFlags,
  reportFailure,
  usageError,
  validateFlags,
} from './cli-args.ts';
import type { DataQuality } from './data-quality.ts';
import { type ExtractionOptions, runExtraction } from './run-extraction.ts';
import { shardSchema } from './shard.ts';

/** Environment variable holding the FHIR server's bearer token (never a flag: flags show up in `ps`). */
export const TOKEN_ENV = 'SAFE_ENQUIRY_FHIR_TOKEN';

const USAGE = `usage: safe-enquiry extract --source <dir | FHIR base URL> --out <dir> [options]

  --source <dir|url>          folder of FHIR Bulk Data NDJSON (.ndjson, .ndjson.gz) or a FHIR base URL
  --out <dir>                 where to write measures.csv, measure-reports.json and report.html
  --from YYYY-MM, --to YYYY-MM   first and last month (default: the months the data covers)
  --shard i/n                 only this shard's patients; writes partial.json for 'safe-enquiry merge'
  --redact-at-or-below <n>    redact counts 1…n (default 7)
  --round-to <n>              round other counts to the nearest n (default 5)

environment: ${TOKEN_ENV}  bearer token for a FHIR server source`;

const FLAGS = {
  source: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  shard: { type: 'string' },
  'redact-at-or-below': { type: 'string' },
  'round-to': { type: 'string' },
  help: { type: 'boolean' },
} as const;

const argsSchema = z.object({
  source: z.string({ error: 'is required' }).min(1, 'is required'),
  out: z.string({ error: 'is required' }).min(1, 'is required'),
  from: monthFlag.optional(),
  to: monthFlag.optional(),
  shard: shardSchema.optional(),
  ...disclosureFlags,
});

const envSchema = z.object({ [TOKEN_ENV]: z.string().min(1).optional() });

/** Parses `extract` arguments and the environment into runExtraction options (usage errors throw, status 400). */
export function parseExtractArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ExtractionOptions | 'help' {
  const { values } = parseFlags(args, FLAGS, false);
  if (values.help) return 'help';
  const flags = validateFlags(argsSchema, values);
  if (flags.from !== undefined && flags.to !== undefined && flags.from > flags.to) {
    throw usageError(`--from ${flags.from} is after --to ${flags.to}`);
  }
  const token = envSchema.safeParse(env).data?.[TOKEN_ENV];
  return {
    source: flags.source,
    outDir: flags.out,
    rules: { redactAtOrBelow: flags['redact-at-or-below'], roundTo: flags['round-to'] },
    ...(flags.from ? { from: flags.from } : {}),
    ...(flags.to ? { to: flags.to } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(token ? { token } : {}),
  };
}

function warnMalformed(quality: DataQuality, writeError: (line: string) => void): void {
  for (const problem of quality.malformedExamples) {
    writeError(`warning: ${problem.file}:${problem.line}: ${problem.reason}; line skipped`);
  }
  const unlisted = quality.malformedLines - quality.malformedExamples.length;
  if (unlisted > 0) writeError(`warning: ${unlisted} more malformed line(s) skipped`);
  for (const skipped of quality.skippedFiles) writeError(`note: ${skipped.file}: ${skipped.reason}`);
}

/** `safe-enquiry extract …` (exit codes: 0 ok, 1 runtime failure such as a FHIR server error, 2 usage/input error). */
export async function run(args: readonly string[]): Promise<number> {
  const writeError = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const options = parseExtractArgs(args, process.env);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const { summary } = await runExtraction({ ...options, progress: process.stderr });
    warnMalformed(summary.dataQuality, writeError);
    const files = Object.values(summary.files).join(', ');
    const period =
      summary.months.length > 0 ? `${summary.months[0]} to ${summary.months.at(-1)}` : 'no months';
    process.stdout.write(
      `wrote ${files} (${summary.resourcesRead} resources read, ${summary.recordsCounted} records counted, ${period})\n`,
    );
    return 0;
  } catch (error) {
    return reportFailure('extract', error, writeError);
  }
}
