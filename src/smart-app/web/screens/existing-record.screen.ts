import { h } from '../ui/index.ts';
import { breakGlassSection } from './break-glass.section.ts';
import { summaryLines } from './record-summary.view.ts';
import { panel, screen } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

function body(view: AppView): HTMLElement {
  if (view.summary.status === 'loading') return h('p', { role: 'status' }, 'Loading…');
  if (view.summary.status === 'failed')
    return panel('warning', null, h('p', {}, 'What is already on record could not be loaded.'));
  const lines = summaryLines(view.summary.value);
  if (lines.length === 0) return h('p', {}, 'Nothing about this is recorded yet.');
  return h(
    'ul',
    { class: 'list list--record' },
    lines.map((line) => h('li', {}, line)),
  );
}

/** What is already on record (from any source), so that the patient does not have to tell it again. */
export function renderExistingRecord(view: AppView, actions: ScreenActions): HTMLElement {
  return screen(
    'existing-record',
    view,
    {
      title: 'Already on record',
      lead: h(
        'p',
        {},
        'Build on this with the patient: ask how things are now, rather than asking them to tell it all again.',
      ),
    },
    body(view),
    breakGlassSection(view, actions),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          id: 'back',
          onclick: () => actions.show(view.returnTo),
        },
        'Back',
      ),
    ),
  );
}
