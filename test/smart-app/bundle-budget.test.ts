import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApp, ensureAppBuilt } from './helpers/app-build.ts';

/** Issue 5: the whole app under 250 kB gzip. */
const BUDGET_BYTES = 250 * 1024;

let built: BuiltApp;

beforeAll(async () => {
  built = await ensureAppBuilt();
}, 120_000);

afterAll(async () => {
  await built?.cleanup();
});

async function files(): Promise<{ name: string; text: string }[]> {
  const entries = await readdir(built.distDir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => ({
        name: path.relative(built.distDir, path.join(e.parentPath, e.name)),
        text: await readFile(path.join(e.parentPath, e.name), 'utf8'),
      })),
  );
}

describe('the built app', () => {
  it('stays within the bundle budget', async () => {
    const sizes = (await files()).map((f) => ({ name: f.name, gzip: gzipSync(f.text, { level: 9 }).length }));
    const total = sizes.reduce((sum, f) => sum + f.gzip, 0);
    console.info(`bundle: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.length} files`);
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('has no inline script or style, no eval, and nothing sensitive in its page', async () => {
    const all = await files();
    const html = all.find((f) => f.name === 'index.html')?.text ?? '';
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\bsrc=/.test(tag))).toBe(true);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<title>Clinical note</title>');
    expect(html).not.toMatch(/abuse|domestic|violence|\bdva\b|perpetrat/i);
    for (const script of all.filter((f) => f.name.endsWith('.js'))) {
      expect(script.text, script.name).not.toMatch(
        /\beval\(|new Function\(|localStorage|indexedDB|document\.cookie/,
      );
    }
  });
});
