import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runExtraction } from '../../src/extract/index.ts';
import { launchChromium, readAxeSource } from '../helpers/chromium.ts';
import { removeDirs, tempDir, writeNdjsonDir } from './helpers/fhir-builders.ts';
import { filesByType, syntheticPopulation } from './helpers/population.ts';

const dirs: string[] = [];
afterEach(() => removeDirs(dirs));

describe('report.html in a browser', () => {
  it('has no axe-core accessibility violations and loads nothing from outside', async () => {
    const source = await writeNdjsonDir(filesByType(syntheticPopulation(11, 200)));
    const out = await tempDir();
    dirs.push(source, out);
    const { summary } = await runExtraction({ source, outDir: out });
    expect(summary.recordsCounted).toBeGreaterThan(100);
    const axe = await readAxeSource();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${path.join(out, 'report.html')}`);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run: () => Promise<{ violations: { id: string }[] }> } }
        ).axe.run();
        return result.violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
      expect(await page.locator('svg[role="img"]').count()).toBe(12);
    } finally {
      await browser.close();
    }
  });
});
