export {
  type AppConfig,
  appConfigSchema,
  type ReferralService,
  referralDirectorySchema,
  referralServiceSchema,
} from './app-config.schema.ts';
export { SANDBOX_REFERRAL_DIRECTORY } from './referral-directory.ts';
export {
  type AppEntry,
  appScopes,
  type LaunchKind,
  REVIEW_READ_TYPES,
  REVIEW_WRITE_SCOPES,
  reviewScopes,
  SUMMARY_RESOURCE_TYPES,
  type SummaryResourceType,
  WRITTEN_RESOURCE_TYPES,
} from './smart-scopes.ts';
