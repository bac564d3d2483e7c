export type { BodyEndpoint, EndpointDeps } from './endpoint.deps.ts';
export { createFeedbackHandler } from './feedback.handler.ts';
export { createHookHandler, type HookEndpoint } from './hook.handler.ts';
