import { z } from 'zod';
import { JWT_ALGORITHMS, type JwtAlgorithm, type TrustedClient, trustedClientSchema } from './auth/index.ts';
import { isDiscreet } from './cards/index.ts';
import { type RuleConfig, type RuleConfigInput, ruleConfigSchema } from './rules/index.ts';

/** Settings of the CDS Hooks service; only the first three are required. */
export interface CdsConfig {
  /** Public base URL (`PUBLIC_BASE_URL`): JWT `aud` must be `{publicBaseUrl}/cds-services[/{id}]`. */
  readonly publicBaseUrl: string;
  /** Trusted CDS clients (the parsed `CDS_CLIENTS_FILE`, plus e.g. the sandbox EHR simulator). */
  readonly trustedClients: readonly TrustedClient[];
  /** SMART launch URL of the recording app, `{base}/app/launch`. */
  readonly appLaunchUrl: string;
  /** Browser origins allowed by CORS (exact `scheme://host[:port]`); default none. */
  readonly allowedOrigins?: readonly string[];
  /** Largest request body (`CDS_MAX_BODY`); default 4 MiB. */
  readonly maxBodyBytes?: number;
  /** Time budget for all FHIR callbacks of one request; default 400 ms. */
  readonly prefetchBudgetMs?: number;
  /** JWT algorithms accepted; default ES384, RS384 (ES256/RS256 may be added). */
  readonly algorithms?: readonly JwtAlgorithm[];
  /** Clock skew allowed on `exp`/`iat`; default 60 s. */
  readonly clockToleranceSeconds?: number;
  /** Oldest `iat` accepted; default 3600 s (the `jti` replay window). */
  readonly maxTokenAgeSeconds?: number;
  /** How long a fetched `jwks_uri` is cached; default 600 s. */
  readonly jwksCacheSeconds?: number;
  /** Minimum interval between refetches of a `jwks_uri` for an unknown `kid`; default 30 s. */
  readonly jwksCooldownSeconds?: number;
  /** Refuse callbacks to a non-https `fhirServer` (production); default false (sandbox). */
  readonly requireHttpsFhirServer?: boolean;
  /** When set, callbacks only to a `fhirServer` starting with one of these URLs. */
  readonly fhirServerAllowlist?: readonly string[];
  /** Rule thresholds (any subset; the rest keep their documented defaults). */
  readonly rules?: RuleConfigInput;
  /** Key for pseudonymous ids in the pilot store; default: a random key kept in the state database. */
  readonly pseudonymKey?: string;
  /** Store the clinician's free-text override comment; default false (free text about patients stays out). */
  readonly storeFeedbackComments?: boolean;
  /** `source.label` of every card; default "Safe Enquiry". Must be discreet. */
  readonly sourceLabel?: string;
  /**
   * Worker threads that parse hook bodies and run the rules (`CDS_EVALUATION_THREADS`); 0 (the default here)
   * evaluates on the request thread. `safe-enquiry serve` defaults to one per core but one, at least one.
   */
  readonly evaluationThreads?: number;
  /** Young-generation limit of each evaluation worker's V8 heap, MB; default 16 (see docs/production.md). */
  readonly evaluationYoungGenerationMb?: number;
}

export interface ResolvedCdsConfig {
  readonly publicBaseUrl: string;
  readonly trustedClients: readonly TrustedClient[];
  readonly appLaunchUrl: string;
  readonly allowedOrigins: readonly string[];
  readonly maxBodyBytes: number;
  readonly prefetchBudgetMs: number;
  readonly algorithms: readonly JwtAlgorithm[];
  readonly clockToleranceSeconds: number;
  readonly maxTokenAgeSeconds: number;
  readonly jwksCacheSeconds: number;
  readonly jwksCooldownSeconds: number;
  readonly requireHttpsFhirServer: boolean;
  readonly fhirServerAllowlist: readonly string[] | undefined;
  readonly rules: RuleConfig;
  readonly pseudonymKey: string | undefined;
  readonly storeFeedbackComments: boolean;
  readonly sourceLabel: string;
  readonly evaluationThreads: number;
  readonly evaluationYoungGenerationMb: number;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_PREFETCH_BUDGET_MS = 400;
export const MAX_EVALUATION_THREADS = 16;
export const DEFAULT_EVALUATION_YOUNG_GENERATION_MB = 16;

const httpUrl = z.url({ protocol: /^https?$/ });
const origin = z
  .string()
  .refine(
    (o) => URL.canParse(o) && new URL(o).origin === o,
    'must be an origin: scheme://host[:port], no path',
  );

const configSchema = z.object({
  publicBaseUrl: httpUrl.transform((u) => u.replace(/\/+$/, '')),
  trustedClients: z.array(trustedClientSchema),
  appLaunchUrl: httpUrl,
  allowedOrigins: z.array(origin).default([]),
  maxBodyBytes: z
    .number()
    .int()
    .min(1_024)
    .max(64 * 1024 * 1024)
    .default(DEFAULT_MAX_BODY_BYTES),
  prefetchBudgetMs: z.number().int().min(50).max(10_000).default(DEFAULT_PREFETCH_BUDGET_MS),
  algorithms: z.array(z.enum(JWT_ALGORITHMS)).min(1).default(['ES384', 'RS384']),
  clockToleranceSeconds: z.number().int().min(0).max(300).default(60),
  maxTokenAgeSeconds: z.number().int().min(900).max(3_600).default(3_600),
  jwksCacheSeconds: z.number().int().min(0).max(86_400).default(600),
  jwksCooldownSeconds: z.number().min(0).max(3_600).default(30),
  requireHttpsFhirServer: z.boolean().default(false),
  fhirServerAllowlist: z.array(httpUrl).min(1).optional(),
  rules: ruleConfigSchema.prefault({}),
  pseudonymKey: z.string().min(16, 'use at least 16 characters').optional(),
  storeFeedbackComments: z.boolean().default(false),
  sourceLabel: z
    .string()
    .min(1)
    .max(80)
    .refine(isDiscreet, 'must not name the subject on screen')
    .default('Safe Enquiry'),
  evaluationThreads: z.number().int().min(0).max(MAX_EVALUATION_THREADS).default(0),
  evaluationYoungGenerationMb: z
    .number()
    .int()
    .min(4)
    .max(256)
    .default(DEFAULT_EVALUATION_YOUNG_GENERATION_MB),
});

/** Applies defaults and validates, reporting every problem at once. */
export function resolveCdsConfig(config: CdsConfig): ResolvedCdsConfig {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new Error(`Invalid CDS service configuration:\n  ${problems.join('\n  ')}`);
  }
  const { fhirServerAllowlist, pseudonymKey, ...rest } = parsed.data;
  return {
    ...rest,
    trustedClients: rest.trustedClients as TrustedClient[],
    fhirServerAllowlist,
    pseudonymKey,
  };
}
