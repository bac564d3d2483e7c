import type { Bundle, FhirResource, Resource } from 'fhir/r4.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITTEN_RESOURCE_TYPES } from '../../src/smart-app/shared/index.ts';
import { type BuiltApp, ensureAppBuilt } from './helpers/app-build.ts';
import { type AppSandbox, startAppSandbox } from './helpers/app-sandbox.ts';
import {
  axeViolations,
  launchBrowser,
  onScreen,
  openPanel,
  SENSITIVE,
  screenshot,
  surface,
} from './helpers/browser.ts';
import { answerSafety, continueTo } from './helpers/flow.ts';

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

/** The app opened for a patient by the EHR simulator's direct EHR launch. */
async function launch(patientId: string): Promise<Page> {
  const { page } = await openPanel(browser);
  await page.goto(`${app.base}/ehr/launch?patient=${patientId}`);
  await onScreen(page, 'safety');
  return page;
}

/** Every stored resource of the types the app writes, as `Type/id`. */
async function storedIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const resourceType of WRITTEN_RESOURCE_TYPES) {
    const found = await app.sandbox.fhir.repo.searchResources({ resourceType, count: 100_000 });
    for (const r of found) ids.add(`${r.resourceType}/${r.id}`);
  }
  return ids;
}

async function newResources(before: Set<string>): Promise<Resource[]> {
  const after = [...(await storedIds())].filter((id) => !before.has(id));
  return Promise.all(
    after.map(async (ref) => {
      const [type = '', id = ''] = ref.split('/');
      return (await app.sandbox.fhir.repo.readResource(type, id)) as unknown as Resource;
    }),
  );
}

async function tabTo(page: Page, id: string): Promise<string[]> {
  const visited: string[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const style = el ? getComputedStyle(el) : undefined;
      return {
        id: el?.id ?? '',
        visible: style !== undefined && (style.outlineStyle !== 'none' || style.boxShadow !== 'none'),
      };
    });
    expect(focused.visible, `visible focus on #${focused.id}`).toBe(true);
    visited.push(focused.id);
    if (focused.id === id) return visited;
  }
  throw new Error(`#${id} was not reached by Tab`);
}

describe('safety of the screen and of the record', () => {
  it('records "not asked — not safe now" in two clicks and closes', async () => {
    const page = await launch('persona-emily');
    expect(await page.isChecked('#f-enquiry-setting-2')).toBe(true);
    const before = await storedIds();
    await page.click('#not-safe');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'not-safe');
    await page.click('#record-not-safe');
    await Promise.race([page.waitForEvent('close'), page.waitForSelector('main[data-screen="notice"]')]);
    const created = await newResources(before);
    const procedure = created.find((r) => r.resourceType === 'Procedure');
    expect(procedure).toMatchObject({
      status: 'not-done',
      subject: { reference: 'Patient/persona-emily' },
      statusReason: { coding: [expect.objectContaining({ code: 'not-asked-not-safe-now' })] },
    });
    expect(created.map((r) => r.resourceType).sort()).toEqual(['Observation', 'Procedure', 'Provenance']);
  }, 120_000);

  it('retries a save whose answer was lost without creating anything twice', async () => {
    const page = await launch('persona-tara');
    await answerSafety(page);
    await continueTo(page, 'ask');
    await page.check('#f-enquiry-outcome-2');
    await continueTo(page, 'actions');
    await page.check('#f-actions-informationGiven');
    await continueTo(page, 'review');
    const bodies: string[] = [];
    await page.route(`${app.base}/fhir`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      bodies.push(route.request().postData() ?? '');
      if (bodies.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    const before = await storedIds();
    await page.click('#submit');
    await page.waitForSelector('#submit-status.error-message');
    expect(await page.textContent('#submit')).toBe('Try again');
    const afterFailure = await newResources(before);
    await page.click('#submit');
    await onScreen(page, 'confirmation');
    const entries = (JSON.parse(bodies[0] ?? '{}') as Bundle).entry ?? [];
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    const created = await newResources(before);
    expect(afterFailure.length).toBe(entries.length);
    expect(created.map((r) => `${r.resourceType}/${r.id}`).sort()).toEqual(
      entries.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`).sort(),
    );
  }, 120_000);

  it('shows the existing record, and Conceal (Esc twice or the button) hides everything at once', async () => {
    const page = await launch('persona-samira');
    await page.click('#open-record');
    await onScreen(page, 'existing-record');
    expect(await page.textContent('main')).toContain('Disclosure');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'existing-record');
    await page.click('#back');
    await onScreen(page, 'safety');
    await answerSafety(page);
    await continueTo(page, 'ask');
    await page.check('#f-enquiry-outcome');
    await continueTo(page, 'disclosure');
    await page.check('#f-disclosure-abuseTypes-3');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#neutral-screen');
    expect(await page.locator('#app').count()).toBe(0);
    expect(await page.content()).not.toMatch(SENSITIVE);
    expect(await surface(page)).toEqual({ title: 'Clinical note', url: `${app.base}/app/` });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'concealed');
    await page.click('#restore');
    await onScreen(page, 'disclosure');
    expect(await page.isChecked('#f-disclosure-abuseTypes-3')).toBe(true);
    await page.click('#conceal');
    await page.waitForSelector('#neutral-screen');
    expect(await page.evaluate(() => document.body.textContent)).not.toMatch(SENSITIVE);
  }, 120_000);

  it('records suspected perpetration as a separate, very restricted entry on that patient’s record only', async () => {
    const page = await launch('seed-003');
    const before = await storedIds();
    await page.click('#start-perpetration');
    await onScreen(page, 'perpetration');
    await page.check('#f-suspectedPerpetration-source-2');
    await page.check('#f-suspectedPerpetration-riskToOthers');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'perpetration');
    await continueTo(page, 'review');
    await page.click('#submit');
    await onScreen(page, 'confirmation');
    const created = await newResources(before);
    const condition = created.find((r) => r.resourceType === 'Condition') as FhirResource | undefined;
    expect(condition).toMatchObject({
      code: { coding: [expect.objectContaining({ code: '206411000000103' })] },
    });
    for (const resource of created) {
      expect((resource.meta?.security ?? []).map((c) => c.code)).toEqual(
        expect.arrayContaining(['V', 'SDV', 'NOPAT']),
      );
      const patients = JSON.stringify(resource).match(/Patient\/[A-Za-z0-9\-.]+/g) ?? [];
      expect(patients.every((p) => p === 'Patient/seed-003')).toBe(true);
    }
  }, 120_000);

  it('works with the keyboard alone, with visible focus and an error summary linked to the fields', async () => {
    const page = await launch('persona-mary');
    expect(await page.isChecked('#f-enquiry-setting-2')).toBe(true);
    await tabTo(page, 'continue');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#error-summary');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'errors');
    await tabTo(page, 'error-link-0');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-enquiry-patientAlone');
    expect(page.url()).toBe(`${app.base}/app/`);
    await page.keyboard.press('Space');
    for (const next of ['f-enquiry-privateSpace', 'f-enquiry-interpreter']) {
      await tabTo(page, next);
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'continue');
    await page.keyboard.press('Enter');
    await onScreen(page, 'ask');
    await tabTo(page, 'f-enquiry-outcome');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('#f-enquiry-notAskedReason');
    await tabTo(page, 'f-enquiry-notAskedReason');
    await page.keyboard.press('Space');
    await tabTo(page, 'continue');
    await page.keyboard.press('Enter');
    await onScreen(page, 'review');
    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');
    await onScreen(page, 'confirmation');
    await tabTo(page, 'close');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main[data-screen="notice"]');
    expect(await page.textContent('main')).not.toMatch(SENSITIVE);
  }, 120_000);
});
