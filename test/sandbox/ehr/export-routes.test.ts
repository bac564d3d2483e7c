import { createHash } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportRoutes, defaultExportPeriod } from '../../../src/sandbox/ehr/export.routes.ts';
import { createExportJobStore, type ExportJobStore } from '../../../src/sandbox/ehr/export-job.store.ts';
import {
  noStore,
  pageErrorHandler,
  pageNotFound,
  sameOriginOnly,
  securityHeaders,
} from '../../../src/sandbox/ehr/http.middleware.ts';
import { EHR_CSP } from '../../../src/sandbox/ehr/index.ts';
import { IssueType, OperationOutcomeError } from '../../../src/shared/index.ts';
import { createGatedExtractor, type GatedExtractor, waitFor } from './export-extractor.fixture.ts';
import { type Listening, listen } from './support/fake-servers.ts';

const NOW = new Date('2026-03-15T09:00:00Z');
const DATA_LEAD = 'sandbox-data-lead';

let server: Listening;
let gate: GatedExtractor;
let jobs: ExportJobStore;
let ids = 0;

/** The export routes behind the simulator's own middleware, with a held extraction (see the fixture). */
beforeAll(async () => {
  gate = await createGatedExtractor();
  jobs = createExportJobStore({ extract: gate.extract, now: () => NOW, newId: () => `run-${++ids}` });
  const app = express();
  server = await listen(app);
  const router = express.Router();
  router.use(securityHeaders, noStore, sameOriginOnly(server.url));
  router.use('/export', createExportRoutes({ basePath: '/ehr', jobs, now: () => NOW }));
  router.use(pageNotFound('/ehr', 'That page or record does not exist.'));
  router.use(pageErrorHandler('/ehr', () => undefined));
  app.use('/ehr', router);
});

afterAll(async () => {
  gate?.open();
  await jobs?.close();
  await server?.close();
  await gate?.close();
});

function get(path: string, user: string = DATA_LEAD): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { cookie: `ehr_user=${user}` }, redirect: 'manual' });
}

function post(form: Record<string, string>, user = DATA_LEAD, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/ehr/export`, {
    method: 'POST',
    headers: { cookie: `ehr_user=${user}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

async function finishRun(location: string): Promise<string> {
  await waitFor(() => (gate.waiting() > 0 ? true : undefined));
  gate.release();
  return waitFor(async () => {
    const body = await (await get(location)).text();
    return body.includes('http-equiv="refresh"') ? undefined : body;
  });
}

describe('Export dataset routes', () => {
  it.each([
    ['GP', 'sandbox-gp'],
    ['mental-health clinician', 'sandbox-mh-clinician'],
    ['safeguarding lead', 'sandbox-safeguarding-lead'],
    ['no user (defaults to the GP)', ''],
  ])('answers the %s with a 403 page for every export path', async (_name, user) => {
    for (const path of ['/ehr/export', '/ehr/export/runs/run-1', '/ehr/export/runs/run-1/measures.csv']) {
      const response = await get(path, user);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-security-policy')).toBe(EHR_CSP);
      expect(await response.text()).toContain('Exporting the dataset is for the data lead');
    }
    expect((await post({ from: '2026-01', to: '2026-02' }, user)).status).toBe(403);
    expect(gate.calls).toHaveLength(0);
  });

  it('shows the data lead the form: the last 12 months, the disclosure rules read-only, a POST button', async () => {
    const response = await get('/ehr/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EHR_CSP);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(defaultExportPeriod(NOW)).toEqual({ from: '2025-04', to: '2026-03' });
    expect(body).toContain('name="from" type="month" value="2025-04"');
    expect(body).toContain('name="to" type="month" value="2026-03"');
    expect(body).toContain('<dd data-rule="redact-at-or-below">7</dd>');
    expect(body).toContain('<dd data-rule="round-to">5</dd>');
    expect(body).toMatch(/<form method="post" action="\/ehr\/export">/);
    expect(body).toContain('<link rel="stylesheet" href="/ehr/export/export.css">');
    expect(body).toContain('<a href="/ehr/export">Export dataset</a>');
    expect(body).not.toMatch(/<script>|style="/);
    const css = await get('/ehr/export/export.css');
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it.each([
    [{ from: '2026-13', to: '2026-12' }, 'Enter the first and last month as YYYY-MM.'],
    [{ from: '2026-03' }, 'Enter the first and last month as YYYY-MM.'],
    [{ from: '2026-03', to: '2026-01' }, 'The first month must not be after the last month.'],
    [{ from: '2010-01', to: '2026-01' }, 'Choose at most 120 months.'],
  ])('refuses the months %j with a 400 form', async (form, message) => {
    const response = await post(form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(gate.calls).toHaveLength(0);
  });

  it('refuses a cross-site POST', async () => {
    const response = await post({ from: '2026-01', to: '2026-02' }, DATA_LEAD, {
      'sec-fetch-site': 'cross-site',
    });
    expect(response.status).toBe(403);
    expect(gate.calls).toHaveLength(0);
  });

  it('runs one extraction at a time, refreshes while running, then shows the summary and links', async () => {
    const started = await post({ from: '2026-01', to: '2026-03' });
    expect(started.status).toBe(303);
    const location = started.headers.get('location') ?? '';
    expect(location).toBe('/ehr/export/runs/run-1');

    const running = await (await get(location)).text();
    expect(running).toContain('<meta http-equiv="refresh" content="2">');
    expect(running).toContain('Counting 2026-01 to 2026-03');

    const busy = await post({ from: '2025-01', to: '2025-06' });
    expect(busy.status).toBe(409);
    const busyPage = await busy.text();
    expect(busyPage).toContain('An extraction is already running (2026-01 to 2026-03');
    expect(busyPage).toContain('href="/ehr/export/runs/run-1"');

    const done = await finishRun(location);
    expect(gate.calls).toEqual([{ from: '2026-01', to: '2026-03' }]);
    expect(done).toContain('<dd data-summary="resources-read">4</dd>');
    expect(done).toContain('<dd data-summary="records-counted">2</dd>');
    expect(done).toMatch(/<dd data-summary="duration">\d+ ms<\/dd>/);
    expect(done).toContain('href="/ehr/export/runs/run-1/measures.csv" download');
    expect(done).toContain('href="/ehr/export/runs/run-1/measure-reports.json" download');
    expect(done).toMatch(
      /<iframe class="export-report" sandbox src="\/ehr\/export\/runs\/run-1\/report.html"/,
    );
  });

  it('serves the files: downloads as attachments, the report with its own hash-based CSP', async () => {
    const csv = await get('/ehr/export/runs/run-1/measures.csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="measures.csv"');
    expect((await csv.text()).split('\n')[0]).toBe('measure,period,breakdown,category,count');
    const json = await get('/ehr/export/runs/run-1/measure-reports.json');
    expect(json.headers.get('content-type')).toContain('application/fhir+json');
    expect(await json.json()).toMatchObject({ resourceType: 'Bundle', type: 'collection' });

    const report = await get('/ehr/export/runs/run-1/report.html');
    const html = await report.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(report.headers.get('content-disposition')).toBeNull();
    expect(report.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; frame-ancestors 'self'; ` +
        "base-uri 'none'; form-action 'none'; sandbox",
    );
    expect(report.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 for an unknown run or file', async () => {
    for (const path of [
      '/ehr/export/runs/nope',
      '/ehr/export/runs/run-1/secrets.txt',
      '/ehr/export/runs/..%2f',
    ]) {
      expect((await get(path)).status).toBe(404);
    }
  });

  it('shows a failed run discreetly: the OperationOutcome diagnostics, never a stack', async () => {
    gate.failNextWith(
      OperationOutcomeError.of(502, {
        code: IssueType.exception,
        reason: 'extract-fhir-failed',
        diagnostics: 'FHIR server answered 401 for /Observation',
      }),
    );
    const first = await finishRun(
      (await post({ from: '2026-01', to: '2026-03' })).headers.get('location') ?? '',
    );
    expect(first).toContain('<h1>Extraction failed</h1>');
    expect(first).toContain('<li>FHIR server answered 401 for /Observation</li>');

    const failure = new Error('boom at /srv/secret.ts:12');
    gate.failNextWith(failure);
    const second = await finishRun(
      (await post({ from: '2026-01', to: '2026-03' })).headers.get('location') ?? '',
    );
    expect(second).toContain('An unexpected error stopped it. Please try again.');
    expect(second).not.toContain('secret');
    expect(second).not.toContain(String(failure.stack).split('\n')[1]?.trim());
  });

  it('lists the last three runs on the form and forgets older ones', async () => {
    const started = await post({ from: '2026-02', to: '2026-02' });
    await finishRun(started.headers.get('location') ?? '');
    const body = await (await get('/ehr/export')).text();
    const listed = [...body.matchAll(/href="\/ehr\/export\/runs\/(run-\d+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(['run-4', 'run-3', 'run-2']);
    expect((await get('/ehr/export/runs/run-1')).status).toBe(404);
    expect((await get('/ehr/export/runs/run-1/measures.csv')).status).toBe(404);
  });
});
