export type {
  AccessAction,
  AccessPrincipal,
  FhirAccessControl,
  FhirHttpRequest,
  ScopeGrant,
} from './access.ts';
export { SandboxRole } from './access.ts';
export {
  createFhirService,
  DEFAULT_MAX_BODY_BYTES,
  type FhirService,
  type FhirServiceOptions,
} from './fhir.service.ts';
export { type InstanceHistoryOptions, SandboxRepository } from './sandbox.repository.ts';
export { applyTransaction } from './transaction.apply.ts';
