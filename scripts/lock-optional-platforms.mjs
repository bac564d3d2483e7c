// Completes package-lock.json with the platform-specific optional packages (esbuild, rollup, biome binaries for
// other operating systems and CPUs) that this project's package registry does not serve. npm records no lock entry
// for an optional dependency it cannot resolve, and `npm ci` then refuses the lock file ("Missing: … from lock
// file"). Each added entry carries `os`/`cpu` (and `libc`) read from the package name, so npm skips it on every
// other platform without fetching it. Run after any change to dependencies: `npm install && npm run lock:fix`.
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = new Set([
  'aix',
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'openharmony',
  'sunos',
  'win32',
]);
const LIBC = { musl: 'musl', gnu: 'glibc', gnueabihf: 'glibc' };

function platformOf(name) {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/^(cli|rollup|node-bindings)-/, '');
  const [os, cpu, abi] = base.split('-');
  if (!OSES.has(os) || cpu === undefined) return undefined;
  const libc = abi === undefined ? undefined : LIBC[abi];
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    packages[`node_modules/${dep}`] = {
      version: spec,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock:fix: added ${added} platform-specific optional entries`);
