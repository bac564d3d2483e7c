import type { Bundle, FhirResource, Resource } from 'fhir/r4.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApp, ensureAppBuilt } from './helpers/app-build.ts';
import { type AppSandbox, startAppSandbox } from './helpers/app-sandbox.ts';
import {
  axeViolations,
  browserStorage,
  launchBrowser,
  onScreen,
  openPanel,
  screenshot,
  surface,
  watchErrors,
} from './helpers/browser.ts';
import { answerActions, answerDash, answerDisclosure, answerSafety, continueTo } from './helpers/flow.ts';

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

const LABELS = (r: Resource) => (r.meta?.security ?? []).map((c) => c.code).sort();

async function stored(entry: FhirResource): Promise<Resource> {
  return (await app.sandbox.fhir.repo.readResource(
    entry.resourceType,
    entry.id ?? '',
  )) as unknown as Resource;
}

/** Checks a screen the way every screen is checked: neutral surface, no WCAG A/AA violations, then a picture. */
async function checkScreen(page: Page, image?: string): Promise<void> {
  expect(await surface(page)).toEqual({ title: 'Clinical note', url: `${app.base}/app/` });
  expect(await axeViolations(page)).toEqual([]);
  if (image) await screenshot(page, image);
}

/** From the chart: the patient-view card's SMART link opens the app in a new tab by a real EHR launch. */
async function launchFromCard(
  patientId: string,
): Promise<{ page: Page; launchMs: number; errors: string[] }> {
  const { context, page: ehr } = await openPanel(browser);
  await ehr.goto(`${app.base}/ehr/patients/${patientId}`);
  const link = ehr.locator('.card__link--app').first();
  await link.waitFor({ timeout: 20_000 });
  const errors: string[] = [];
  context.on('page', (opened) => watchErrors(opened, errors));
  const started = Date.now();
  const [page] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await onScreen(page, 'safety');
  return { page, launchMs: Date.now() - started, errors };
}

function entriesOf(bundle: Bundle<FhirResource> | undefined): FhirResource[] {
  return (bundle?.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/** Every screen of the enquiry-with-disclosure path, checked and photographed; returns the linked child's id. */
async function walkThrough(page: Page): Promise<string> {
  await checkScreen(page, 'safety-check');
  await answerSafety(page);
  await continueTo(page, 'ask');
  await checkScreen(page, 'enquiry');
  await page.check('#f-enquiry-outcome');
  await continueTo(page, 'disclosure');
  await answerDisclosure(page);
  await checkScreen(page, 'disclosure');
  await continueTo(page, 'risk');
  await answerDash(page, 15);
  expect(await page.textContent('#dash-count')).toContain('“Yes” answers: 15. High risk');
  await checkScreen(page, 'dash');
  await continueTo(page, 'actions');
  const childId = await answerActions(page);
  await checkScreen(page, 'actions');
  await continueTo(page, 'review');
  await checkScreen(page, 'review');
  await page.click('#submit');
  await onScreen(page, 'confirmation');
  await checkScreen(page, 'confirmation');
  return childId;
}

/** Every resource sent is stored, labelled R or V, SDV and NOPAT. */
async function expectStoredWithLabels(resources: readonly FhirResource[]): Promise<void> {
  for (const resource of resources) {
    const labels = LABELS(await stored(resource));
    expect(labels, `${resource.resourceType}/${resource.id}`).toEqual(
      expect.arrayContaining(['NOPAT', 'SDV']),
    );
    expect(labels.some((c) => c === 'R' || c === 'V')).toBe(true);
  }
}

/** The restricted Flag, the clinician in Provenance, the codes, and the child's own entry. */
async function expectRecordContents(resources: readonly FhirResource[], childId: string): Promise<void> {
  const flag = resources.find(
    (r) => r.resourceType === 'Flag' && r.subject.reference === 'Patient/persona-kate',
  );
  expect(flag).toMatchObject({ status: 'active' });
  const author = expect.objectContaining({ who: { reference: 'Practitioner/sandbox-gp' } });
  for (const provenance of resources.filter((r) => r.resourceType === 'Provenance')) {
    expect(provenance).toMatchObject({ agent: expect.arrayContaining([author]) });
  }
  const written = JSON.stringify(resources);
  for (const code of ['700410005', '879911000000102', '759481000000100', '431719007', '978091000000105']) {
    expect(written).toContain(`"code":"${code}"`);
  }
  const child = resources.find(
    (r) => r.resourceType === 'Condition' && r.subject.reference === `Patient/${childId}`,
  );
  expect(child).toMatchObject({ code: { coding: [expect.objectContaining({ code: '881081000000100' })] } });
  expect(JSON.stringify(child ? await stored(child) : {})).not.toContain('persona-kate');
}

/** No Web Storage, IndexedDB, Cache Storage or cookie holds anything of the form. */
async function expectNothingLeftBehind(page: Page): Promise<void> {
  expect(await browserStorage(page)).toMatchObject({ local: 0, session: [], databases: 0, caches: 0 });
  const formWords = /physical|coercive|partner|idva|marac|disclos|dash|consent|persona-kate|seed-0/i;
  const cookies = await page.context().cookies();
  expect(
    cookies.filter((c) => formWords.test(decodeURIComponent(c.value)) || c.path.startsWith('/app')),
  ).toEqual([]);
}

/** A token for the patient herself (online access) reads none of it, by id or by search. */
async function expectHiddenFromPatient(resources: readonly FhirResource[]): Promise<void> {
  const token = await app.sandbox.auth.mintAccessToken({
    clientId: 'safe-enquiry-app',
    role: 'patient',
    scope: 'patient/*.rs',
    fhirUser: 'Patient/persona-kate',
    patient: 'persona-kate',
  });
  const asPatient = (path: string) =>
    fetch(`${app.base}/fhir/${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
    });
  for (const resource of resources) {
    expect([403, 404]).toContain((await asPatient(`${resource.resourceType}/${resource.id}`)).status);
  }
  const ids = new Set(resources.map((r) => r.id));
  for (const type of ['Condition', 'Flag', 'Procedure', 'Observation', 'ServiceRequest', 'RiskAssessment']) {
    const bundle = (await (await asPatient(`${type}?patient=persona-kate`)).json()) as Bundle<FhirResource>;
    expect(entriesOf(bundle).filter((r) => ids.has(r.id))).toEqual([]);
  }
}

describe('the recording app, launched from a CDS card in the EHR simulator (600 px)', () => {
  it('records an enquiry with disclosure, DASH high risk, MARAC and IDVA referrals and a linked child', async () => {
    const { page, launchMs, errors } = await launchFromCard('persona-kate');
    const posted: Bundle<FhirResource>[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url() === `${app.base}/fhir`)
        posted.push(r.postDataJSON() as Bundle<FhirResource>);
    });
    console.info(`launch → first interactive screen: ${launchMs} ms`);
    expect(launchMs).toBeLessThan(10_000);
    expect(await page.textContent('main')).toContain('Why you were prompted');
    const childId = await walkThrough(page);
    expect(await page.textContent('#saved-count')).toMatch(
      /entries on this patient’s record and 3 on children’s records/,
    );
    expect(errors).toEqual([]);
    expect(posted).toHaveLength(1);
    const resources = entriesOf(posted[0]);
    await expectStoredWithLabels(resources);
    await expectRecordContents(resources, childId);
    await expectNothingLeftBehind(page);
    await expectHiddenFromPatient(resources);
  }, 180_000);
});
