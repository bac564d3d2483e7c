import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../shared/index.ts';
import { terminology as projectTerminology } from '../terminology/index.ts';
import { DEFAULT_POLL_TIMING, type PollTiming } from './bulk-export.client.ts';
import type { DataQuality } from './data-quality.ts';
import { DirectorySource } from './directory.source.ts';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from './disclosure-control.ts';
import { extractPartial } from './extraction-engine.ts';
import { FhirHttpClient } from './fhir-http.client.ts';
import { FhirServerSource } from './fhir-server.source.ts';
import { buildMeasureLookup } from './measure-lookup.ts';
import { type OutputFiles, writePartial, writePublished } from './output-files.writer.ts';
import { Progress, type ProgressOutput } from './progress.ts';
import { publishDataset } from './published-dataset.ts';
import { type Shard, WHOLE_RUN } from './shard.ts';
import type { ResourceSource } from './source.port.ts';
import type { MeasureTerminology } from './terminology.port.ts';

export interface ExtractionOptions {
  /** A directory of FHIR Bulk Data NDJSON, or a FHIR base URL (http or https). */
  readonly source: string;
  readonly outDir: string;
  /** First and last month (`YYYY-MM`) to count and publish; by default the months the data covers. */
  readonly from?: string;
  readonly to?: string;
  /** Process only this shard's patients and write `partial.json` (for `merge`) instead of the outputs. */
  readonly shard?: Shard;
  readonly rules?: DisclosureRules;
  /** Bearer token for a FHIR server source. */
  readonly token?: string;
  /** The project terminology (src/terminology, built from `terminology/`); replaceable in tests. */
  readonly terminology?: MeasureTerminology;
  /** Progress output (a TTY gets a bar); none by default. */
  readonly progress?: ProgressOutput;
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
  readonly pollTiming?: PollTiming;
  /** `_count` for paged search (default 1000). */
  readonly pageSize?: number;
}

export interface ExtractionSummary {
  readonly source: string;
  readonly mode: 'directory' | 'export' | 'search';
  readonly shard: Shard;
  readonly months: readonly string[];
  readonly resourcesRead: number;
  readonly recordsCounted: number;
  readonly dataQuality: DataQuality;
  readonly files: OutputFiles;
  readonly durationMs: number;
  /** What extraction memory grew with: distinct record keys, referenced patients and encounters. */
  readonly held: { readonly keys: number; readonly patients: number; readonly encounters: number };
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const periodSchema = z
  .object({ from: z.string().regex(MONTH).optional(), to: z.string().regex(MONTH).optional() })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, '--from is after --to');

function inputError(reason: string, diagnostics: string): OperationOutcomeError {
  return OperationOutcomeError.of(400, { code: IssueType.invalid, reason, diagnostics });
}

function validate(options: ExtractionOptions): void {
  const period = periodSchema.safeParse({ from: options.from, to: options.to });
  if (!period.success) {
    throw inputError('extract-bad-month', period.error.issues[0]?.message ?? 'bad month (expected YYYY-MM)');
  }
  const rules = options.rules ?? DEFAULT_DISCLOSURE_RULES;
  if (
    !Number.isInteger(rules.redactAtOrBelow) ||
    rules.redactAtOrBelow < 0 ||
    !Number.isInteger(rules.roundTo) ||
    rules.roundTo < 1
  ) {
    throw inputError(
      'extract-bad-rules',
      'redact-at-or-below must be an integer ≥ 0 and round-to an integer ≥ 1',
    );
  }
}

async function openSource(
  options: ExtractionOptions,
): Promise<{ source: ResourceSource; mode: ExtractionSummary['mode'] }> {
  if (!/^https?:\/\//i.test(options.source))
    return { source: await DirectorySource.open(options.source), mode: 'directory' };
  let client: FhirHttpClient;
  try {
    client = new FhirHttpClient({
      baseUrl: options.source,
      fetch: options.fetch ?? fetch,
      ...(options.token ? { token: options.token } : {}),
    });
  } catch {
    throw inputError('extract-bad-source', `not a valid URL: ${options.source}`);
  }
  const server = await FhirServerSource.open({
    client,
    timing: options.pollTiming ?? DEFAULT_POLL_TIMING,
    pageSize: options.pageSize ?? 1000,
  });
  return { source: server, mode: server.mode };
}

/**
 * Extracts the standardised DVA dataset (shared/docs/dataset.md) from NDJSON or a FHIR server and writes
 * `measures.csv`, `measure-reports.json` and `report.html` to `outDir` — or, for a shard, the exact `partial.json`
 * that `mergeShardResults` combines. Throws OperationOutcomeError: status 400 for bad input, 502 for a FHIR server
 * failure (its OperationOutcome issues included).
 */
export async function runExtraction(
  options: ExtractionOptions,
): Promise<{ outDir: string; summary: ExtractionSummary }> {
  validate(options);
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const terminology = options.terminology ?? projectTerminology;
  const shard = options.shard ?? WHOLE_RUN;
  const { source, mode } = await openSource(options);
  const progress = new Progress(
    options.progress ? { output: options.progress, now: () => performance.now() } : undefined,
  );
  const { partial, stats } = await extractPartial(source, {
    lookup: buildMeasureLookup(terminology),
    terminology,
    shard,
    progress,
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  });
  const dataset = publishDataset(partial, options.rules ?? DEFAULT_DISCLOSURE_RULES, now());
  const files: OutputFiles =
    shard.count > 1
      ? { partial: await writePartial(options.outDir, partial) }
      : await writePublished(options.outDir, dataset);
  const summary: ExtractionSummary = {
    source: source.description,
    mode,
    shard,
    months: dataset.months,
    resourcesRead: stats.resourcesRead,
    recordsCounted: partial.dataQuality.recordsCounted,
    dataQuality: partial.dataQuality,
    files,
    durationMs: Math.round(performance.now() - started),
    held: { keys: stats.keys, patients: stats.patientsReferenced, encounters: stats.encountersReferenced },
  };
  return { outDir: options.outDir, summary };
}
