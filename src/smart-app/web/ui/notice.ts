import { h } from './dom.ts';

export interface Notice {
  readonly title: string;
  readonly text: string;
  readonly kind?: 'loading' | 'notice';
  /** A stable code for why the app could not open (e.g. `not-a-clinician`), kept as a data attribute only. */
  readonly reason?: string;
}

/** A plain, neutral page (loading, closed, or could not open): nothing on it names the subject. */
export function showNotice(host: HTMLElement, notice: Notice): void {
  const heading = h('h1', { class: 'heading', tabindex: -1, id: 'screen-title' }, notice.title);
  host.replaceChildren(
    h(
      'div',
      { class: 'app' },
      h('header', { class: 'app-header' }, h('span', { class: 'app-header__title' }, 'Clinical note')),
      h(
        'main',
        { class: 'main', id: 'main', 'data-screen': notice.kind ?? 'notice', 'data-reason': notice.reason },
        heading,
        h('p', {}, notice.text),
      ),
    ),
  );
  heading.focus();
}

/** The stable reason code of a launch failure, whatever threw it. */
export function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'reason' in error && typeof error.reason === 'string') {
    return error.reason;
  }
  return 'failed';
}
