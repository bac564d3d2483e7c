import type { Encounter, Patient } from 'fhir/r4.js';
import { html, type SafeHtml } from '../../http/html.template.ts';
import {
  encounterServiceText,
  encountersTable,
  medicationsTable,
  observationsTable,
  problemsTable,
} from './chart-sections.view.ts';
import type { Chart } from './ehr-records.ts';
import { ENCOUNTER_SERVICES, type EncounterService } from './encounter.builder.ts';
import type { EhrHook } from './hook-request.builder.ts';
import { type PageFrame, renderLayout } from './layout.page.ts';
import { ageInYears, formatGender, formatPatientName, formatUkDate, nhsNumber } from './uk.format.ts';

export interface ChartView {
  readonly chart: Chart;
  /** The encounter the chart is open in, if any. */
  readonly encounter?: Encounter;
  /** The hook the page fires when it loads. */
  readonly hook: EhrHook;
  readonly service: EncounterService;
  readonly today: Date;
}

function banner(patient: Patient, today: Date): SafeHtml {
  const age = ageInYears(patient.birthDate, today);
  const postcode = patient.address?.[0]?.postalCode;
  const gp = patient.generalPractitioner?.[0]?.display;
  const field = (label: string, value: string | undefined) =>
    value ? html`<div class="banner__field"><dt>${label}</dt><dd>${value}</dd></div>` : '';
  return html`<section class="banner" aria-labelledby="patient-name">
    <h1 id="patient-name" class="banner__name">${formatPatientName(patient)}</h1>
    <dl class="banner__fields">
      ${field('Born', `${formatUkDate(patient.birthDate) || 'Not recorded'}${age === undefined ? '' : ` (${age}y)`}`)}
      ${field('Gender', formatGender(patient.gender))}
      ${field('NHS No.', nhsNumber(patient.identifier) ?? 'Not recorded')}
      ${field('Postcode', postcode)}
      ${field('Usual GP', gp)}
    </dl>
  </section>`;
}

function encounterBar(frame: PageFrame, view: ChartView): SafeHtml {
  const patientId = view.chart.patient.id ?? '';
  const current = view.encounter
    ? html`<p class="encounter-bar__current"><span class="pill pill--active">In progress</span>
        ${encounterServiceText(view.encounter)} encounter, started ${formatUkDate(view.encounter.period?.start)}</p>`
    : html`<p class="encounter-bar__current muted">No encounter in progress.</p>`;
  const options = Object.entries(ENCOUNTER_SERVICES).map(
    ([key, s]) =>
      html`<option value="${key}"${key === view.service ? html` selected` : ''}>${s.label}</option>`,
  );
  const launch = `${frame.basePath}/launch?patient=${encodeURIComponent(patientId)}${
    view.encounter?.id ? `&encounter=${encodeURIComponent(view.encounter.id)}` : ''
  }`;
  return html`<section class="encounter-bar" aria-label="Encounter">
    ${current}
    <nav class="encounter-bar__apps" aria-label="Apps">
      <a class="btn btn--quiet" href="${launch}" target="_blank" rel="noopener">Safe Enquiry</a>
      <a class="btn btn--quiet" href="${launch}&role=safeguarding" target="_blank" rel="noopener">Safeguarding review</a>
    </nav>
    <form class="encounter-bar__form" method="post" action="${frame.basePath}/patients/${patientId}/encounters">
      <label for="service-type">Service</label>
      <select id="service-type" name="service">${options}</select>
      <button type="submit" class="btn btn--primary">Start encounter</button>
    </form>
  </section>`;
}

function section(id: string, title: string, count: number, body: SafeHtml): SafeHtml {
  return html`<section class="chart-section" id="${id}" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title} <span class="count">${count}</span></h2>${body}</section>`;
}

function cdsPanel(frame: PageFrame, view: ChartView): SafeHtml {
  return html`<aside class="cds-panel" aria-labelledby="cds-title" data-cds-panel
      data-api="${frame.basePath}/api" data-hook="${view.hook}" data-patient="${view.chart.patient.id ?? ''}"
      data-encounter="${view.encounter?.id ?? ''}">
    <div class="cds-panel__head">
      <h2 id="cds-title">Decision support</h2>
      <details class="cds-panel__settings">
        <summary>Settings</summary>
        <label><input type="checkbox" id="send-prefetch" checked> Send prefetch</label>
        <button type="button" class="btn btn--quiet" data-refire>Check again</button>
      </details>
    </div>
    <p class="cds-panel__status" id="cds-status" role="status" aria-live="polite">Checking…</p>
    <div class="cds-panel__cards" id="cds-cards"></div>
    <noscript><p class="muted">Decision support needs JavaScript.</p></noscript>
  </aside>`;
}

/** The chart: banner, encounter bar, record sections and the CDS side panel (filled by static/ehr.js). */
export function renderChart(frame: PageFrame, view: ChartView): string {
  const { chart } = view;
  const nav = html`<nav class="chart-nav" aria-label="Record sections">
    <a href="#problems">Problems</a><a href="#encounters">Encounters</a>
    <a href="#medications">Medications</a><a href="#observations">Observations</a></nav>`;
  const main = html`${banner(chart.patient, view.today)}${encounterBar(frame, view)}
  <div class="chart">
    <div class="chart__record">
      ${nav}
      ${section('problems', 'Problems', chart.conditions.length, problemsTable(chart.conditions))}
      ${section('encounters', 'Encounters', chart.encounters.length, encountersTable(chart.encounters))}
      ${section('medications', 'Medications', chart.medications.length, medicationsTable(chart.medications))}
      ${section('observations', 'Observations', chart.observations.length, observationsTable(chart.observations))}
    </div>
    ${cdsPanel(frame, view)}
  </div>`;
  return renderLayout(frame, formatPatientName(chart.patient), main);
}
