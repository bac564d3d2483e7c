import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExtractionSummary } from '../../extract/index.ts';
import { OperationOutcomeError } from '../../shared/index.ts';

/** The months an export covers (`YYYY-MM`, inclusive). */
export interface ExportPeriod {
  readonly from: string;
  readonly to: string;
}

/** The files of a finished run, by absolute path. */
export interface ExportFiles {
  readonly measuresCsv: string;
  readonly measureReports: string;
  readonly reportHtml: string;
}

/** What the status page shows of a finished run (counts and timings only, no record-level data). */
export interface ExportResult {
  readonly mode: ExtractionSummary['mode'];
  readonly months: number;
  readonly resourcesRead: number;
  readonly recordsCounted: number;
  readonly durationMs: number;
  readonly files: ExportFiles;
}

interface JobBase {
  readonly id: string;
  readonly period: ExportPeriod;
  readonly startedAt: Date;
}

/** One run: running, done with its result, or failed with the OperationOutcome's (PHI-free) diagnostics. */
export type ExportJob =
  | (JobBase & { readonly state: 'running' })
  | (JobBase & { readonly state: 'done'; readonly finishedAt: Date; readonly result: ExportResult })
  | (JobBase & {
      readonly state: 'failed';
      readonly finishedAt: Date;
      /** Diagnostics of an OperationOutcomeError; empty for an unexpected failure (never a stack). */
      readonly diagnostics: readonly string[];
    });

export type StartResult =
  | { readonly kind: 'started'; readonly job: ExportJob }
  | { readonly kind: 'busy'; readonly job: ExportJob };

/** Runs the extraction for a period into `outDir` (created empty beforehand) and returns its summary. */
export type ExportExtractor = (period: ExportPeriod, outDir: string) => Promise<ExtractionSummary>;

export interface ExportJobStoreOptions {
  readonly extract: ExportExtractor;
  /** Runs go under `{dataDir}/exports` (emptied at the first run of a process); under the OS temp dir when absent. */
  readonly dataDir?: string;
  /** Runs kept, the running one included; older runs and their folders are deleted. Default 3. */
  readonly keep?: number;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** PHI-free events: ids, counts, durations, reason codes. */
  readonly log?: (event: string, fields: Readonly<Record<string, string | number>>) => void;
}

/** Background extraction runs, one at a time, the last few kept (in memory; their files on disk). */
export interface ExportJobStore {
  /** Starts a run unless one is running (then `busy` with that run). Returns at once; the run goes on. */
  start(period: ExportPeriod): StartResult;
  get(id: string): ExportJob | undefined;
  /** The kept runs, newest first. */
  recent(): readonly ExportJob[];
  /** Waits for a running job, then deletes every run folder. */
  close(): Promise<void>;
}

const DEFAULT_KEEP = 3;

function failureDiagnostics(err: unknown): readonly string[] {
  if (!(err instanceof OperationOutcomeError)) return [];
  return err.outcome.issue.flatMap((issue) => (issue.diagnostics ? [issue.diagnostics] : []));
}

function failureReason(err: unknown): string {
  if (!(err instanceof OperationOutcomeError)) return err instanceof Error ? err.name : typeof err;
  return err.outcome.issue[0]?.details?.coding?.[0]?.code ?? `http-${err.status}`;
}

function resultOf(summary: ExtractionSummary): ExportResult {
  const { measuresCsv, measureReports, reportHtml } = summary.files;
  if (measuresCsv === undefined || measureReports === undefined || reportHtml === undefined) {
    throw new Error('extraction wrote no published files');
  }
  return {
    mode: summary.mode,
    months: summary.months.length,
    resourcesRead: summary.resourcesRead,
    recordsCounted: summary.recordsCounted,
    durationMs: summary.durationMs,
    files: { measuresCsv, measureReports, reportHtml },
  };
}

async function openRoot(dataDir: string | undefined): Promise<string> {
  if (dataDir === undefined) return mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-exports-'));
  const root = path.join(dataDir, 'exports');
  // The run index lives in memory, so folders left by an earlier process are unreachable: start clean.
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  return root;
}

class ExportJobs implements ExportJobStore {
  readonly #options: ExportJobStoreOptions;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #log: NonNullable<ExportJobStoreOptions['log']>;
  readonly #keep: number;
  /** Newest first. */
  readonly #jobs: ExportJob[] = [];
  readonly #dirs = new Map<string, string>();
  #root: Promise<string> | undefined;
  #running: Promise<void> | undefined;

  constructor(options: ExportJobStoreOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#log = options.log ?? (() => undefined);
    this.#keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
  }

  start(period: ExportPeriod): StartResult {
    const current = this.#jobs.find((j) => j.state === 'running');
    if (current) return { kind: 'busy', job: current };
    const job: ExportJob = { id: this.#newId(), period, startedAt: this.#now(), state: 'running' };
    this.#jobs.unshift(job);
    this.#prune();
    this.#log('ehr-export-started', { id: job.id, from: period.from, to: period.to });
    this.#running = this.#execute(job).finally(() => {
      this.#running = undefined;
    });
    return { kind: 'started', job };
  }

  get(id: string): ExportJob | undefined {
    return this.#jobs.find((j) => j.id === id);
  }

  recent(): readonly ExportJob[] {
    return [...this.#jobs];
  }

  async close(): Promise<void> {
    await this.#running;
    this.#jobs.length = 0;
    this.#dirs.clear();
    const root = this.#root;
    this.#root = undefined;
    if (root !== undefined) await rm(await root, { recursive: true, force: true });
  }

  async #execute(job: ExportJob): Promise<void> {
    try {
      const outDir = await this.#makeRunDir();
      this.#dirs.set(job.id, outDir);
      const result = resultOf(await this.#options.extract(job.period, outDir));
      this.#replace({ ...job, state: 'done', finishedAt: this.#now(), result });
      this.#log('ehr-export-done', {
        id: job.id,
        durationMs: result.durationMs,
        resourcesRead: result.resourcesRead,
        recordsCounted: result.recordsCounted,
      });
    } catch (err) {
      this.#replace({
        ...job,
        state: 'failed',
        finishedAt: this.#now(),
        diagnostics: failureDiagnostics(err),
      });
      this.#log('ehr-export-failed', { id: job.id, reason: failureReason(err) });
    }
  }

  async #makeRunDir(): Promise<string> {
    this.#root ??= openRoot(this.#options.dataDir);
    try {
      return await mkdtemp(path.join(await this.#root, 'run-'));
    } catch (err) {
      this.#root = undefined;
      throw err;
    }
  }

  #replace(job: ExportJob): void {
    const index = this.#jobs.findIndex((j) => j.id === job.id);
    if (index >= 0) this.#jobs[index] = job;
  }

  /** Drops the runs beyond `keep` (never the running one: it is the newest) and deletes their folders. */
  #prune(): void {
    for (const old of this.#jobs.splice(this.#keep)) {
      const dir = this.#dirs.get(old.id);
      this.#dirs.delete(old.id);
      if (dir === undefined) continue;
      rm(dir, { recursive: true, force: true }).catch((err: unknown) => {
        this.#log('ehr-export-cleanup-failed', { id: old.id, reason: failureReason(err) });
      });
    }
  }
}

/** Creates the store behind the simulator's "Export dataset" page. */
export function createExportJobStore(options: ExportJobStoreOptions): ExportJobStore {
  return new ExportJobs(options);
}
