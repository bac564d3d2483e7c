export { type Card, type CardLink, OVERRIDE_COMMENT_EXTENSION } from './cds.schema.ts';
export { CLIENT_JWT_TTL_SECONDS } from './client-jwt.signer.ts';
export type {
  EhrDeps,
  EhrLaunchContext,
  EhrOptions,
  EhrRepository,
  MintAccessTokenRequest,
} from './ehr.types.ts';
export { createEhrSimulator, type EhrSimulator } from './ehr-simulator.ts';
export { EHR_CSP } from './http.middleware.ts';
export { resolvePrefetchTemplate } from './prefetch-template.resolver.ts';
export { EHR_USERS, type EhrUser } from './sandbox-users.ts';
