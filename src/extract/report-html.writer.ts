import { type ControlledCount, REDACTED } from './disclosure-control.ts';
import { escapeHtml } from './html-escape.ts';
import { BREAKDOWN_OFFSETS, BREAKDOWNS } from './measures.ts';
import type { PublishedDataset, PublishedMeasure } from './published-dataset.ts';
import { renderDataQuality } from './report-quality.section.ts';
import { renderLineChart } from './svg-line-chart.ts';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.5rem;border-top:1px solid #ccc;padding-top:1rem}
h3{font-size:1.05rem}
table{border-collapse:collapse;margin:0.75rem 0 1.25rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding-bottom:0.25rem;min-width:24rem}
td.all{font-weight:600}
th,td{border:1px solid #bbb;padding:0.2rem 0.5rem;text-align:right}
th[scope=row],thead th:first-child{text-align:left}
th,td{white-space:nowrap}.overview th[scope=row]{min-width:16rem}
thead th{background:#eef2f5}
.scroll{overflow-x:auto}
code{background:#f3f3f3;padding:0 0.2rem}
.chart{width:100%;height:auto;max-width:720px}
.chart .grid{stroke:#ddd}.chart .line{fill:none;stroke:#005eb8;stroke-width:2}
.chart .point{fill:#005eb8}.chart .redacted{fill:#fff;stroke:#b24000;stroke-width:1.5}
.chart text{font-size:11px;fill:#333}.chart .ylabel{text-anchor:end;dominant-baseline:middle}
.chart .xlabel{text-anchor:middle}
.legend span{margin-right:1rem}
`;

/** A count for people: grouped digits (12,345), or the redaction marker. */
export function formatCount(count: ControlledCount): string {
  return count === REDACTED ? REDACTED : count.toLocaleString('en-GB');
}

function breakdownTable(measure: PublishedMeasure, index: number): string {
  const breakdown = BREAKDOWNS[index];
  if (breakdown === undefined || breakdown.id === 'all') return '';
  const offset = BREAKDOWN_OFFSETS[breakdown.id];
  const head = breakdown.categories.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = measure.months.map((row) => {
    const cells = breakdown.categories.map((_, i) => `<td>${formatCount(row.cells[offset + i] ?? 0)}</td>`);
    const all = `<td class="all">${formatCount(row.cells[BREAKDOWN_OFFSETS.all] ?? 0)}</td>`;
    return `<tr><th scope="row">${row.month}</th>${all}${cells.join('')}</tr>`;
  });
  return [
    '<div class="scroll"><table>',
    `<caption>${escapeHtml(measure.label)}: patients by ${breakdown.id.replace('_', ' ')}, per month</caption>`,
    `<thead><tr><th scope="col">Month</th><th scope="col">All patients</th>${head}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></div>`,
  ].join('');
}

function overviewTable(dataset: PublishedDataset): string {
  const head = dataset.months.map((m) => `<th scope="col">${m}</th>`).join('');
  const rows = dataset.measures.map((measure) => {
    const cells = measure.months.map(
      (row) => `<td>${formatCount(row.cells[BREAKDOWN_OFFSETS.all] ?? 0)}</td>`,
    );
    return `<tr><th scope="row"><a href="#m-${measure.id}">${escapeHtml(measure.label)}</a></th>${cells.join('')}</tr>`;
  });
  return [
    '<section aria-labelledby="overview"><h2 id="overview">Overview</h2><div class="scroll"><table class="overview">',
    '<caption>Patients per measure per month (all patients)</caption>',
    `<thead><tr><th scope="col">Measure</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`,
  ].join('');
}

function measureSection(measure: PublishedMeasure, dataset: PublishedDataset): string {
  const redactedLabel = `redacted (1–${dataset.rules.redactAtOrBelow} patients)`;
  const chart = renderLineChart(
    measure.months.map((row) => ({ month: row.month, count: row.cells[BREAKDOWN_OFFSETS.all] ?? 0 })),
    { id: `chart-${measure.id}`, title: `${measure.label}: patients per month`, redactedLabel },
  );
  const tables = BREAKDOWNS.map((_, i) => breakdownTable(measure, i)).join('');
  return [
    `<section id="m-${measure.id}" aria-labelledby="h-${measure.id}">`,
    `<h2 id="h-${measure.id}">${escapeHtml(measure.label)} <code>${measure.id}</code></h2>`,
    `<figure>${chart}<figcaption class="legend"><span>● patients per month (rounded)</span>`,
    `<span>◇ ${escapeHtml(redactedLabel)}</span></figcaption></figure>`,
    `<details><summary>Tables by sex, age band, ethnicity and setting</summary>${tables}</details>`,
    '</section>',
  ].join('');
}

function aboutSection(dataset: PublishedDataset): string {
  const { redactAtOrBelow, roundTo } = dataset.rules;
  return [
    '<section aria-labelledby="about"><h2 id="about">About these figures</h2>',
    '<p>Each figure is the number of <strong>distinct patients</strong> with a record coded for the measure in the',
    'calendar month (the month as written in the record). Codes come from the dataset ValueSets in',
    '<code>terminology/</code>; entered-in-error, cancelled, refuted and revoked records are not counted.</p>',
    `<p>Disclosure control: counts from 1 to ${redactAtOrBelow} are shown as <code>${REDACTED}</code>; every`,
    `other count is rounded to the nearest ${roundTo} (0 stays 0). Where only one category of a breakdown was`,
    'redacted, the next smallest is redacted too, so that no redacted figure can be worked out from the total.',
    'Categories of the setting and age-band breakdowns can overlap (a patient seen in two settings in a month counts',
    'in both), so they need not add up to the total.</p></section>',
  ].join(' ');
}

/**
 * `report.html`: self-contained (inline CSS, server-rendered SVG, no script), readable by a person and accessible
 * (table captions and header scopes, chart titles and descriptions).
 */
export function renderReportHtml(dataset: PublishedDataset): string {
  const first = dataset.months[0] ?? '—';
  const last = dataset.months[dataset.months.length - 1] ?? '—';
  const nav = dataset.measures
    .map((m) => `<li><a href="#m-${m.id}">${escapeHtml(m.label)}</a></li>`)
    .join('');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Standardised DVA dataset ${first} to ${last}</title><style>${STYLE}</style></head><body><main>`,
    `<h1>Standardised DVA dataset: ${first} to ${last}</h1>`,
    `<p>Generated ${escapeHtml(dataset.generatedAt)} from ${escapeHtml(dataset.sources.join(', '))}.</p>`,
    aboutSection(dataset),
    `<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul><li><a href="#overview">Overview</a></li>${nav}<li><a href="#data-quality">Data quality</a></li></ul></nav>`,
    overviewTable(dataset),
    ...dataset.measures.map((m) => measureSection(m, dataset)),
    renderDataQuality(dataset),
    '</main></body></html>\n',
  ].join('\n');
}
