import { html, type SafeHtml } from '../../http/html.template.ts';
import type { PersonView, RecordRow, RecordView } from './record.view.ts';

/** A link in the portal's navigation. */
export interface NavLink {
  readonly href: string;
  readonly label: string;
  readonly current: boolean;
}

export interface PageFrame {
  readonly basePath: string;
  readonly nav: readonly NavLink[];
}

/** Whose record the page is, as the heading says it. */
export type PageSubject = { readonly kind: 'self' } | { readonly kind: 'proxy'; readonly name: string };

interface Column {
  readonly heading: string;
  readonly cell: (row: RecordRow) => string;
}

const DATE: Column = { heading: 'Date', cell: (r) => r.date };

function layout(frame: PageFrame, title: string, main: SafeHtml, pageClass: string): string {
  const nav = frame.nav.map(
    (link) =>
      html`<li><a href="${link.href}"${link.current ? html` aria-current="page"` : ''}>${link.label}</a></li>`,
  );
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} – Sandbox online GP record</title>
<link rel="stylesheet" href="${frame.basePath}/static/portal.css">
</head>
<body class="${pageClass}">
<header class="portal-header"><div class="portal-width">
<p class="portal-service">Sandbox online GP record</p>
<p class="portal-notice">Synthetic test data only</p>
</div></header>
<nav class="portal-nav" aria-label="Records"><ul class="portal-width">${nav}</ul></nav>
<main class="portal-width" id="main">
${main}
</main>
</body>
</html>
`.value;
}

function table(caption: string, columns: readonly Column[], rows: readonly RecordRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="portal-empty">None recorded.</p>`;
  const head = columns.map((c) => html`<th scope="col">${c.heading}</th>`);
  const body = rows.map((r) => html`<tr>${columns.map((c) => html`<td>${c.cell(r)}</td>`)}</tr>`);
  return html`<table><caption class="portal-sr-only">${caption}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function section(id: string, heading: string, content: SafeHtml): SafeHtml {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${content}</section>`;
}

function personSection(person: PersonView, subject: PageSubject): SafeHtml {
  const fields: [string, string | undefined][] = [
    ['Name', person.name],
    ['Date of birth', person.dateOfBirth],
    ['NHS number', person.nhsNumber],
    ['Gender', person.gender],
    ['Address', person.address],
  ];
  const rows = fields
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([term, value]) => html`<div class="portal-field"><dt>${term}</dt><dd>${value}</dd></div>`);
  return section('about', subject.kind === 'self' ? 'About you' : 'About', html`<dl>${rows}</dl>`);
}

interface SectionSpec {
  readonly id: string;
  readonly heading: string;
  readonly titleColumn: string;
  readonly detailColumn: string;
  readonly rows: (view: RecordView) => readonly RecordRow[];
}

/** The record's sections, in the order a patient reads them. */
const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'problems',
    heading: 'Problems',
    titleColumn: 'Problem',
    detailColumn: 'Status',
    rows: (v) => v.problems,
  },
  {
    id: 'medicines',
    heading: 'Medicines',
    titleColumn: 'Medicine',
    detailColumn: 'Dose',
    rows: (v) => v.medications,
  },
  {
    id: 'results',
    heading: 'Test results and measurements',
    titleColumn: 'Test or measurement',
    detailColumn: 'Result',
    rows: (v) => v.observations,
  },
  {
    id: 'consultations',
    heading: 'Consultations',
    titleColumn: 'Service',
    detailColumn: 'Reason',
    rows: (v) => v.consultations,
  },
];

function recordSections(view: RecordView): SafeHtml[] {
  return SECTIONS.map((spec) => {
    const columns: Column[] = [
      DATE,
      { heading: spec.titleColumn, cell: (r) => r.title },
      { heading: spec.detailColumn, cell: (r) => r.detail },
    ];
    return section(spec.id, spec.heading, table(spec.heading, columns, spec.rows(view)));
  });
}

function heading(subject: PageSubject, what: string): string {
  return subject.kind === 'self'
    ? `Your ${what}`
    : `${what.charAt(0).toUpperCase()}${what.slice(1)} of ${subject.name}`;
}

/** The record page: demographics, problems, medicines, results and consultations; nothing counted. */
export function renderRecordPage(
  frame: PageFrame,
  subject: PageSubject,
  view: RecordView,
  summaryHref: string,
): string {
  const title = heading(subject, 'GP record');
  const proxyNote =
    subject.kind === 'proxy'
      ? html`<p class="portal-lead">You are viewing this record on their behalf.</p>`
      : '';
  const main = html`<h1>${title}</h1>${proxyNote}
<p class="portal-actions"><a href="${summaryHref}">Printable summary</a></p>
${personSection(view.person, subject)}${recordSections(view)}`;
  return layout(frame, title, main, 'portal-record');
}

/** The printable summary: the same sections, laid out for paper (print stylesheet), dated. */
export function renderSummaryPage(
  frame: PageFrame,
  subject: PageSubject,
  view: RecordView,
  printedOn: string,
): string {
  const title = heading(subject, 'GP record summary');
  const main = html`<h1>${title}</h1>
<p class="portal-lead">Summary from the sandbox online GP record, ${printedOn}.</p>
<p class="portal-screen-only">To print it or save it as a PDF, use your browser’s Print command.</p>
${personSection(view.person, subject)}${recordSections(view)}`;
  return layout(frame, title, main, 'portal-summary');
}

/** A page for anything that went wrong: a title and one sentence, never a detail. */
export function renderMessagePage(frame: PageFrame, title: string, message: string): string {
  return layout(frame, title, html`<h1>${title}</h1><p class="portal-lead">${message}</p>`, 'portal-message');
}
