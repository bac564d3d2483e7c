import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, readAxeSource } from '../../helpers/chromium.ts';

/** The width of an EHR side panel: every screen is tested and photographed at it. */
export const PANEL_WIDTH = 600;
const IMAGES = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Words that must never be on the surface: page title, URL, or the concealed screen. */
export const SENSITIVE =
  /abuse|domestic|violence|\bdva\b|perpetrat|marac|idva|dash|safeguard|harm|risk|disclos/i;

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

let axeSource: string | undefined;

/**
 * axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is. The script is evaluated through DevTools (as
 * the EHR simulator's browser test does): a `<script>` tag would be refused by the app's CSP, as it should be.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readAxeSource();
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: unknown,
          ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, AXE_TAGS);
}

/**
 * Full-page screenshot. Written into docs/images (committed: the README shows the screens) only when
 * `UPDATE_SCREENSHOTS=1`, so an ordinary test run leaves tracked files alone; otherwise it is rendered in memory.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') {
    await page.screenshot({ fullPage: true, animations: 'disabled' });
    return;
  }
  await mkdir(IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(IMAGES, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** A page that records script errors and console errors (a CSP violation is a console error). */
export async function openPanel(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: PANEL_WIDTH, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

export function watchErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Waits for a screen of the app (`main[data-screen]`). */
export async function onScreen(page: Page, screen: string): Promise<void> {
  await page.waitForSelector(`main[data-screen="${screen}"]`, { timeout: 20_000 });
}

/** What the surface shows: the page title and the URL. */
export async function surface(page: Page): Promise<{ title: string; url: string }> {
  return { title: await page.title(), url: page.url() };
}

/** Every kind of browser storage the app could have left something in. */
export async function browserStorage(
  page: Page,
): Promise<{ local: number; session: string[]; databases: number; caches: number; cookie: string }> {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: Object.keys(sessionStorage),
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    cookie: document.cookie,
  }));
}
