import type { AuditEvent, Bundle, Flag, Task } from 'fhir/r4.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dvaSecurityLabels } from '../../../src/shared/index.ts';
import { type BuiltApp, ensureAppBuilt } from '../helpers/app-build.ts';
import { type AppSandbox, startAppSandbox } from '../helpers/app-sandbox.ts';
import { axeViolations, launchBrowser, onScreen, openPanel, SENSITIVE, surface } from '../helpers/browser.ts';

let built: BuiltApp;
let app: AppSandbox;
let browser: Browser;
let page: Page;
let errors: string[];

const LEAD = 'Practitioner/sandbox-safeguarding-lead';

async function token(
  fhirUser: string,
  role: 'gp' | 'mh-clinician' | 'safeguarding-lead',
  breakGlassReason?: string,
) {
  return app.sandbox.auth.mintAccessToken({
    clientId: 'safe-enquiry-app',
    role,
    scope: 'user/Flag.rus user/AuditEvent.rs user/Task.rs',
    fhirUser,
    ...(breakGlassReason ? { breakGlassReason } : {}),
  });
}

async function fhirGet<T>(path: string, bearer: string): Promise<T> {
  const response = await fetch(`${app.base}/fhir/${path}`, {
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/fhir+json' },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function rowIds(): Promise<string[]> {
  return page.$$eval('#worklist tbody tr', (rows) => rows.map((r) => r.getAttribute('data-flag') ?? ''));
}

beforeAll(async () => {
  built = await ensureAppBuilt();
  app = await startAppSandbox(built.distDir);
  browser = await launchBrowser();
  // Earlier looks at restricted records: Mary's GP (care relationship), a mental-health clinician who never saw
  // seed-003, and a break-the-glass read of Emily's record.
  await fhirGet('Flag/flag-persona-mary-001', await token('Practitioner/sandbox-gp', 'gp'));
  await fhirGet('Flag/flag-seed-003-001', await token('Practitioner/sandbox-mh-clinician', 'mh-clinician'));
  await fhirGet(
    'Flag/flag-persona-emily-001',
    await token('Practitioner/sandbox-mh-clinician', 'mh-clinician', 'Patient unconscious, urgent care'),
  );
  ({ page, errors } = await openPanel(browser));
  await page.goto(`${app.base}/ehr/launch?role=safeguarding`);
  await onScreen(page, 'worklist');
  await page.waitForSelector('main[data-loaded="true"] #worklist', { timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await built?.cleanup();
});

describe('the safeguarding worklist (launched by the safeguarding lead)', () => {
  it('lists the seeded restricted flags with their categories and access alerts', async () => {
    const categories = await page.$$eval('#worklist tbody tr', (rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('data-flag'), r.getAttribute('data-category')])),
    );
    expect(categories).toMatchObject({
      'flag-persona-mary-001': 'high-risk',
      'flag-seed-003-001': 'perpetrator',
      'flag-persona-samira-001': 'new-disclosure',
      'flag-persona-emily-001': 'new-disclosure',
    });
    const alerts = await page.$$eval('[data-alert]', (els) => els.map((e) => e.getAttribute('data-alert')));
    expect(alerts.sort()).toEqual(['persona-emily', 'seed-003']);
    expect(await page.isHidden('section.banner')).toBe(true);
    const { title, url } = await surface(page);
    expect(`${title} ${url}`).not.toMatch(SENSITIVE);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('filters by category and sorts by risk or by age', async () => {
    expect((await rowIds())[0]).toBe('flag-persona-mary-001');
    await page.click('label[for="sort-2"]');
    await page.waitForFunction(
      () =>
        document.querySelector('#worklist tbody tr')?.getAttribute('data-flag') === 'flag-persona-samira-001',
    );
    await page.uncheck('#filter-category-4');
    expect(await rowIds()).not.toContain('flag-seed-003-001');
    await page.check('#filter-category-4');
    expect(await rowIds()).toContain('flag-seed-003-001');
  });

  it('opens a case with the record at a glance and who has looked at it', async () => {
    await page.click('#open-flag-persona-mary-001');
    await onScreen(page, 'case');
    await page.waitForSelector('#case-summary', { timeout: 20_000 });
    expect(await page.textContent('#screen-title')).toContain('Mary');
    expect(await page.textContent('#case-summary')).toMatch(/Risk|flag/);
    const looks = await page.$$eval('#access-log tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-who'), r.getAttribute('data-alert')]),
    );
    expect(looks).toContainEqual(['Practitioner/sandbox-gp', 'false']);
    expect(looks).toContainEqual([LEAD, 'false']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('audits the case view on the FHIR server', async () => {
    const bundle = await fhirGet<Bundle<AuditEvent>>(
      'AuditEvent?patient=Patient/persona-mary&_count=200',
      await token(LEAD, 'safeguarding-lead'),
    );
    const byLead = (bundle.entry ?? []).filter((e) => e.resource?.agent[0]?.who?.reference === LEAD);
    const seen = byLead.flatMap((e) => e.resource?.entity?.map((x) => x.what?.reference) ?? []);
    expect(seen).toEqual(expect.arrayContaining(['Patient/persona-mary', 'Flag/flag-persona-mary-001']));
  });

  it('closes the flag with a review written as labelled FHIR resources', async () => {
    await page.check('#review-acknowledged');
    await page.check('#review-marac-3');
    await page.fill('#review-actions', 'Discussed with the IDVA; safety plan reviewed');
    await page.check('#review-close');
    await page.fill('#review-close-reason', 'Moved out of area; case transferred');
    await page.click('#review-submit');
    await page.waitForSelector('#review-status[data-status="saved"]', { timeout: 20_000 });
    const flag = await fhirGet<Flag>('Flag/flag-persona-mary-001', await token(LEAD, 'safeguarding-lead'));
    expect(flag.status).toBe('inactive');
    expect(flag.period?.end).toBeDefined();
    expect(flag.meta?.security).toEqual(dvaSecurityLabels('R'));
    const tasks = await fhirGet<Bundle<Task>>(
      'Task?patient=persona-mary&_count=50',
      await token(LEAD, 'safeguarding-lead'),
    );
    const review = tasks.entry
      ?.map((e) => e.resource)
      .find((t) => t?.focus?.reference === 'Flag/flag-persona-mary-001');
    expect(review).toMatchObject({
      status: 'completed',
      code: { coding: [{ code: 'safeguarding-review' }] },
      businessStatus: { text: 'Acknowledged' },
      owner: { reference: LEAD },
      output: [{ valueCodeableConcept: { coding: [{ code: '758941000000108' }] } }],
    });
    expect(review?.meta?.security).toEqual(dvaSecurityLabels('R'));
    await page.click('#back-to-worklist');
    await onScreen(page, 'worklist');
    expect(await rowIds()).not.toContain('flag-persona-mary-001');
    expect(errors).toEqual([]);
  });

  it('records a review that keeps the flag open: the case lists it and the worklist dates it', async () => {
    await page.click('#open-flag-persona-samira-001');
    await page.waitForSelector('#review-submit', { timeout: 20_000 });
    expect(await page.textContent('#reviews-title')).toBe('Reviews on record');
    await page.check('#review-acknowledged');
    await page.click('#review-submit');
    await page.waitForSelector('#review-history li[data-flag="Flag/flag-persona-samira-001"]', {
      timeout: 20_000,
    });
    expect(await page.getAttribute('#review-status', 'data-status')).toBe('saved');
    await page.click('#back-to-worklist');
    await onScreen(page, 'worklist');
    const cells = await page.$$eval('#worklist tr[data-flag="flag-persona-samira-001"] td', (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    expect(cells[2]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(errors).toEqual([]);
  });

  it('refuses to close a flag that someone changed since the worklist loaded', async () => {
    await page.click('#open-flag-persona-emily-001');
    await page.waitForSelector('#review-submit', { timeout: 20_000 });
    const bearer = await token(LEAD, 'safeguarding-lead');
    const flag = await fhirGet<Flag>('Flag/flag-persona-emily-001', bearer);
    const put = await fetch(`${app.base}/fhir/Flag/flag-persona-emily-001`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...flag, period: { start: '2026-04-12T10:00:00Z' } }),
    });
    expect(put.status).toBe(200);
    await page.check('#review-close');
    await page.fill('#review-close-reason', 'No longer needed');
    await page.click('#review-submit');
    await page.waitForSelector('#review-status[data-status="conflict"]', { timeout: 20_000 });
    expect((await fhirGet<Flag>('Flag/flag-persona-emily-001', bearer)).status).toBe('active');
    await page.click('#back-to-worklist');
    await onScreen(page, 'worklist');
  });

  it('opens the worklist on a standalone launch of its own entry, with no patient to pick', async () => {
    const standalone = await openPanel(browser);
    await standalone.page.goto(`${app.base}/app/safeguarding/launch`);
    await standalone.page.waitForSelector('input[name="user"][value="sandbox-safeguarding-lead"]');
    expect(await standalone.page.$('select[name="patient"]')).toBeNull();
    await standalone.page.check('input[name="user"][value="sandbox-safeguarding-lead"]');
    await standalone.page.click('button[type="submit"]');
    await standalone.page.waitForSelector('main[data-loaded="true"] #worklist', { timeout: 20_000 });
    expect(await standalone.page.$$('#worklist tbody tr')).not.toHaveLength(0);
    expect(standalone.errors).toEqual([]);
    await standalone.context.close();
  });
});
