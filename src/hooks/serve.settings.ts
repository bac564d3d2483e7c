import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_STATE_FILE } from '../state/index.ts';
import { JWT_ALGORITHMS, type JwtAlgorithm } from './auth/index.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_PREFETCH_BUDGET_MS, MAX_EVALUATION_THREADS } from './cds-config.ts';
import { parseTrustProxy, type TrustProxy } from './serve-trust-proxy.ts';

/**
 * Evaluation worker threads when `CDS_EVALUATION_THREADS` is unset: one per core but one (the request thread keeps
 * that core), at least one.
 */
export function defaultEvaluationThreads(cores = os.availableParallelism()): number {
  return Math.min(MAX_EVALUATION_THREADS, Math.max(1, cores - 1));
}

/** The built SMART app, `dist/app` at the package root (this file is `src/hooks/serve.settings.ts`). */
export const DEFAULT_APP_DIST_DIR = fileURLToPath(new URL('../../dist/app', import.meta.url));

const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const httpUrl = z.url({ protocol: /^https?$/ });
const origin = z
  .string()
  .refine((o) => URL.canParse(o) && new URL(o).origin === o, 'must be scheme://host[:port]');

/** Production settings (`npx safe-enquiry serve`), all from the environment: docs/production.md "Settings". */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: httpUrl.optional(),
  ALLOW_HTTP: flag.default(false),
  TRUST_PROXY: z.string().min(1).default('false'),
  FHIR_BASE_URL: z.string("is required: the EHR's FHIR R4 base URL").pipe(httpUrl),
  APP_LAUNCH_URL: httpUrl.optional(),
  CDS_CLIENTS_FILE: z.string('is required: the trusted CDS clients (JSON)').min(1),
  REFERRAL_DIRECTORY_FILE: z.string('is required: the local referral directory (JSON; [] for none)').min(1),
  DATABASE_URL: z.string().min(1).optional(),
  SANDBOX_DATA: z.string().min(1).default('data'),
  CDS_MAX_BODY: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(64 * 1024 * 1024)
    .default(DEFAULT_MAX_BODY_BYTES),
  CDS_PREFETCH_BUDGET_MS: z.coerce.number().int().min(50).max(10_000).default(DEFAULT_PREFETCH_BUDGET_MS),
  CDS_EVALUATION_THREADS: z.coerce.number().int().min(0).max(MAX_EVALUATION_THREADS).optional(),
  CDS_ALLOWED_ORIGINS: list.pipe(z.array(origin)).default([]),
  CDS_ALGORITHMS: list.pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)).optional(),
  CDS_REQUIRE_HTTPS_FHIR: flag.default(true),
  CDS_FHIR_SERVER_ALLOWLIST: list.pipe(z.array(httpUrl).min(1)).optional(),
  CDS_PSEUDONYM_KEY: z.string().min(16, 'use at least 16 characters').optional(),
  CDS_STORE_FEEDBACK_COMMENTS: flag.default(false),
  SMART_CLIENT_ID: z.string().min(1).max(200).default('safe-enquiry-app'),
  SMART_ALLOWED_ISSUERS: list.pipe(z.array(httpUrl).min(1)).optional(),
  APP_FRAME_ANCESTORS: list.pipe(z.array(origin)).default([]),
  APP_CONNECT_SOURCES: list.pipe(z.array(origin).min(1)).optional(),
  APP_DEVICE: z
    .string()
    .regex(/^Device\/[A-Za-z0-9\-.]{1,64}$/, 'must be Device/{id}')
    .optional(),
  APP_DIST_DIR: z.string().min(1).optional(),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
});

type Env = z.output<typeof envSchema>;

export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  readonly trustProxy: TrustProxy;
  readonly fhirBaseUrl: string;
  readonly appLaunchUrl: string;
  readonly clientsFile: string;
  readonly referralDirectoryFile: string;
  readonly databaseUrl: string;
  readonly maxBodyBytes: number;
  readonly prefetchBudgetMs: number;
  /** Worker threads that parse hook bodies and run the rules; 0 = on the request thread. */
  readonly evaluationThreads: number;
  readonly allowedOrigins: readonly string[];
  readonly algorithms: readonly JwtAlgorithm[] | undefined;
  readonly requireHttpsFhirServer: boolean;
  /** Where the CDS service may call back: `CDS_FHIR_SERVER_ALLOWLIST`, else the EHR's own `FHIR_BASE_URL`. */
  readonly fhirServerAllowlist: readonly string[];
  readonly pseudonymKey: string | undefined;
  readonly storeFeedbackComments: boolean;
  readonly smartClientId: string;
  readonly allowedIssuers: readonly string[];
  readonly frameAncestors: readonly string[];
  readonly connectSources: readonly string[] | undefined;
  readonly appDevice: string | undefined;
  readonly appDistDir: string;
  readonly shutdownTimeoutMs: number;
  /** Accepted but worth a line in the log (e.g. plain http on a loopback address). */
  readonly warnings: readonly string[];
}

/** Every setting problem at once (`safe-enquiry serve` prints them all and exits 2). */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid settings:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function isPlainHttp(url: string | undefined): url is string {
  return url !== undefined && URL.canParse(url) && new URL(url).protocol === 'http:';
}

/** Checks across settings, on the raw values (so that they are listed along with field problems). */
function crossChecks(env: NodeJS.ProcessEnv): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT ?? '8080'}`;
  if (isPlainHttp(publicBaseUrl)) {
    if (LOOPBACK.has(new URL(publicBaseUrl).hostname) || env.ALLOW_HTTP === 'true')
      warnings.push(`PUBLIC_BASE_URL ${publicBaseUrl} is plain http`);
    else
      problems.push(
        'PUBLIC_BASE_URL: must be https (terminate TLS at the proxy in front); set ALLOW_HTTP=true to accept http',
      );
  }
  if (isPlainHttp(env.FHIR_BASE_URL) && env.CDS_REQUIRE_HTTPS_FHIR !== 'false')
    problems.push('FHIR_BASE_URL: must be https while CDS_REQUIRE_HTTPS_FHIR=true');
  const trust = parseTrustProxy(env.TRUST_PROXY ?? 'false');
  if (!trust.ok) problems.push(`TRUST_PROXY: ${trust.problem}`);
  return { problems, warnings };
}

function build(e: Env, cwd: string, trustProxy: TrustProxy, warnings: readonly string[]): ServeSettings {
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const fhirBaseUrl = e.FHIR_BASE_URL.replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    trustProxy,
    fhirBaseUrl,
    appLaunchUrl: e.APP_LAUNCH_URL ?? `${publicBaseUrl}/app/launch`,
    clientsFile: path.resolve(cwd, e.CDS_CLIENTS_FILE),
    referralDirectoryFile: path.resolve(cwd, e.REFERRAL_DIRECTORY_FILE),
    databaseUrl: e.DATABASE_URL ?? path.resolve(cwd, e.SANDBOX_DATA, DEFAULT_STATE_FILE),
    maxBodyBytes: e.CDS_MAX_BODY,
    prefetchBudgetMs: e.CDS_PREFETCH_BUDGET_MS,
    evaluationThreads: e.CDS_EVALUATION_THREADS ?? defaultEvaluationThreads(),
    allowedOrigins: e.CDS_ALLOWED_ORIGINS,
    algorithms: e.CDS_ALGORITHMS,
    requireHttpsFhirServer: e.CDS_REQUIRE_HTTPS_FHIR,
    fhirServerAllowlist: e.CDS_FHIR_SERVER_ALLOWLIST ?? [fhirBaseUrl],
    pseudonymKey: e.CDS_PSEUDONYM_KEY,
    storeFeedbackComments: e.CDS_STORE_FEEDBACK_COMMENTS,
    smartClientId: e.SMART_CLIENT_ID,
    allowedIssuers: e.SMART_ALLOWED_ISSUERS ?? [fhirBaseUrl],
    frameAncestors: e.APP_FRAME_ANCESTORS,
    connectSources: e.APP_CONNECT_SOURCES,
    appDevice: e.APP_DEVICE,
    appDistDir: e.APP_DIST_DIR ? path.resolve(cwd, e.APP_DIST_DIR) : DEFAULT_APP_DIST_DIR,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    warnings,
  };
}

/** Reads and validates every setting, listing all problems together (throws SettingsError). */
export function readServeSettings(env: NodeJS.ProcessEnv, cwd: string): ServeSettings {
  const parsed = envSchema.safeParse(env);
  const checks = crossChecks(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ...checks.problems,
  ];
  const trust = parseTrustProxy(env.TRUST_PROXY ?? 'false');
  if (!parsed.success || !trust.ok || problems.length > 0) throw new SettingsError(problems);
  return build(parsed.data, cwd, trust.value, checks.warnings);
}
