export { buildContentSecurityPolicy, type SecurityPolicyOrigins } from './security-headers.ts';
export { createSmartAppRouter, DEFAULT_CLIENT_ID, type SmartAppRouterOptions } from './smart-app.router.ts';
