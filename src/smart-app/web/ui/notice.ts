import { h } from './dom.ts';

/** A plain, neutral page (loading, closed, or could not open): nothing on it names the subject. */
export function showNotice(host: HTMLElement, title: string, text: string): void {
  const heading = h('h1', { class: 'heading', tabindex: -1, id: 'screen-title' }, title);
  host.replaceChildren(
    h(
      'div',
      { class: 'app' },
      h('header', { class: 'app-header' }, h('span', { class: 'app-header__title' }, 'Clinical note')),
      h('main', { class: 'main', id: 'main', 'data-screen': 'notice' }, heading, h('p', {}, text)),
    ),
  );
  heading.focus();
}
