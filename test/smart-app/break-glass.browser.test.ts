import type { AuditEvent } from 'fhir/r4.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApp, ensureAppBuilt } from './helpers/app-build.ts';
import { type AppSandbox, startAppSandbox } from './helpers/app-sandbox.ts';
import { axeViolations, launchBrowser, onScreen, openPanel } from './helpers/browser.ts';

const REASON = 'Collapsed in surgery, usual GP away, urgent history needed';
const LOCUM = 'Practitioner/sandbox-locum';

let built: BuiltApp;
let app: AppSandbox;
let browser: Browser;

beforeAll(async () => {
  built = await ensureAppBuilt();
  app = await startAppSandbox(built.distDir);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await built?.cleanup();
});

/** The sandbox login page of a standalone launch: the locum signs in for Samira. */
async function signInAsLocum(page: Page): Promise<void> {
  await page
    .waitForSelector('input[name="user"][value="sandbox-locum"]', { timeout: 20_000 })
    .catch(async (e: unknown) => {
      throw new Error(`${String(e)} at ${page.url()}: ${await page.textContent('body')}`);
    });
  await page.check('input[name="user"][value="sandbox-locum"]');
  await page.selectOption('select[name="patient"]', 'persona-samira');
  await page.click('button[type="submit"]');
  await onScreen(page, 'safety');
}

async function locumAudits(): Promise<AuditEvent[]> {
  const found = await app.sandbox.fhir.repo.searchResources({ resourceType: 'AuditEvent', count: 100_000 });
  return (found as unknown as AuditEvent[]).filter((e) => e.agent.some((a) => a.who?.reference === LOCUM));
}

describe('break the glass in the recording app (a locum without the restricted privilege)', () => {
  it('offers emergency access with a stated reason, then shows the restricted record, audited as ETREAT', async () => {
    const { page, errors, context } = await openPanel(browser);
    await page.goto(`${app.base}/app/launch`);
    await signInAsLocum(page);
    await page.click('#open-record');
    await onScreen(page, 'existing-record');
    expect(await page.textContent('main')).not.toContain('Disclosure');
    expect(await locumAudits()).toEqual([]);
    await page.click('#break-glass summary');
    await page.click('#break-glass-request');
    expect(await page.isVisible('#break-glass-reason-error')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#break-glass-reason', REASON);
    await page.click('#break-glass-request');
    await signInAsLocum(page);
    await page.click('#open-record');
    await onScreen(page, 'existing-record');
    expect(await page.textContent('main')).toContain('Disclosure');
    expect(await page.textContent('main')).toContain('Emergency access is on');
    const glass = (await locumAudits()).filter((e) =>
      e.purposeOfEvent?.some((p) => p.coding?.some((c) => c.code === 'ETREAT') && p.text === REASON),
    );
    expect(glass.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows the break-the-glass access to the safeguarding lead on the worklist', async () => {
    const { page, errors, context } = await openPanel(browser);
    await page.goto(`${app.base}/ehr/launch?role=safeguarding`);
    await page.waitForSelector('main[data-loaded="true"] #worklist', { timeout: 20_000 });
    const alerts = await page.$$eval('[data-alert]', (els) => els.map((e) => e.getAttribute('data-alert')));
    expect(alerts).toContain('persona-samira');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
