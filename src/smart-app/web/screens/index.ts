export { renderActions } from './actions.screen.ts';
export { renderAsk } from './ask.screen.ts';
export { childrenSection } from './children.section.ts';
export { renderConfirmation } from './confirmation.screen.ts';
export { consentSection } from './consent.section.ts';
export { renderDisclosure } from './disclosure.screen.ts';
export { renderExistingRecord } from './existing-record.screen.ts';
export { type SummaryGroup, summariseForm, visibilityLines } from './form-summary.view.ts';
export { renderPerpetration } from './perpetration.screen.ts';
export { disclosureLines, summaryLines } from './record-summary.view.ts';
export { referralsSection, referralTargetsFor } from './referrals.section.ts';
export { renderReview, summaryList } from './review.screen.ts';
export { countText, renderRisk } from './risk.screen.ts';
export { renderSafety } from './safety.screen.ts';
export { formatDay, panel, screen, section, stepButtons, words } from './screen.parts.ts';
export type {
  AppView,
  Loadable,
  Recorded,
  ScreenActions,
  ScreenId,
  ScreenRender,
  SubmitState,
} from './screen.types.ts';
