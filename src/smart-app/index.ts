export {
  buildContentSecurityPolicy,
  createSmartAppRouter,
  DEFAULT_CLIENT_ID,
  type SecurityPolicyOrigins,
  type SmartAppRouterOptions,
} from './server/index.ts';
export {
  type AppConfig,
  appConfigSchema,
  appScopes,
  type LaunchKind,
  type ReferralService,
  referralDirectorySchema,
  SANDBOX_REFERRAL_DIRECTORY,
  WRITTEN_RESOURCE_TYPES,
} from './shared/index.ts';
