import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ReferralService, referralDirectorySchema } from '../smart-app/index.ts';
import { readTrustedClientsFile, type TrustedClient } from './auth/index.ts';
import { type ServeSettings, SettingsError } from './serve.settings.ts';

/** The settings plus what the files they name contain, all checked before the server starts. */
export interface ServeConfig {
  readonly settings: ServeSettings;
  readonly clients: readonly TrustedClient[];
  readonly directory: readonly ReferralService[];
}

type Loaded<T> = { readonly value: T } | { readonly problem: string };

async function loadClients(file: string): Promise<Loaded<TrustedClient[]>> {
  try {
    return { value: await readTrustedClientsFile(file) };
  } catch (err) {
    return { problem: err instanceof Error ? err.message : `CDS_CLIENTS_FILE ${file} is invalid` };
  }
}

async function loadDirectory(file: string): Promise<Loaded<ReferralService[]>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return { problem: `REFERRAL_DIRECTORY_FILE ${file} could not be read as JSON` };
  }
  const parsed = referralDirectorySchema.safeParse(json);
  if (parsed.success) return { value: parsed.data };
  const problems = parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`);
  return { problem: `Invalid REFERRAL_DIRECTORY_FILE ${file}:\n    ${problems.join('\n    ')}` };
}

async function checkAppBundle(distDir: string): Promise<string | undefined> {
  try {
    await access(path.join(distDir, 'index.html'));
    return undefined;
  } catch {
    return `the SMART app bundle is missing (no index.html in ${distDir}): run npm run build:app`;
  }
}

/** Reads the trusted clients, the referral directory and checks the app bundle; every problem at once. */
export async function loadServeConfig(settings: ServeSettings): Promise<ServeConfig> {
  const [clients, directory, bundle] = await Promise.all([
    loadClients(settings.clientsFile),
    loadDirectory(settings.referralDirectoryFile),
    checkAppBundle(settings.appDistDir),
  ]);
  const problems = [clients, directory].flatMap((r) => ('problem' in r ? [r.problem] : []));
  if (bundle) problems.push(bundle);
  if ('problem' in clients || 'problem' in directory || problems.length > 0)
    throw new SettingsError(problems);
  return { settings, clients: clients.value, directory: directory.value };
}
