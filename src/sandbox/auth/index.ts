export { mayDisclose } from './label-policy.ts';
export {
  APP_CLIENT_ID,
  defaultSandboxClients,
  defaultSandboxUsers,
  SERVICE_CLIENT_ID,
} from './sandbox-users.ts';
export { createSmartAuth } from './smart-auth.ts';
export type {
  LaunchContext,
  MintAccessTokenGrant,
  SandboxUser,
  SmartAuth,
  SmartAuthOptions,
  SmartClientConfig,
} from './smart-auth.types.ts';
export { parseSmartScope, parseSmartScopes } from './smart-scope.parser.ts';
