import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readAxeSource } from '../../helpers/chromium.ts';
import { CARD_UUID, type EhrHarness, REASONS, startEhrHarness } from './support/ehr.harness.ts';

let h: EhrHarness;
let browser: Browser;
let axeSource: string;

beforeAll(async () => {
  h = await startEhrHarness();
  browser = await launchChromium();
  axeSource = await readAxeSource();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A page that fails the test on any script error or console error (CSP violations are console errors). */
async function openPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
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
  const ids = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
  return ids;
}

describe('EHR simulator in Chromium', () => {
  it('opens a chart from the list, shows the card, and dismisses it with a reason', async () => {
    const { page, errors } = await openPage(1280);
    await page.goto(`${h.base}/ehr/`);
    await page.getByRole('link', { name: 'SANDBOX, Samira' }).click();
    await expect.poll(() => page.url()).toContain('/ehr/patients/persona-samira');

    const card = page.locator('article.card').first();
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h3').textContent()).toContain('Consider a private conversation');
    expect(await card.locator('.markdown').isVisible()).toBe(false);
    await card.getByText('Details').click();
    expect(await card.locator('.markdown strong').textContent()).toBe('Evidence');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const feedbackBefore = h.cds.feedbackRequests.length;
    await card.getByLabel('Reason for dismissing').selectOption({ label: 'Patient not alone' });
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.locator('#cds-status').textContent()).toBe('Card dismissed');
    expect(await page.locator('article.card').count()).toBe(0);
    expect(h.cds.feedbackRequests.length).toBe(feedbackBefore + 1);
    expect(h.cds.feedbackRequests.at(-1)?.body).toEqual({
      feedback: [
        {
          card: CARD_UUID,
          outcome: 'overridden',
          overrideReason: { reason: REASONS[0] },
          outcomeTimestamp: expect.any(String),
        },
      ],
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('starts an encounter, fires encounter-start, and fits a 600 px screen', async () => {
    const { page, errors } = await openPage(600);
    await page.goto(`${h.base}/ehr/patients/persona-samira`);
    await page.locator('article.card').first().waitFor({ state: 'visible' });
    const calls = h.cds.hookRequests.length;
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Mental health' });
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await expect
      .poll(() => page.locator('.encounter-bar__current').textContent())
      .toContain('Mental health encounter');
    await page.locator('article.card').first().waitFor({ state: 'visible' });
    expect(h.cds.hookRequests.slice(calls).map((r) => r.path)).toContain('/cds-services/dva-encounter-start');
    expect(page.url()).not.toContain('hook=');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
