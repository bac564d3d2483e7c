import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSandboxClients } from '../../../src/sandbox/auth/index.ts';
import { launchChromium } from '../../helpers/chromium.ts';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { seed } from './helpers/seed.ts';

const FHIR_CLIENT_BUNDLE = createRequire(import.meta.url).resolve('fhirclient/build/fhir-client.js');
const APP_HTML = fileURLToPath(new URL('./fixtures/app.html', import.meta.url));
const APP_JS = fileURLToPath(new URL('./fixtures/app.js', import.meta.url));
/** The app runs on `localhost`, the EHR on `127.0.0.1`: another origin, so CORS on /auth/token and /fhir is exercised. */
function appOrigin(baseUrl: string): string {
  return baseUrl.replace('127.0.0.1', 'localhost');
}

describe('EHR launch in headless Chromium with the fhirclient browser bundle', () => {
  let sandbox: AuthSandbox;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await startAuthSandbox({
      clients: (baseUrl) =>
        defaultSandboxClients(baseUrl).map((c) =>
          c.public ? { ...c, redirectUris: [`${appOrigin(baseUrl)}/app/`] } : c,
        ),
      allowedOrigins: (baseUrl) => [appOrigin(baseUrl)],
      routes: (app) => {
        app.get('/vendor/fhir-client.js', (_req, res) => res.sendFile(FHIR_CLIENT_BUNDLE));
        app.get('/app/app.js', (_req, res) => res.sendFile(APP_JS));
        app.get(['/app/', '/app/launch'], (_req, res) => res.sendFile(APP_HTML));
      },
    });
    await seed(sandbox);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('authorizes, completes with ready() and reads the patient in context', async () => {
    const launch = await sandbox.auth.createLaunch({
      userId: 'sandbox-gp',
      patient: 'persona-samira',
      encounter: 'enc-samira-1',
    });
    const page = await browser.newPage();
    const started = Date.now();
    await page.goto(
      `${appOrigin(sandbox.baseUrl)}/app/launch?iss=${encodeURIComponent(sandbox.fhirBase)}&launch=${launch}`,
    );
    await page.waitForFunction(() => (document.getElementById('out')?.textContent ?? '') !== '', undefined, {
      timeout: 15_000,
    });
    const elapsed = Date.now() - started;
    const result = JSON.parse((await page.textContent('#out')) ?? '{}') as Record<string, unknown>;
    await page.close();
    expect(result).toEqual({
      patient: 'persona-samira',
      tokenPatient: 'persona-samira',
      encounter: 'enc-samira-1',
      needPatientBanner: true,
      fhirUser: 'Practitioner/sandbox-gp',
    });
    expect(elapsed).toBeLessThan(15_000);
  });
});
