import { rm } from 'node:fs/promises';
import { readSandboxConfig } from './config.ts';

/** `npm run sandbox:reset`: wipes the sandbox data folder, so the next start seeds afresh. */
const config = readSandboxConfig(process.env, process.cwd());
if (config.dataDir) {
  await rm(config.dataDir, { recursive: true, force: true });
  console.log(`Removed ${config.dataDir}`);
}
