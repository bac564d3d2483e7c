import type {
  Bundle,
  CodeableConcept,
  MeasureReport,
  MeasureReportGroupPopulation,
  MeasureReportGroupStratifier,
} from 'fhir/r4.js';
import { CANONICAL_BASE } from '../shared/index.ts';
import { type ControlledCount, REDACTED } from './disclosure-control.ts';
import { BREAKDOWN_OFFSETS, BREAKDOWNS } from './measures.ts';
import type { PublishedDataset, PublishedMeasure, PublishedMonth } from './published-dataset.ts';

/** The measure's canonical URL (MeasureReport.measure is required); one per dataset measure id. */
export function measureCanonical(id: string): string {
  return `${CANONICAL_BASE}/Measure/${id}`;
}

const INITIAL_POPULATION: CodeableConcept = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'initial-population' },
  ],
};

/** A redacted count is absent with data-absent-reason `masked` (http://hl7.org/fhir/R4/extension-data-absent-reason.html). */
const MASKED = {
  extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }],
};

function population(count: ControlledCount): MeasureReportGroupPopulation {
  if (count === REDACTED) return { code: INITIAL_POPULATION, _count: MASKED };
  return { code: INITIAL_POPULATION, count };
}

function lastDayOfMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const mm = Number(month.slice(5, 7));
  return `${month}-${String(new Date(Date.UTC(year, mm, 0)).getUTCDate()).padStart(2, '0')}`;
}

function stratifiers(cells: readonly ControlledCount[]): MeasureReportGroupStratifier[] {
  return BREAKDOWNS.filter((b) => b.id !== 'all').map((breakdown) => ({
    code: [{ text: breakdown.id }],
    stratum: breakdown.categories.map((category, i) => ({
      value: { text: category },
      population: [population(cells[BREAKDOWN_OFFSETS[breakdown.id] + i] ?? 0)],
    })),
  }));
}

/** One MeasureReport (type summary) for one measure × month, counts disclosure-controlled like the CSV. */
export function buildMeasureReport(
  measure: PublishedMeasure,
  row: PublishedMonth,
  date: string,
): MeasureReport {
  return {
    resourceType: 'MeasureReport',
    id: `${measure.id}-${row.month}`,
    status: 'complete',
    type: 'summary',
    measure: measureCanonical(measure.id),
    date,
    period: { start: `${row.month}-01`, end: lastDayOfMonth(row.month) },
    group: [
      {
        code: { text: measure.id },
        population: [population(row.cells[BREAKDOWN_OFFSETS.all] ?? 0)],
        stratifier: stratifiers(row.cells),
      },
    ],
  };
}

/** `measure-reports.json`: a Bundle (type collection) of MeasureReport, one per measure × month (dataset.md). */
export function buildMeasureReportBundle(dataset: PublishedDataset): Bundle<MeasureReport> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: dataset.generatedAt,
    entry: dataset.measures.flatMap((measure) =>
      measure.months.map((row) => ({ resource: buildMeasureReport(measure, row, dataset.generatedAt) })),
    ),
  };
}
