import path from 'node:path';
import { z } from 'zod';

/** Sandbox settings, all from the environment (README "Configuration"). */
export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  /** Folder for the FHIR log, keys and the state database; undefined = memory only (tests). */
  readonly dataDir: string | undefined;
  /** State database: a SQLite file in dataDir by default, or `postgres://…`. */
  readonly databaseUrl: string | undefined;
  /** Extra trusted CDS clients (JSON file), besides the sandbox's own EHR simulator. */
  readonly cdsClientsFile: string | undefined;
  /** Seed synthetic patients when the FHIR store is empty. */
  readonly seed: boolean;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url().optional(),
  SANDBOX_DATA: z.string().min(1).default('data'),
  DATABASE_URL: z.string().min(1).optional(),
  CDS_CLIENTS_FILE: z.string().min(1).optional(),
  SANDBOX_SEED: z.enum(['on', 'off']).default('on'),
});

/** Parses the environment once, reporting every problem. */
export function readSandboxConfig(env: NodeJS.ProcessEnv, cwd: string): SandboxConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid sandbox configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(cwd, e.SANDBOX_DATA),
    databaseUrl: e.DATABASE_URL,
    cdsClientsFile: e.CDS_CLIENTS_FILE,
    seed: e.SANDBOX_SEED === 'on',
  };
}
