import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readAxeSource } from '../../helpers/chromium.ts';
import { type ExportSandbox, startExportSandbox } from './export-sandbox.harness.ts';

/** Screenshots for the docs are written only on request, so that ordinary test runs leave tracked files alone. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const IMAGES = fileURLToPath(new URL('../../../docs/images/', import.meta.url));

let s: ExportSandbox;
let browser: Browser;
let axeSource: string;

beforeAll(async () => {
  s = await startExportSandbox();
  browser = await launchChromium();
  axeSource = await readAxeSource();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** A page that collects script errors and console errors (CSP violations are console errors), all frames. */
async function openPage(width: number, height = 900): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, errors };
}

async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Axe = {
      run(context: Document, options: object): Promise<{ violations: { id: string; impact: string }[] }>;
    };
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(document, { iframes: false });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
}

describe('Export dataset in Chromium', () => {
  let reportUrl = '';

  it('switches to the data lead, runs the extraction and shows the summary and the report', async () => {
    const { page, errors } = await openPage(1280);
    await page.goto(`${s.base}/ehr/`);
    expect(await page.getByRole('link', { name: 'Export dataset' }).count()).toBe(0);
    await page.getByLabel('Signed in as').selectOption({ label: 'Data lead' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('link', { name: 'Export dataset' }).click();
    await expect.poll(() => page.url()).toBe(`${s.base}/ehr/export`);
    expect(await page.getByLabel('From month').inputValue()).toMatch(/^\d{4}-\d{2}$/);
    expect(await page.locator('[data-rule="redact-at-or-below"]').textContent()).toBe('7');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Run extraction' }).click();
    const resourcesRead = page.locator('[data-summary="resources-read"]');
    await resourcesRead.waitFor({ state: 'visible', timeout: 20_000 });
    expect(Number((await resourcesRead.textContent())?.replaceAll(',', ''))).toBeGreaterThan(100);
    const report = page.frameLocator('iframe.export-report');
    await expect.poll(() => report.locator('h1').textContent()).toContain('Standardised DVA dataset');
    expect(await page.getByRole('link', { name: 'Download measures.csv' }).getAttribute('href')).toMatch(
      /\/measures\.csv$/,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    reportUrl = new URL((await page.locator('iframe.export-report').getAttribute('src')) ?? '', page.url())
      .href;
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: `${IMAGES}data-lead-export.png`, fullPage: true });
    await page.context().close();
  });

  it('renders the report on its own under its CSP: its style applies and nothing is blocked', async () => {
    const { page, errors } = await openPage(1280, 1100);
    await page.context().addCookies([{ name: 'ehr_user', value: 'sandbox-data-lead', url: s.base }]);
    const response = await page.goto(reportUrl);
    expect(response?.status()).toBe(200);
    const main = page.locator('main');
    expect(await main.evaluate((el) => getComputedStyle(el).maxWidth)).toBe('960px');
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    if (UPDATE_SCREENSHOTS) {
      await page.goto(`${reportUrl}#overview`);
      await page.screenshot({ path: `${IMAGES}data-lead-report.png` });
    }
    await page.context().close();
  });
});
