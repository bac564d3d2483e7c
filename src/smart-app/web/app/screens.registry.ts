import type { ScreenId, ScreenRender } from '../screens/index.ts';
import {
  renderActions,
  renderAsk,
  renderConfirmation,
  renderDisclosure,
  renderExistingRecord,
  renderPerpetration,
  renderReview,
  renderRisk,
  renderSafety,
} from '../screens/index.ts';

/** Every screen by id. */
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
