import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Bundle, MeasureReport } from 'fhir/r4.js';
import { afterEach, describe, expect, it } from 'vitest';
import { MEASURE_IDS, MEASURES_CSV_HEADER, REDACTED, runExtraction } from '../../src/extract/index.ts';
import {
  CODE,
  encounter,
  observation,
  patient,
  removeDirs,
  tempDir,
  writeNdjsonDir,
} from './helpers/fhir-builders.ts';

const dirs: string[] = [];
afterEach(() => removeDirs(dirs));

const NOW = new Date('2025-01-02T03:04:05.000Z');

async function extractSample(): Promise<string> {
  const patients = Array.from({ length: 12 }, (_, i) =>
    patient(`p${i}`, { gender: i < 10 ? 'female' : 'male' }),
  );
  const source = await writeNdjsonDir({
    'Observation.ndjson': [
      ...patients.map((p, i) =>
        observation(`o${i}`, p.id ?? '', CODE.disclosure, '2024-02-10', {
          encounter: { reference: `Encounter/e${i}` },
        }),
      ),
      observation('x', 'p0', CODE.marac, '2024-04-01'),
    ],
    'Encounter.ndjson': patients.map((p, i) => encounter(`e${i}`, p.id ?? '', '600')),
    'Patient.ndjson': patients,
  });
  const out = await tempDir();
  dirs.push(source, out);
  await runExtraction({ source, outDir: out, now: () => NOW });
  return out;
}

describe('outputs (CONTRACT: measures.csv, measure-reports.json, report.html)', () => {
  it('measures.csv: exact header, one row per measure × month × breakdown × category, zero months written', async () => {
    const out = await extractSample();
    const lines = (await readFile(path.join(out, 'measures.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(MEASURES_CSV_HEADER);
    expect(lines[0]).toBe('measure,period,breakdown,category,count');
    expect(lines).toHaveLength(1 + MEASURE_IDS.length * 3 * 25);
    expect(lines).toContain('disclosure,2024-02,all,all,10');
    expect(lines).toContain('disclosure,2024-03,all,all,0');
    expect(lines).toContain(`disclosure,2024-02,sex,male,${REDACTED}`);
    expect(lines).toContain(`disclosure,2024-02,sex,female,${REDACTED}`);
    expect(lines).toContain('disclosure,2024-02,setting,general-practice,10');
    expect(lines).toContain(`marac-referral,2024-04,all,all,${REDACTED}`);
    expect(lines.every((l) => l.split(',').length === 5)).toBe(true);
  });

  it('measure-reports.json: a collection Bundle of summary MeasureReports, one per measure × month, controlled', async () => {
    const out = await extractSample();
    const bundle = JSON.parse(
      await readFile(path.join(out, 'measure-reports.json'), 'utf8'),
    ) as Bundle<MeasureReport>;
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: NOW.toISOString(),
    });
    expect(bundle.entry).toHaveLength(MEASURE_IDS.length * 3);
    const report = bundle.entry?.find((e) => e.resource?.id === 'disclosure-2024-02')?.resource;
    expect(report).toMatchObject({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      measure: 'https://fhir.safe-enquiry.org/Measure/disclosure',
      period: { start: '2024-02-01', end: '2024-02-29' },
      group: [
        {
          code: { text: 'disclosure' },
          population: [{ code: { coding: [{ code: 'initial-population' }] }, count: 10 }],
        },
      ],
    });
    const sex = report?.group?.[0]?.stratifier?.find((s) => s.code?.[0]?.text === 'sex');
    const male = sex?.stratum?.find((s) => s.value?.text === 'male')?.population?.[0];
    expect(male?.count).toBeUndefined();
    expect(male?._count?.extension?.[0]).toEqual({
      url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
      valueCode: 'masked',
    });
    expect(report?.group?.[0]?.stratifier?.map((s) => s.code?.[0]?.text)).toEqual([
      'sex',
      'age_band',
      'ethnicity',
      'setting',
    ]);
  });

  it('report.html: self-contained, a chart per measure with a title, tables with captions, data quality', async () => {
    const out = await extractSample();
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(MEASURE_IDS.length);
    for (const id of MEASURE_IDS) {
      expect(html).toContain(`id="m-${id}"`);
      expect(html).toContain(`<title id="chart-${id}-title">`);
    }
    expect(html).toContain('<caption>');
    expect(html).toContain('<th scope="row">');
    expect(html).toContain('id="data-quality"');
    expect(html).not.toMatch(/<script|<link |src="http|href="http/);
  });
});
