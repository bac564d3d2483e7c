import { html, type SafeHtml } from '../../http/html.template.ts';
import type { ExportJob } from './export-job.store.ts';
import type { PageFrame } from './layout.page.ts';
import { formatUkDate } from './uk.format.ts';

/** The files of a finished run, as served under `{run}/{name}`. */
export const EXPORT_FILE_NAMES = ['measures.csv', 'measure-reports.json', 'report.html'] as const;
export type ExportFileName = (typeof EXPORT_FILE_NAMES)[number];

export interface ExportPaths {
  readonly form: string;
  readonly css: string;
  run(id: string): string;
  file(id: string, name: ExportFileName): string;
}

/** Public paths of the export pages under the simulator's base path. */
export function exportPaths(frame: Pick<PageFrame, 'basePath'>): ExportPaths {
  const form = `${frame.basePath}/export`;
  const run = (id: string) => `${form}/runs/${encodeURIComponent(id)}`;
  return {
    form,
    css: `${form}/export.css`,
    run,
    file: (id, name) => `${run(id)}/${name}`,
  };
}

/** The export stylesheet, and on a running job's page a refresh (no script: the simulator's CSP allows none). */
export function exportHead(frame: PageFrame, refreshSeconds?: number): SafeHtml {
  const refresh =
    refreshSeconds === undefined ? '' : html`<meta http-equiv="refresh" content="${refreshSeconds}">`;
  return html`<link rel="stylesheet" href="${exportPaths(frame).css}">${refresh}`;
}

/** `23 Nov 2026, 22:27` (UK time), as the rest of the simulator shows times. */
export function formatTime(instant: Date): string {
  return formatUkDate(instant.toISOString());
}

/** `850 ms`, `2.4 s`, `3 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

export function stateLabel(job: ExportJob): string {
  switch (job.state) {
    case 'running':
      return 'Running';
    case 'done':
      return 'Finished';
    case 'failed':
      return 'Failed';
  }
}
