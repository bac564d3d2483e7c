import type { Patient } from 'fhir/r4.js';
import { html } from '../../http/html.template.ts';
import { type PageFrame, renderLayout } from './layout.page.ts';
import { ageInYears, formatGender, formatPatientName, formatUkDate, nhsNumber } from './uk.format.ts';

function patientRow(frame: PageFrame, patient: Patient, today: Date) {
  const age = ageInYears(patient.birthDate, today);
  return html`<tr>
    <td><a href="${frame.basePath}/patients/${patient.id ?? ''}">${formatPatientName(patient)}</a></td>
    <td class="nowrap">${nhsNumber(patient.identifier) ?? '–'}</td>
    <td class="nowrap">${formatUkDate(patient.birthDate) || '–'}</td>
    <td>${age === undefined ? '–' : `${age}y`}</td>
    <td>${formatGender(patient.gender)}</td>
  </tr>`;
}

/** The patient list: a search box (name, NHS number or date of birth) and a table of matches. */
export function renderPatientList(
  frame: PageFrame,
  patients: readonly Patient[],
  query: string,
  today: Date,
): string {
  const rows = patients.map((p) => patientRow(frame, p, today));
  const table = patients.length
    ? html`<div class="table-wrap"><table class="table">
        <caption class="visually-hidden">Patients</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">NHS number</th><th scope="col">Date of birth</th>
          <th scope="col">Age</th><th scope="col">Gender</th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>`
    : html`<p class="empty">No patients match “${query}”.</p>`;
  const main = html`<section class="page">
    <h1>Patients</h1>
    <form class="search" method="get" action="${frame.basePath}/" role="search">
      <label for="patient-search">Find a patient</label>
      <input id="patient-search" name="q" type="search" value="${query}" autocomplete="off"
        placeholder="Name, NHS number or date of birth (dd/mm/yyyy)">
      <button type="submit" class="btn">Search</button>
    </form>
    <p class="muted" role="status">${patients.length} ${patients.length === 1 ? 'patient' : 'patients'}</p>
    ${table}
  </section>`;
  return renderLayout(frame, 'Patients', main);
}
