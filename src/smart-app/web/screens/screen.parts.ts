import type { StepId } from '../form/index.ts';
import { stepsFor } from '../form/index.ts';
import { type Child, errorSummary, h } from '../ui/index.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

/** A screen: its error summary (if any), step caption, heading and content. */
export function screen(
  id: string,
  view: AppView,
  options: { readonly title: string; readonly step?: StepId; readonly lead?: Child },
  ...content: Child[]
): HTMLElement {
  const steps = options.step ? stepsFor(view.draft) : [];
  const index = options.step ? steps.indexOf(options.step) : -1;
  return h(
    'div',
    { class: 'screen', 'data-screen': id },
    errorSummary(view.issues),
    index >= 0 ? h('p', { class: 'caption' }, `Step ${index + 1} of ${steps.length}`) : null,
    h('h1', { class: 'heading', id: 'screen-title', tabindex: -1 }, options.title),
    options.lead ? h('div', { class: 'lead' }, options.lead) : null,
    ...content,
  );
}

/** Continue and Back buttons at the foot of a step. */
export function stepButtons(
  step: StepId,
  actions: ScreenActions,
  options: { readonly continueLabel?: string; readonly back?: boolean } = {},
): HTMLElement {
  return h(
    'div',
    { class: 'button-row' },
    h(
      'button',
      { type: 'button', class: 'button', id: 'continue', onclick: () => actions.continueFrom(step) },
      options.continueLabel ?? 'Continue',
    ),
    options.back === false
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'button button--secondary',
            id: 'back',
            onclick: () => actions.back(step),
          },
          'Back',
        ),
  );
}

/** A bordered note: guidance, suggested words, or a warning. */
export function panel(
  kind: 'guidance' | 'words' | 'warning' | 'info',
  title: string | null,
  ...content: Child[]
): HTMLElement {
  return h(
    'section',
    { class: `panel panel--${kind}`, 'aria-label': title ?? undefined },
    title ? h('h2', { class: 'panel__title' }, title) : null,
    ...content,
  );
}

/** Suggested words, quoted. */
export function words(...lines: string[]): HTMLElement {
  return h(
    'ul',
    { class: 'words' },
    lines.map((line) => h('li', {}, h('q', {}, line))),
  );
}

/** A section of a screen with its own heading. */
export function section(title: string, ...content: Child[]): HTMLElement {
  return h('section', { class: 'section' }, h('h2', { class: 'section__title' }, title), ...content);
}

/** A readable day: 2026-11-23 → 23 Nov 2026. */
export function formatDay(value: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!match) return 'date not recorded';
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(match[3])} ${months[Number(match[2]) - 1] ?? ''} ${match[1]}`;
}
