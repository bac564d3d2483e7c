import { formatDay } from '../screens/index.ts';
import { h } from '../ui/index.ts';
import type { ReviewEntry } from './review-history.model.ts';

function reviewText(review: ReviewEntry): string {
  const parts = [
    review.acknowledged ? 'acknowledged' : 'reviewed',
    review.marac ? `MARAC: ${review.marac}` : '',
    review.actionsTaken ? `actions: ${review.actionsTaken}` : '',
    review.closeReason ?? '',
  ].filter((p) => p !== '');
  return `${formatDay(review.date)}, ${review.reviewer}: ${parts.join('; ')}.`;
}

/** Earlier safeguarding reviews of the patient's flags, newest first, so that nobody reviews blind. */
export function reviewHistory(reviews: readonly ReviewEntry[]): HTMLElement {
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'reviews-title' },
    h('h2', { class: 'section__title', id: 'reviews-title' }, 'Reviews on record'),
    reviews.length === 0
      ? h('p', {}, 'No review is on record.')
      : h(
          'ul',
          { class: 'list list--record', id: 'review-history' },
          reviews.map((r) => h('li', { 'data-flag': r.flagRef }, reviewText(r))),
        ),
  );
}
