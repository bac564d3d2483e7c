import { h } from '../ui/index.ts';
import { summariseForm, visibilityLines } from './form-summary.view.ts';
import { summaryList } from './review.screen.ts';
import { panel, screen } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

/** A clear confirmation of what was recorded, where, and who can see it. */
export function renderConfirmation(view: AppView, actions: ScreenActions): HTMLElement {
  const recorded = view.recorded;
  if (!recorded) return screen('confirmation', view, { title: 'Nothing was saved' });
  const children = view.children.status === 'loaded' ? view.children.value : [];
  const patientEntries = recorded.entries - recorded.childRecords;
  const where =
    recorded.childRecords > 0
      ? `${patientEntries} entries on this patient’s record and ${recorded.childRecords} on children’s records, saved together.`
      : `${patientEntries} entries on this patient’s record, saved together.`;
  return screen(
    'confirmation',
    view,
    { title: 'Saved to the record', lead: h('p', { id: 'saved-count' }, where) },
    ...summariseForm(recorded.form, children).map((g) => summaryList(g)),
    panel(
      'info',
      'Who can see it',
      h(
        'ul',
        { class: 'list' },
        visibilityLines(recorded.form).map((l) => h('li', {}, l)),
      ),
    ),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'button', class: 'button', id: 'close', onclick: () => actions.close() }, 'Close'),
    ),
  );
}
