import { html, type SafeHtml } from '../../http/html.template.ts';
import type { ExportJob, ExportResult } from './export-job.store.ts';
import { exportHead, exportPaths, formatCount, formatDuration, formatTime } from './export-page.parts.ts';
import { type PageFrame, renderLayout } from './layout.page.ts';

/** Seconds between reloads of a running job's page. */
export const EXPORT_REFRESH_SECONDS = 2;

const METHOD: Readonly<Record<ExportResult['mode'], string>> = {
  search: 'FHIR search, page by page',
  export: 'FHIR Bulk Data $export',
  directory: 'Bulk Data files',
};

type Job<S extends ExportJob['state']> = Extract<ExportJob, { state: S }>;

function runningBody(frame: PageFrame, job: Job<'running'>): SafeHtml {
  return html`<div class="export-notice export-running" role="status">
      <p>Counting ${job.period.from} to ${job.period.to}, started ${formatTime(job.startedAt)}. This page refreshes
        every ${EXPORT_REFRESH_SECONDS} seconds until the extraction has finished.</p>
    </div>
    <p><a class="btn" href="${exportPaths(frame).run(job.id)}">Refresh now</a></p>`;
}

function failedBody(frame: PageFrame, job: Job<'failed'>): SafeHtml {
  const detail =
    job.diagnostics.length > 0
      ? html`<ul>${job.diagnostics.map((d) => html`<li>${d}</li>`)}</ul>`
      : html`<p>An unexpected error stopped it. Please try again.</p>`;
  return html`<div class="export-error" role="alert">
      <p>The extraction for ${job.period.from} to ${job.period.to} did not complete.</p>
      ${detail}
    </div>
    <p><a class="btn" href="${exportPaths(frame).form}">Back to Export dataset</a></p>`;
}

function summaryFacts(job: Job<'done'>): SafeHtml {
  const { result } = job;
  const fact = (name: string, label: string, value: string) =>
    html`<div><dt>${label}</dt><dd data-summary="${name}">${value}</dd></div>`;
  return html`<div class="export-panel">
      <dl class="export-facts" aria-label="Summary">
        ${fact('resources-read', 'Resources read', formatCount(result.resourcesRead))}
        ${fact('records-counted', 'Records counted', formatCount(result.recordsCounted))}
        ${fact('duration', 'Duration', formatDuration(result.durationMs))}
        ${fact('months', 'Months', formatCount(result.months))}
      </dl>
      <p class="export-note">Read by <span data-summary="method">${METHOD[result.mode]}</span>, finished
        ${formatTime(job.finishedAt)}. Every count has been through disclosure control.</p>
    </div>`;
}

function doneBody(frame: PageFrame, job: Job<'done'>): SafeHtml {
  const paths = exportPaths(frame);
  const report = paths.file(job.id, 'report.html');
  return html`${summaryFacts(job)}
    <ul class="export-actions" aria-label="Downloads">
      <li><a class="btn btn--primary" href="${paths.file(job.id, 'measures.csv')}" download>Download measures.csv</a></li>
      <li><a class="btn" href="${paths.file(job.id, 'measure-reports.json')}" download>Download measure-reports.json</a></li>
      <li><a class="btn" href="${report}" target="_blank" rel="noopener">Open the report in a new tab</a></li>
      <li><a class="btn btn--quiet" href="${paths.form}">Run another extraction</a></li>
    </ul>
    <iframe class="export-report" sandbox src="${report}"
      title="Dataset report, ${job.period.from} to ${job.period.to}"></iframe>`;
}

function titleOf(job: ExportJob): string {
  switch (job.state) {
    case 'running':
      return 'Extraction running';
    case 'done':
      return `Dataset ${job.period.from} to ${job.period.to}`;
    case 'failed':
      return 'Extraction failed';
  }
}

function bodyOf(frame: PageFrame, job: ExportJob): SafeHtml {
  switch (job.state) {
    case 'running':
      return runningBody(frame, job);
    case 'done':
      return doneBody(frame, job);
    case 'failed':
      return failedBody(frame, job);
  }
}

/**
 * `/ehr/export/runs/{id}`: while running, a status line and a `<meta http-equiv="refresh">`; then the summary,
 * the downloads and the report in a sandboxed frame; or a discreet error with the OperationOutcome's diagnostics.
 */
export function renderExportStatus(frame: PageFrame, job: ExportJob): string {
  const title = titleOf(job);
  const main = html`<section class="page">
    <h1>${title}</h1>
    ${bodyOf(frame, job)}
  </section>`;
  const refresh = job.state === 'running' ? EXPORT_REFRESH_SECONDS : undefined;
  return renderLayout(frame, title, main, exportHead(frame, refresh));
}
