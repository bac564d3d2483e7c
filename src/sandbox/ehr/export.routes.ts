import { readFile } from 'node:fs/promises';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from '../../extract/index.ts';
import { notFound } from './ehr.errors.ts';
import { renderErrorPage } from './error.page.ts';
import { mayExportDataset } from './export-access.policy.ts';
import { type ExportNotice, renderExportForm } from './export-form.page.ts';
import type { ExportFiles, ExportJob, ExportJobStore, ExportPeriod } from './export-job.store.ts';
import { EXPORT_FILE_NAMES, type ExportFileName, exportPaths } from './export-page.parts.ts';
import { EXPORT_CSS } from './export-page.styles.ts';
import { reportContentSecurityPolicy } from './export-report.csp.ts';
import { renderExportStatus } from './export-status.page.ts';
import { frameFor, sendPage } from './http.middleware.ts';
import type { PageFrame } from './layout.page.ts';

export interface ExportRoutesDeps {
  readonly basePath: string;
  readonly jobs: ExportJobStore;
  readonly now: () => Date;
  /** Shown read-only on the form; the extraction uses the dataset defaults (7 and 5). */
  readonly rules?: DisclosureRules;
}

/** Longest period one run may cover (ten years). */
export const EXPORT_MAX_MONTHS = 120;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const periodForm = z.object({ from: z.string().regex(MONTH), to: z.string().regex(MONTH) });
const runParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
const fileParams = runParams.extend({ file: z.enum(EXPORT_FILE_NAMES) });

const FILES: Readonly<Record<ExportFileName, { key: keyof ExportFiles; type: string }>> = {
  'measures.csv': { key: 'measuresCsv', type: 'text/csv; charset=utf-8' },
  'measure-reports.json': { key: 'measureReports', type: 'application/fhir+json; charset=utf-8' },
  'report.html': { key: 'reportHtml', type: 'text/html; charset=utf-8' },
};

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last 12 months, this (UTC) month included. */
export function defaultExportPeriod(now: Date): ExportPeriod {
  const to = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return { from: monthOf(to - 11), to: monthOf(to) };
}

type PeriodParse =
  | { readonly ok: true; readonly period: ExportPeriod }
  | { readonly ok: false; readonly message: string };

/** Parses the posted months once, at the edge. */
export function parseExportPeriod(body: unknown): PeriodParse {
  const parsed = periodForm.safeParse(body ?? {});
  if (!parsed.success) return { ok: false, message: 'Enter the first and last month as YYYY-MM.' };
  const { from, to } = parsed.data;
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months < 1) return { ok: false, message: 'The first month must not be after the last month.' };
  if (months > EXPORT_MAX_MONTHS)
    return { ok: false, message: `Choose at most ${EXPORT_MAX_MONTHS} months.` };
  return { ok: true, period: { from, to } };
}

function exportFrame(basePath: string, req: Request): PageFrame {
  return { ...frameFor(basePath, req), returnTo: exportPaths({ basePath }).form };
}

function requireDataLead(basePath: string): RequestHandler {
  return (req, res, next) => {
    const frame = exportFrame(basePath, req);
    if (mayExportDataset(frame.user)) {
      next();
      return;
    }
    const message = 'Exporting the dataset is for the data lead. Switch user to continue.';
    sendPage(res, 403, renderErrorPage(frame, 'Not available', message));
  };
}

function finishedJob(jobs: ExportJobStore, params: unknown): Extract<ExportJob, { state: 'done' }> {
  const parsed = runParams.safeParse(params);
  const job = parsed.success ? jobs.get(parsed.data.id) : undefined;
  if (job?.state !== 'done') throw notFound('unknown-export-run');
  return job;
}

async function sendRunFile(jobs: ExportJobStore, req: Request, res: Response): Promise<void> {
  const parsed = fileParams.safeParse(req.params);
  if (!parsed.success) throw notFound('unknown-export-file');
  const job = finishedJob(jobs, req.params);
  const file = FILES[parsed.data.file];
  const content = await readFile(job.result.files[file.key], 'utf8').catch(() => {
    throw notFound('unknown-export-file');
  });
  if (parsed.data.file === 'report.html') {
    res.setHeader('Content-Security-Policy', reportContentSecurityPolicy(content));
  } else {
    res.attachment(parsed.data.file);
  }
  res.status(200).type(file.type).send(content);
}

function renderForm(deps: ExportRoutesDeps, frame: PageFrame, period: ExportPeriod, notice?: ExportNotice) {
  return renderExportForm(frame, {
    period,
    rules: deps.rules ?? DEFAULT_DISCLOSURE_RULES,
    recent: deps.jobs.recent(),
    maxMonths: EXPORT_MAX_MONTHS,
    ...(notice ? { notice } : {}),
  });
}

function startRun(deps: ExportRoutesDeps, req: Request, res: Response): void {
  const frame = exportFrame(deps.basePath, req);
  const parsed = parseExportPeriod(req.body);
  if (!parsed.ok) {
    const period = defaultExportPeriod(deps.now());
    sendPage(res, 400, renderForm(deps, frame, period, { kind: 'invalid', message: parsed.message }));
    return;
  }
  const started = deps.jobs.start(parsed.period);
  if (started.kind === 'busy') {
    sendPage(res, 409, renderForm(deps, frame, parsed.period, { kind: 'busy', job: started.job }));
    return;
  }
  res.redirect(303, exportPaths(frame).run(started.job.id));
}

/**
 * The data lead's "Export dataset" pages, mounted at `{basePath}/export`: the form, `POST` to start a background
 * run, the run's status page, its three files, and the stylesheet. Everyone else gets a 403 page.
 */
export function createExportRoutes(deps: ExportRoutesDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '2kb' });
  router.use(requireDataLead(deps.basePath));
  router.get('/export.css', (_req, res) => {
    res.type('css').send(EXPORT_CSS);
  });
  router.get('/', (req, res) => {
    const frame = exportFrame(deps.basePath, req);
    sendPage(res, 200, renderForm(deps, frame, defaultExportPeriod(deps.now())));
  });
  router.post('/', form, (req, res) => startRun(deps, req, res));
  router.get('/runs/:id', (req, res) => {
    const parsed = runParams.safeParse(req.params);
    const job = parsed.success ? deps.jobs.get(parsed.data.id) : undefined;
    if (!job) throw notFound('unknown-export-run');
    sendPage(res, 200, renderExportStatus(exportFrame(deps.basePath, req), job));
  });
  router.get('/runs/:id/:file', (req, res) => sendRunFile(deps.jobs, req, res));
  return router;
}
