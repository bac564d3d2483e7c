import type {
  CodeableConcept,
  Condition,
  Encounter,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Resource,
} from 'fhir/r4.js';
import { html, type SafeHtml } from '../../http/html.template.ts';
import { isRestricted } from '../../shared/index.ts';
import { serviceLabel } from './encounter.builder.ts';
import { conceptText, formatUkDate } from './uk.format.ts';

export interface Column<T> {
  readonly heading: string;
  readonly cell: (item: T) => string | SafeHtml;
}

/**
 * The first cell of a restricted row (confidentiality R/V or SDV) stays closed until the clinician opens it: the
 * screen may be seen by others in the room (domain.md).
 */
function firstCell(resource: Resource, content: string | SafeHtml): SafeHtml {
  if (!isRestricted(resource)) return html`${content}`;
  return html`<details class="restricted"><summary>Restricted entry</summary>${content}</details>`;
}

function table<T extends Resource>(
  caption: string,
  columns: readonly Column<T>[],
  items: readonly T[],
): SafeHtml {
  if (items.length === 0) return html`<p class="empty">None recorded.</p>`;
  const head = columns.map((c) => html`<th scope="col">${c.heading}</th>`);
  const rows = items.map(
    (item) =>
      html`<tr>${columns.map((c, i) => html`<td>${i === 0 ? firstCell(item, c.cell(item)) : c.cell(item)}</td>`)}</tr>`,
  );
  return html`<div class="table-wrap"><table class="table">
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function statusOf(concept: CodeableConcept | undefined): string {
  return concept?.coding?.[0]?.code ?? '';
}

export function problemsTable(conditions: readonly Condition[]): SafeHtml {
  return table(
    'Problems',
    [
      { heading: 'Problem', cell: (c) => conceptText(c.code) || 'Unnamed problem' },
      { heading: 'Status', cell: (c) => statusOf(c.clinicalStatus) },
      { heading: 'Onset', cell: (c) => formatUkDate(c.onsetDateTime ?? c.onsetPeriod?.start) },
      { heading: 'Recorded', cell: (c) => formatUkDate(c.recordedDate) },
    ],
    conditions,
  );
}

export function encounterServiceText(encounter: Encounter): string {
  const coding = encounter.serviceType?.coding?.[0];
  return serviceLabel(coding?.code) ?? conceptText(encounter.serviceType);
}

export function encountersTable(encounters: readonly Encounter[]): SafeHtml {
  return table(
    'Encounters',
    [
      { heading: 'Date', cell: (e) => formatUkDate(e.period?.start) },
      { heading: 'Service', cell: (e) => encounterServiceText(e) || conceptText(e.type?.[0]) },
      { heading: 'Type', cell: (e) => e.class?.display ?? e.class?.code ?? '' },
      { heading: 'Status', cell: (e) => e.status },
    ],
    encounters,
  );
}

function medicationName(m: MedicationRequest | MedicationStatement): string {
  return conceptText(m.medicationCodeableConcept) || m.medicationReference?.display || 'Medication';
}

function dosageText(m: MedicationRequest | MedicationStatement): string {
  const dosage = m.resourceType === 'MedicationRequest' ? m.dosageInstruction : m.dosage;
  return dosage?.[0]?.text ?? '';
}

export function medicationsTable(
  medications: readonly (MedicationRequest | MedicationStatement)[],
): SafeHtml {
  return table(
    'Medications',
    [
      { heading: 'Medication', cell: medicationName },
      { heading: 'Dosage', cell: dosageText },
      { heading: 'Status', cell: (m) => m.status },
      {
        heading: 'Date',
        cell: (m) =>
          formatUkDate(m.resourceType === 'MedicationRequest' ? m.authoredOn : m.effectiveDateTime),
      },
    ],
    medications,
  );
}

function observationValue(o: Observation): string {
  if (o.valueQuantity)
    return `${o.valueQuantity.value ?? ''} ${o.valueQuantity.unit ?? o.valueQuantity.code ?? ''}`.trim();
  if (o.valueCodeableConcept) return conceptText(o.valueCodeableConcept);
  if (o.valueString !== undefined) return o.valueString;
  if (o.valueBoolean !== undefined) return o.valueBoolean ? 'Yes' : 'No';
  if (o.valueInteger !== undefined) return String(o.valueInteger);
  return '';
}

export function observationsTable(observations: readonly Observation[]): SafeHtml {
  return table(
    'Observations',
    [
      { heading: 'Observation', cell: (o) => conceptText(o.code) || 'Observation' },
      { heading: 'Value', cell: observationValue },
      {
        heading: 'Date',
        cell: (o) => formatUkDate(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued),
      },
    ],
    observations,
  );
}
