import type { Page } from 'playwright-core';
import { onScreen } from './browser.ts';

/** Safe to ask: general practice, alone, private, no interpreter needed. */
export async function answerSafety(page: Page): Promise<void> {
  await page.check('#f-enquiry-setting');
  await page.check('#f-enquiry-patientAlone');
  await page.check('#f-enquiry-privateSpace');
  await page.check('#f-enquiry-interpreter');
}

export async function continueTo(page: Page, screen: string): Promise<void> {
  await page.click('#continue');
  await onScreen(page, screen);
}

/** Disclosure: current physical abuse and coercive control by a partner, for three years. */
export async function answerDisclosure(page: Page): Promise<void> {
  await page.check('#f-disclosure-timing');
  await page.check('#f-disclosure-abuseTypes');
  await page.check('#f-disclosure-abuseTypes-6');
  await page.check('#f-disclosure-relationships-4');
  await page.fill('#f-disclosure-duration', '3');
}

/** The DASH checklist with `yes` "yes" answers and the rest "no", by keyboard-free clicks on the radios. */
export async function answerDash(page: Page, yes: number): Promise<void> {
  for (let i = 1; i <= 24; i++) await page.check(i <= yes ? `#f-dash-${i}` : `#f-dash-${i}-2`);
}

/** MARAC (visible high risk) and IDVA referrals made, a safety plan, one linked child, consent given. */
export async function answerActions(page: Page): Promise<string> {
  await page.check('#f-referral-idva-2');
  await page.check('#f-referral-marac-2');
  await page.check('#f-marac-criterion');
  await page.check('#f-actions-safetyPlan');
  await page.fill('#f-children-count', '3');
  await page.fill('#f-children-ages', '16, 12, 8');
  await page.waitForSelector('#f-children-links', { timeout: 10_000 });
  await page.check('#f-children-links');
  const childId = await page.getAttribute('#f-children-links', 'value');
  await page.check('#f-consent-decision');
  await page.check('#f-consent-lawfulBasis');
  return childId ?? '';
}
