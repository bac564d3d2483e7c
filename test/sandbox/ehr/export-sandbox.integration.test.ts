import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEASURE_IDS } from '../../../src/extract/index.ts';
import { defaultExportPeriod } from '../../../src/sandbox/ehr/export.routes.ts';
import { EHR_CSP } from '../../../src/sandbox/ehr/index.ts';
import { type ExportSandbox, startExportSandbox } from './export-sandbox.harness.ts';

let s: ExportSandbox;
let runPage = '';
let runPath = '';

beforeAll(async () => {
  s = await startExportSandbox();
});
afterAll(async () => {
  await s?.close();
});

function numberIn(page: string, name: string): number {
  const match = new RegExp(`<dd data-summary="${name}">([\\d,]+)`).exec(page);
  return Number((match?.[1] ?? 'NaN').replaceAll(',', ''));
}

describe('Export dataset in the seeded sandbox (real FHIR server and SMART auth)', () => {
  it('offers the data lead in the user switcher and the nav link to the data lead only', async () => {
    const asGp = await (await s.get('/ehr/', 'sandbox-gp')).text();
    expect(asGp).toContain('<option value="sandbox-data-lead">Data lead</option>');
    expect(asGp).not.toContain('Export dataset');
    const asDataLead = await (await s.get('/ehr/')).text();
    expect(asDataLead).toContain('<a href="/ehr/export">Export dataset</a>');
  });

  it('lets the data lead open /ehr/export and answers the GP with 403', async () => {
    const page = await s.get('/ehr/export');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(EHR_CSP);
    expect((await s.get('/ehr/export', 'sandbox-gp')).status).toBe(403);
  });

  it('runs one extraction at a time, as the system, and shows the summary and links', async () => {
    const period = defaultExportPeriod(new Date());
    const [a, b] = await Promise.all([s.postExport(period), s.postExport(period)]);
    expect([a?.status, b?.status].sort()).toEqual([303, 409]);
    const started = a?.status === 303 ? a : b;
    const busy = a?.status === 303 ? b : a;
    expect(await busy?.text()).toContain('An extraction is already running');
    runPath = started?.headers.get('location') ?? '';
    expect(runPath).toMatch(/^\/ehr\/export\/runs\/[0-9a-f-]{36}$/);

    runPage = await s.finishedRun(runPath);
    expect(runPage).toContain(`<h1>Dataset ${period.from} to ${period.to}</h1>`);
    expect(numberIn(runPage, 'resources-read')).toBeGreaterThan(100);
    // The seeded DVA records are labelled restricted: only a system token (not the data lead's) can count them.
    expect(numberIn(runPage, 'records-counted')).toBeGreaterThan(0);
    expect(runPage).toContain('<dd data-summary="months">12</dd>');
    expect(runPage).toContain('<span data-summary="method">FHIR search, page by page</span>');
    expect(runPage).toMatch(/<dd data-summary="duration">[\d.]+ m?s<\/dd>/);
  });

  it('serves measures.csv with the contract header and a Bundle of MeasureReports', async () => {
    const csv = await s.get(`${runPath}/measures.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('measure,period,breakdown,category,count');
    expect(
      lines.slice(1).every((l) => /^[a-z-]+,\d{4}-\d{2},[a-z_]+,[^,]+,(\d+|\[REDACTED\])$/.test(l)),
    ).toBe(true);
    expect(runPage).toContain(`href="${runPath}/measures.csv"`);

    const bundle = (await (await s.get(`${runPath}/measure-reports.json`)).json()) as {
      type: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle.type).toBe('collection');
    expect(bundle.entry).toHaveLength(MEASURE_IDS.length * 12);
    expect(new Set(bundle.entry.map((e) => e.resource.resourceType))).toEqual(new Set(['MeasureReport']));
  });

  it('serves the report under a strict CSP of its own (style by hash, no script, sandboxed)', async () => {
    const report = await s.get(`${runPath}/report.html`);
    expect(report.status).toBe(200);
    const csp = report.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src data:;/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(await report.text()).toContain('<h1>Standardised DVA dataset');
    expect((await s.get(`${runPath}/report.html`, 'sandbox-gp')).status).toBe(403);
  });
});
