export {
  createFhirHttp,
  type FhirHttp,
  FhirHttpError,
  type FhirHttpOptions,
  FhirNetworkError,
} from './fhir-http.ts';
export {
  authorRefOf,
  type IdTokenCheck,
  UserNotVerifiedError,
  type VerifiedUser,
  verifyIdToken,
} from './id-token.verify.ts';
export { clearLaunchState } from './launch-state.ts';
export { type PromptContext, parsePromptContext } from './prompt-context.ts';
export {
  type AppSession,
  completeLaunch,
  LaunchError,
  type LaunchSession,
  type ReviewSession,
} from './smart-session.ts';
