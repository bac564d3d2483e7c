export { buildCards } from './build-cards.ts';
export {
  type BuiltCard,
  buildEnquiryCard,
  buildReviewCard,
  buildWholeFamilyCard,
  SUMMARIES,
} from './card.builders.ts';
export { type CardOptions, overrideReasons, type PromptAppContext } from './card-parts.ts';
export { escapeMarkdown, FORBIDDEN_SURFACE_WORDS, isDiscreet, MAX_SUMMARY_LENGTH } from './discreet-text.ts';
