import { html, type SafeHtml } from '../../http/html.template.ts';
import { allowsOverrideComment, type Card, type CardLink } from './cds.schema.ts';
import type { HookInvocation } from './hook-invocation.store.ts';
import { isHttpUrl, renderMarkdown } from './markdown.render.ts';

const INDICATORS = {
  critical: { rank: 0, icon: '!!', label: 'Critical' },
  warning: { rank: 1, icon: '!', label: 'Warning' },
  info: { rank: 2, icon: 'i', label: 'Information' },
} as const;

interface PlacedCard {
  readonly card: Card;
  readonly serviceIndex: number;
  readonly cardIndex: number;
}

function linkItem(basePath: string, hookInstance: string, placed: PlacedCard, link: CardLink, index: number) {
  if (link.type === 'smart') {
    const query = new URLSearchParams({
      h: hookInstance,
      s: String(placed.serviceIndex),
      c: String(placed.cardIndex),
      l: String(index),
    });
    return html`<li><a class="card__link card__link--app" href="${basePath}/smart-link?${query.toString()}"
      target="_blank" rel="noopener">${link.label}</a></li>`;
  }
  if (!isHttpUrl(link.url)) return html`<li>${link.label}</li>`;
  return html`<li><a class="card__link" href="${link.url}" target="_blank" rel="noopener noreferrer">${link.label}<span
    class="visually-hidden"> (opens in a new tab)</span></a></li>`;
}

function suggestions(card: Card): SafeHtml | '' {
  if (!card.suggestions?.length) return '';
  const items = card.suggestions.map(
    (s, i) => html`<li><button type="button" class="btn${s.isRecommended ? ' btn--primary' : ''}"
      data-accept="${i}">${s.label}</button>${s.isRecommended ? html` <span class="pill">Recommended</span>` : ''}</li>`,
  );
  return html`<ul class="card__suggestions" aria-label="Suggestions">${items}</ul>`;
}

function dismissForm(card: Card, id: string): SafeHtml {
  const reasons = (card.overrideReasons ?? []).map(
    (r, i) => html`<option value="${i}">${r.display}</option>`,
  );
  const comment = allowsOverrideComment(card)
    ? html`<label for="${id}-comment">Comment (optional)</label>
      <textarea id="${id}-comment" name="comment" rows="2" maxlength="500"></textarea>`
    : '';
  return html`<form class="card__dismiss" data-dismiss>
    <label for="${id}-reason">Reason for dismissing</label>
    <select id="${id}-reason" name="reason"><option value="">No reason given</option>${reasons}</select>
    ${comment}
    <button type="submit" class="btn btn--quiet">Dismiss</button>
  </form>`;
}

function source(card: Card): SafeHtml {
  const label =
    card.source.url && isHttpUrl(card.source.url)
      ? html`<a href="${card.source.url}" target="_blank" rel="noopener noreferrer">${card.source.label}</a>`
      : card.source.label;
  const topic = card.source.topic ? (card.source.topic.display ?? card.source.topic.code) : undefined;
  return html`<p class="card__source">Source: ${label}${topic ? html` · ${topic}` : ''}</p>`;
}

function renderCard(basePath: string, hookInstance: string, placed: PlacedCard): SafeHtml {
  const { card } = placed;
  const id = `card-${placed.serviceIndex}-${placed.cardIndex}`;
  const indicator = INDICATORS[card.indicator];
  const links = card.links?.map((l, i) => linkItem(basePath, hookInstance, placed, l, i));
  return html`<article class="card card--${card.indicator}" aria-labelledby="${id}-summary"
      data-service="${placed.serviceIndex}" data-card="${placed.cardIndex}"
      data-selection="${card.selectionBehavior ?? ''}">
    <h3 class="card__summary" id="${id}-summary"><span class="card__indicator" aria-hidden="true">${indicator.icon}</span>
      <span class="visually-hidden">${indicator.label}: </span>${card.summary}</h3>
    ${source(card)}
    ${
      card.detail
        ? html`<details class="card__detail"><summary>Details</summary>
      <div class="markdown">${renderMarkdown(card.detail)}</div></details>`
        : ''
    }
    ${suggestions(card)}
    ${links?.length ? html`<ul class="card__links" aria-label="Links">${links}</ul>` : ''}
    ${dismissForm(card, id)}
    <p class="card__feedback" role="status"></p>
  </article>`;
}

/** Cards of every service, most severe first; their (service, card) positions identify them to the server. */
function placeCards(invocation: HookInvocation): PlacedCard[] {
  const placed = invocation.services.flatMap((service, serviceIndex) =>
    service.cards.map((card, cardIndex) => ({ card, serviceIndex, cardIndex })),
  );
  return placed.sort((a, b) => INDICATORS[a.card.indicator].rank - INDICATORS[b.card.indicator].rank);
}

/**
 * The side panel's content for one hook instance: the cards as an EHR would show them (summary first, detail
 * folded away until opened, CDS Hooks 2.0 "Card"), and a discreet line when a service could not be reached.
 */
export function renderCardPanel(basePath: string, invocation: HookInvocation): SafeHtml {
  const placed = placeCards(invocation);
  const failed = invocation.services.some((s) => s.status === 'failed');
  const cards = placed.map((p) => renderCard(basePath, invocation.hookInstance, p));
  const empty = placed.length === 0 && !failed ? html`<p class="muted">Nothing to show.</p>` : '';
  return html`<div class="cds-cards" data-hook-instance="${invocation.hookInstance}">
    ${failed ? html`<p class="cds-unavailable">Decision support unavailable</p>` : ''}
    ${empty}${cards}
  </div>`;
}
