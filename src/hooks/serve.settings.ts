import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_STATE_FILE } from '../state/index.ts';
import { JWT_ALGORITHMS } from './auth/index.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_PREFETCH_BUDGET_MS } from './cds-config.ts';

const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Production settings (`npx safe-enquiry serve`), all from the environment; README "Configuration". */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  APP_LAUNCH_URL: z.url({ protocol: /^https?$/ }).optional(),
  CDS_CLIENTS_FILE: z.string().min(1, 'is required: the trusted CDS clients (JSON)'),
  DATABASE_URL: z.string().min(1).optional(),
  SANDBOX_DATA: z.string().min(1).default('data'),
  CDS_MAX_BODY: z.coerce.number().int().min(1_024).default(DEFAULT_MAX_BODY_BYTES),
  CDS_PREFETCH_BUDGET_MS: z.coerce.number().int().min(50).max(10_000).default(DEFAULT_PREFETCH_BUDGET_MS),
  CDS_ALLOWED_ORIGINS: list.default([]),
  CDS_ALGORITHMS: list.pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)).optional(),
  CDS_REQUIRE_HTTPS_FHIR: flag.default(true),
  CDS_FHIR_SERVER_ALLOWLIST: list.optional(),
  CDS_PSEUDONYM_KEY: z.string().min(16).optional(),
  CDS_STORE_FEEDBACK_COMMENTS: flag.default(false),
});

export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  readonly appLaunchUrl: string;
  readonly clientsFile: string;
  readonly databaseUrl: string;
  readonly maxBodyBytes: number;
  readonly prefetchBudgetMs: number;
  readonly allowedOrigins: readonly string[];
  readonly algorithms: readonly (typeof JWT_ALGORITHMS)[number][] | undefined;
  readonly requireHttpsFhirServer: boolean;
  readonly fhirServerAllowlist: readonly string[] | undefined;
  readonly pseudonymKey: string | undefined;
  readonly storeFeedbackComments: boolean;
}

/** Reads and validates every setting at start, listing all problems together. */
export function readServeSettings(env: NodeJS.ProcessEnv, cwd: string): ServeSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    appLaunchUrl: e.APP_LAUNCH_URL ?? `${publicBaseUrl}/app/launch`,
    clientsFile: path.resolve(cwd, e.CDS_CLIENTS_FILE),
    databaseUrl: e.DATABASE_URL ?? path.resolve(cwd, e.SANDBOX_DATA, DEFAULT_STATE_FILE),
    maxBodyBytes: e.CDS_MAX_BODY,
    prefetchBudgetMs: e.CDS_PREFETCH_BUDGET_MS,
    allowedOrigins: e.CDS_ALLOWED_ORIGINS,
    algorithms: e.CDS_ALGORITHMS,
    requireHttpsFhirServer: e.CDS_REQUIRE_HTTPS_FHIR,
    fhirServerAllowlist: e.CDS_FHIR_SERVER_ALLOWLIST,
    pseudonymKey: e.CDS_PSEUDONYM_KEY,
    storeFeedbackComments: e.CDS_STORE_FEEDBACK_COMMENTS,
  };
}
