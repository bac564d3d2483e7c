export type { EndpointDeps } from './endpoint.deps.ts';
export { createFeedbackHandler } from './feedback.handler.ts';
export { createHookHandler } from './hook.handler.ts';
