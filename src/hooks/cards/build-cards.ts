import type { Decision } from '../rules/index.ts';
import { type BuiltCard, buildEnquiryCard, buildReviewCard, buildWholeFamilyCard } from './card.builders.ts';
import type { CardOptions } from './card-parts.ts';

/**
 * At most one card per call, so a clinician sees one discreet item and feedback has one subject: the whole-family
 * card when it fired (it folds in any other rule's evidence), else the enquiry prompt, or the review card.
 */
export function buildCards(decision: Decision, options: CardOptions): BuiltCard[] {
  switch (decision.kind) {
    case 'none':
      return [];
    case 'prompt':
      return decision.wholeFamily
        ? [buildWholeFamilyCard(decision.wholeFamily, decision.hits, options)]
        : [buildEnquiryCard(decision.hits, options)];
    case 'review':
      return [buildReviewCard(decision.hits, decision.disclosure, options)];
  }
}
