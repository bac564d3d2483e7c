export { type AccessEntry, careTeamOf, readAccessLog, SAFEGUARDING_LEAD_REF } from './access-log.model.ts';
export { lastReviewByFlag, type ReviewEntry, readReviews } from './review-history.model.ts';
export { SafeguardingApp, type SafeguardingDeps, startSafeguarding } from './safeguarding.app.ts';
export { type CaseRecord, loadAccessLog, loadAlerts, loadCase, loadWorklist } from './safeguarding.loader.ts';
export type {
  ReviewDraft,
  ReviewStatus,
  SafeguardingActions,
  SafeguardingView,
} from './safeguarding.types.ts';
export {
  arrangeRows,
  buildWorklist,
  CASE_CATEGORIES,
  CATEGORY_LABELS,
  type CaseCategory,
  categoryOf,
  type SortKey,
  type WorklistRow,
} from './worklist.model.ts';
