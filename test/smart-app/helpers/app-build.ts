import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG = path.join(ROOT, 'src/smart-app/vite.config.ts');
const DIST = path.join(ROOT, 'dist/app');
/** Everything the bundle is built from. */
const SOURCES = ['src/smart-app', 'src/recording', 'src/terminology', 'src/shared', 'terminology'];

async function newestMtime(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const times = await Promise.all(
    entries.filter((e) => e.isFile()).map(async (e) => (await stat(path.join(e.parentPath, e.name))).mtimeMs),
  );
  return Math.max(0, ...times);
}

async function distIsFresh(): Promise<boolean> {
  const built = await stat(path.join(DIST, 'index.html')).catch(() => undefined);
  if (!built) return false;
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return built.mtimeMs >= Math.max(...sources);
}

export interface BuiltApp {
  readonly distDir: string;
  readonly cleanup: () => Promise<void>;
}

/**
 * The built app: `dist/app` when it is newer than every source it is built from (`npm run build:app` ran), or a
 * fresh build into a temporary folder (never racing another test file over `dist/app`).
 */
export async function ensureAppBuilt(): Promise<BuiltApp> {
  if (await distIsFresh()) return { distDir: DIST, cleanup: async () => undefined };
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'smart-app-dist-'));
  await build({ configFile: CONFIG, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return { distDir: outDir, cleanup: () => rm(outDir, { recursive: true, force: true }) };
}
