import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appScopes } from '../../src/smart-app/shared/index.ts';
import { type BuiltApp, ensureAppBuilt } from './helpers/app-build.ts';
import { type AppSandbox, startAppSandbox } from './helpers/app-sandbox.ts';
import { axeViolations, launchBrowser, onScreen, openPanel } from './helpers/browser.ts';

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

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SMART launch of the recording app', () => {
  it('makes an EHR launch with PKCE S256, a random-UUID state and exactly the app’s scopes', async () => {
    const { page, errors } = await openPanel(browser);
    const authorize: Request[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${app.base}/auth/authorize`)) authorize.push(r);
    });
    await page.goto(`${app.base}/ehr/launch?patient=persona-kate`);
    await onScreen(page, 'safety');
    const params = new URL(authorize[0]?.url() ?? 'http://invalid').searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      response_type: 'code',
      client_id: 'safe-enquiry-app',
      redirect_uri: `${app.base}/app/`,
      aud: `${app.base}/fhir`,
      scope: appScopes('ehr'),
      code_challenge_method: 'S256',
    });
    expect(params.get('state')).toMatch(UUID_V4);
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.url()).toBe(`${app.base}/app/`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('makes a standalone launch: the clinician signs in and picks the patient', async () => {
    const { page, errors } = await openPanel(browser);
    await page.goto(`${app.base}/app/launch`);
    await page.waitForSelector('select[name="patient"]');
    await page.check('input[name="user"][value="sandbox-mh-clinician"]');
    await page.selectOption('select[name="patient"]', 'persona-tara');
    await page.click('button[type="submit"]');
    await onScreen(page, 'safety');
    expect(await page.textContent('.banner')).toContain('Tara');
    expect(errors).toEqual([]);
  }, 60_000);

  it('runs inside a 600-px iframe of the EHR (frame-ancestors, launch completed in the frame)', async () => {
    const { page } = await openPanel(browser);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`${app.base}/healthz`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      Object.assign(frame, { src, width: '600', height: '800', title: 'Clinical note' });
      document.body.appendChild(frame);
    }, `${app.base}/ehr/launch?patient=persona-kate`);
    const frame = page.frameLocator('iframe');
    await frame.locator('main[data-screen="safety"]').waitFor({ timeout: 20_000 });
    expect(await frame.locator('#conceal').isVisible()).toBe(true);
  }, 60_000);

  it('refuses a launch from an unknown FHIR server without contacting it', async () => {
    const { page } = await openPanel(browser);
    const contacted: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith('http://fhir.invalid')) contacted.push(r.url());
    });
    await page.goto(`${app.base}/app/launch?iss=${encodeURIComponent('http://fhir.invalid/fhir')}&launch=x`);
    await onScreen(page, 'notice');
    expect(await page.getAttribute('main', 'data-reason')).toBe('unknown-server');
    expect(await axeViolations(page)).toEqual([]);
    expect(contacted).toEqual([]);
  }, 60_000);

  it('opens nothing without a launch, and never for a patient’s own sign-in', async () => {
    const { page } = await openPanel(browser);
    await page.goto(`${app.base}/app/`);
    await onScreen(page, 'notice');
    expect(await page.getAttribute('main', 'data-reason')).toBe('not-launched');

    const launch = await app.sandbox.auth.createLaunch({
      userId: 'persona-samira',
      patient: 'persona-samira',
    });
    const iss = encodeURIComponent(`${app.base}/fhir`);
    await page.goto(`${app.base}/app/launch?iss=${iss}&launch=${launch}`);
    await onScreen(page, 'notice');
    expect(await page.getAttribute('main', 'data-reason')).toBe('not-a-clinician');
    expect(await page.textContent('h1')).toBe('Could not open');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  }, 60_000);
});
