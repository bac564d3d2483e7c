import type { DisclosureRules } from '../../extract/index.ts';
import { html, type SafeHtml } from '../../http/html.template.ts';
import type { ExportJob, ExportPeriod } from './export-job.store.ts';
import { exportHead, exportPaths, formatTime, stateLabel } from './export-page.parts.ts';
import { type PageFrame, renderLayout } from './layout.page.ts';

/** A message above the form: a run is already going, or the months were not accepted. */
export type ExportNotice =
  | { readonly kind: 'busy'; readonly job: ExportJob }
  | { readonly kind: 'invalid'; readonly message: string };

export interface ExportFormView {
  /** The months in the form (the defaults, or what was posted). */
  readonly period: ExportPeriod;
  readonly rules: DisclosureRules;
  readonly recent: readonly ExportJob[];
  readonly notice?: ExportNotice;
  /** Longest period accepted, in months. */
  readonly maxMonths: number;
}

function noticeBlock(frame: PageFrame, notice: ExportNotice | undefined): SafeHtml | '' {
  if (notice === undefined) return '';
  if (notice.kind === 'invalid') {
    return html`<div class="export-error" role="alert"><p>${notice.message}</p></div>`;
  }
  const { job } = notice;
  return html`<div class="export-notice" role="status">
      <p>An extraction is already running (${job.period.from} to ${job.period.to}, started ${formatTime(job.startedAt)}).
        Only one runs at a time. <a href="${exportPaths(frame).run(job.id)}">Follow its progress</a>.</p>
    </div>`;
}

function periodFields(view: ExportFormView): SafeHtml {
  const field = (id: string, name: string, label: string, value: string) =>
    html`<div class="export-field">
      <label for="${id}">${label}</label>
      <input id="${id}" name="${name}" type="month" value="${value}" required pattern="[0-9]{4}-[0-9]{2}"
        placeholder="YYYY-MM" aria-describedby="export-period-hint">
    </div>`;
  return html`<fieldset class="export-panel">
      <legend>Period</legend>
      <div class="export-form__fields">
        ${field('export-from', 'from', 'From month', view.period.from)}
        ${field('export-to', 'to', 'To month', view.period.to)}
      </div>
      <p class="export-note" id="export-period-hint">Calendar months, first and last included (YYYY-MM), at most
        ${view.maxMonths}. Every month in the range is published, with 0 where nothing was recorded.</p>
    </fieldset>`;
}

function rulesPanel(rules: DisclosureRules): SafeHtml {
  return html`<fieldset class="export-panel">
      <legend>Disclosure control</legend>
      <dl class="export-facts">
        <div><dt>Redact counts from 1 up to</dt><dd data-rule="redact-at-or-below">${rules.redactAtOrBelow}</dd></div>
        <div><dt>Round other counts to the nearest</dt><dd data-rule="round-to">${rules.roundTo}</dd></div>
      </dl>
      <p class="export-note">The dataset defaults, fixed here. Small counts are shown as [REDACTED] and a second cell is
        redacted where one could be worked out from the total.</p>
    </fieldset>`;
}

function recentRuns(frame: PageFrame, jobs: readonly ExportJob[]): SafeHtml | '' {
  if (jobs.length === 0) return '';
  const rows = jobs.map(
    (job) => html`<tr>
      <td><a href="${exportPaths(frame).run(job.id)}">${formatTime(job.startedAt)}</a></td>
      <td class="nowrap">${job.period.from} to ${job.period.to}</td>
      <td>${stateLabel(job)}</td>
    </tr>`,
  );
  return html`<section class="export-runs" aria-labelledby="export-runs-title">
      <h2 id="export-runs-title">Recent runs</h2>
      <div class="table-wrap"><table class="table">
        <thead><tr><th scope="col">Started</th><th scope="col">Period</th><th scope="col">Status</th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>
    </section>`;
}

/** `/ehr/export`: the months, the disclosure-control settings (read only) and "Run extraction". */
export function renderExportForm(frame: PageFrame, view: ExportFormView): string {
  const main = html`<section class="page page--narrow">
    <h1>Export dataset</h1>
    <p>Counts the standardised DVA health dataset from this EHR's FHIR server. The extraction runs as a system job on
      your behalf: you receive the disclosure-controlled counts only, never patient records.</p>
    ${noticeBlock(frame, view.notice)}
    <form method="post" action="${exportPaths(frame).form}">
      ${periodFields(view)}
      ${rulesPanel(view.rules)}
      <button type="submit" class="btn btn--primary">Run extraction</button>
    </form>
    ${recentRuns(frame, view.recent)}
  </section>`;
  return renderLayout(frame, 'Export dataset', main, exportHead(frame));
}
