import { renderActions } from '../screens/actions.screen.ts';
import { renderAsk } from '../screens/ask.screen.ts';
import { renderConfirmation } from '../screens/confirmation.screen.ts';
import { renderDisclosure } from '../screens/disclosure.screen.ts';
import { renderExistingRecord } from '../screens/existing-record.screen.ts';
import { renderPerpetration } from '../screens/perpetration.screen.ts';
import { renderReview } from '../screens/review.screen.ts';
import { renderRisk } from '../screens/risk.screen.ts';
import { renderSafety } from '../screens/safety.screen.ts';
import type { ScreenId, ScreenRender } from '../screens/screen.types.ts';

export const SCREENS: Readonly<Record<ScreenId, ScreenRender>> = {
  safety: renderSafety,
  ask: renderAsk,
  disclosure: renderDisclosure,
  risk: renderRisk,
  actions: renderActions,
  perpetration: renderPerpetration,
  review: renderReview,
  confirmation: renderConfirmation,
  'existing-record': renderExistingRecord,
};
