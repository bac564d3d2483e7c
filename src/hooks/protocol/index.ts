export type {
  CdsAction,
  CdsCard,
  CdsCoding,
  CdsDiscoveryResponse,
  CdsLink,
  CdsServiceDefinition,
  CdsServiceResponse,
  CdsSource,
  CdsSuggestion,
} from './cds.types.ts';
export { cdsCors } from './cors.middleware.ts';
export { type FeedbackItem, parseFeedback } from './feedback.schema.ts';
export {
  HOOKS,
  type Hook,
  type HookRequest,
  isClinicianUser,
  parseHookRequest,
} from './hook-request.schema.ts';
export {
  checkFeedbackInvariants,
  checkReferenceFormat,
  checkRequestInvariants,
  checkResponseInvariants,
  type InvariantViolation,
} from './invariants.ts';
export {
  isJsonRequest,
  type JsonBodyOptions,
  joinChunks,
  parseJsonBytes,
  readBodyChunks,
  readJsonChunks,
  readJsonRequest,
} from './json-body.reader.ts';
export { discoveryDocument, findService, SERVICES, type ServiceSpec } from './services.ts';
