import { h } from './dom.ts';

/** Two Escape presses within this time conceal the screen. */
const DOUBLE_ESCAPE_MS = 800;

/** The installed Conceal control. */
export interface ConcealControl {
  conceal(): void;
  readonly isConcealed: () => boolean;
  /** Stops listening for the shortcut (when the app closes), so nothing keeps the app's nodes alive. */
  dispose(): void;
}

function neutralScreen(onRestore: () => void): HTMLElement {
  return h(
    'div',
    { class: 'neutral', id: 'neutral-screen' },
    h('header', { class: 'app-header' }, h('span', { class: 'app-header__title' }, 'Clinical note')),
    h(
      'main',
      { class: 'main', id: 'neutral-main' },
      h('h1', { class: 'heading' }, 'Clinical note'),
      h('p', {}, 'No entries to show.'),
      h(
        'button',
        { type: 'button', class: 'button button--secondary', id: 'restore', onclick: () => onRestore() },
        'Open',
      ),
    ),
  );
}

/**
 * The Conceal control (issue 5 §3): the button or Escape pressed twice swaps the whole app out of the document for
 * a neutral screen in one step, so nothing sensitive stays visible, readable by a screen reader or findable in
 * the page. The app's nodes (and the answers in them) stay in memory and come back with "Open".
 */
export function installConceal(app: HTMLElement, button: HTMLButtonElement): ConcealControl {
  let neutral: HTMLElement | undefined;
  let lastEscape = 0;
  const restore = () => {
    if (!neutral) return;
    neutral.replaceWith(app);
    neutral = undefined;
    button.focus();
  };
  const conceal = () => {
    if (neutral) return;
    neutral = neutralScreen(restore);
    app.replaceWith(neutral);
    neutral.querySelector<HTMLElement>('#neutral-main h1')?.setAttribute('tabindex', '-1');
    neutral.querySelector<HTMLElement>('#neutral-main h1')?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || neutral) return;
    const now = event.timeStamp;
    if (now - lastEscape <= DOUBLE_ESCAPE_MS) {
      event.preventDefault();
      conceal();
      lastEscape = 0;
    } else {
      lastEscape = now;
    }
  };
  button.addEventListener('click', conceal);
  document.addEventListener('keydown', onKey, { capture: true });
  return {
    conceal,
    isConcealed: () => neutral !== undefined,
    dispose: () => document.removeEventListener('keydown', onKey, { capture: true }),
  };
}
