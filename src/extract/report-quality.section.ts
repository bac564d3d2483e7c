import type { DataQuality } from './data-quality.ts';
import { isPrimaryRedacted, REDACTED, roundCount } from './disclosure-control.ts';
import { escapeHtml } from './html-escape.ts';
import type { PublishedDataset } from './published-dataset.ts';

/** A count about DVA-coded records or their patients, controlled like the dataset itself. */
export function controlQualityCount(count: number, dataset: PublishedDataset): string {
  if (isPrimaryRedacted(count, dataset.rules)) return REDACTED;
  return grouped(roundCount(count, dataset.rules.roundTo));
}

function grouped(count: number): string {
  return count.toLocaleString('en-GB');
}

type Row = readonly [label: string, value: string];

function table(caption: string, head: readonly [string, string], rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  const body = rows.map(
    ([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return [
    `<table><caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(head[0])}</th><th scope="col">${escapeHtml(head[1])}</th></tr></thead>`,
    `<tbody>${body.join('')}</tbody></table>`,
  ].join('');
}

function recordRows(q: DataQuality, dataset: PublishedDataset): Row[] {
  const c = (n: number): string => controlQualityCount(n, dataset);
  return [
    ['Records counted', c(q.recordsCounted)],
    ['Records without a date (not counted)', c(q.recordsWithoutDate)],
    ['Records whose date has no month (not counted)', c(q.recordsWithoutMonth)],
    ['Records whose subject is not a Patient (not counted)', c(q.recordsSubjectNotPatient)],
    [
      'Records excluded by status (entered in error, cancelled, refuted, revoked, not done)',
      c(q.recordsExcludedByStatus),
    ],
    ['Records outside the period', c(q.recordsOutsidePeriod)],
    ['Patients referenced but not in the Patient data (demographics unknown)', c(q.patientsNotFound)],
    ['Encounters referenced but not in the Encounter data (setting unknown)', c(q.encountersNotFound)],
  ];
}

function codeRows(q: DataQuality): Row[] {
  return [
    [
      'Records with EMIS-local SNOMED codes (namespace 1000006, not in the UK release)',
      grouped(q.emisLocalCodes),
    ],
    ['Records with codes that have no code system', grouped(q.codingsWithoutSystem)],
    ['Records with malformed SNOMED CT identifiers (format or check digit)', grouped(q.invalidSnomedCodes)],
  ];
}

function inputRows(q: DataQuality): Row[] {
  const rows: Row[] = Object.entries(q.resourcesRead)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => [`${type} resources read`, grouped(n)]);
  rows.push(['Malformed lines (skipped)', grouped(q.malformedLines)]);
  rows.push(["Resources not of their file's type", grouped(q.typeMismatches)]);
  if (q.exportErrors > 0) rows.push(['Bulk Data export error entries', grouped(q.exportErrors)]);
  for (const [type, n] of Object.entries(q.otherResourceTypes))
    rows.push([`${type} resources (not used)`, grouped(n)]);
  return rows;
}

function problemList(q: DataQuality): string {
  const lines = q.malformedExamples.map(
    (e) => `<li><code>${escapeHtml(e.file)}:${e.line}</code> ${escapeHtml(e.reason)}</li>`,
  );
  const files = q.skippedFiles.map(
    (f) => `<li><code>${escapeHtml(f.file)}</code> ${escapeHtml(f.reason)}</li>`,
  );
  const more =
    q.malformedLines > q.malformedExamples.length
      ? `<p>… and ${q.malformedLines - q.malformedExamples.length} more.</p>`
      : '';
  return [
    lines.length > 0 ? `<h3>Malformed lines</h3><ul>${lines.join('')}</ul>${more}` : '',
    files.length > 0 ? `<h3>Files not read or not read to the end</h3><ul>${files.join('')}</ul>` : '',
  ].join('');
}

/**
 * The data-quality section: counts about DVA-coded records under the same disclosure control as the dataset;
 * counts about files and all resources read are exact (they say nothing about patients).
 */
export function renderDataQuality(dataset: PublishedDataset): string {
  const q = dataset.dataQuality;
  return [
    '<section id="data-quality" aria-labelledby="h-dq"><h2 id="h-dq">Data quality</h2>',
    table('DVA-coded records (disclosure-controlled)', ['Check', 'Count'], recordRows(q, dataset)),
    table('Codes', ['Check', 'Records'], codeRows(q)),
    table('Input', ['Item', 'Count'], inputRows(q)),
    problemList(q),
    '</section>',
  ].join('');
}
