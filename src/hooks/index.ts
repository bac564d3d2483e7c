export {
  type AuthFailure,
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  parseTrustedClients,
  readTrustedClientsFile,
  type TrustedClient,
} from './auth/index.ts';
export { FORBIDDEN_SURFACE_WORDS, isDiscreet, SUMMARIES } from './cards/index.ts';
export { type CdsApp, type CdsDeps, createCdsApp } from './cds-app.ts';
export {
  type CdsConfig,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PREFETCH_BUDGET_MS,
  type ResolvedCdsConfig,
  resolveCdsConfig,
} from './cds-config.ts';
export type { CdsLogger } from './cds-logger.ts';
export { PREFETCH_KEYS, prefetchTemplates } from './data/index.ts';
export {
  type CdsCard,
  type CdsDiscoveryResponse,
  type CdsServiceResponse,
  checkFeedbackInvariants,
  checkRequestInvariants,
  checkResponseInvariants,
  discoveryDocument,
  type InvariantViolation,
  SERVICES,
} from './protocol/index.ts';
export { DEFAULT_RULE_CONFIG, RULE_IDS, type RuleConfig, type RuleConfigInput } from './rules/index.ts';
