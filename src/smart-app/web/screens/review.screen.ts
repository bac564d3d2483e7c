import { buildFormInput, checkInput } from '../form/index.ts';
import { h, linkButton } from '../ui/index.ts';
import { type SummaryGroup, summariseForm, visibilityLines } from './form-summary.view.ts';
import { panel, screen } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

/** A GOV.UK-style summary list: a term, its answer. */
export function summaryList(group: SummaryGroup, change?: () => void): HTMLElement {
  return h(
    'section',
    { class: 'summary' },
    h(
      'div',
      { class: 'summary__head' },
      h('h2', { class: 'summary__title' }, group.title),
      change ? linkButton('Change', change, { 'aria-label': `Change: ${group.title}` }) : null,
    ),
    h(
      'dl',
      { class: 'summary__list' },
      group.rows.map(([term, value]) =>
        h('div', { class: 'summary__row' }, h('dt', {}, term), h('dd', {}, value)),
      ),
    ),
  );
}

function submitArea(view: AppView, actions: ScreenActions): HTMLElement {
  const state = view.submit;
  return h(
    'div',
    { class: 'submit-area' },
    h(
      'p',
      {
        class: state.status === 'failed' ? 'error-message' : 'hint',
        role: 'status',
        id: 'submit-status',
        tabindex: -1,
      },
      state.status === 'sending' ? 'Saving…' : state.status === 'failed' ? state.message : '',
    ),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'submit',
          disabled: state.status === 'sending',
          onclick: () => void actions.submit(),
        },
        state.status === 'failed' && state.retryable ? 'Try again' : 'Save to record',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          id: 'back',
          onclick: () => actions.back('review'),
        },
        'Back',
      ),
    ),
  );
}

/** Check and save: every answer as it will be recorded, who will see it, then one atomic save. */
export function renderReview(view: AppView, actions: ScreenActions): HTMLElement {
  const checked = checkInput(buildFormInput(view.draft, view.session.patientId), view.session.patientId);
  const children = view.children.status === 'loaded' ? view.children.value : [];
  const groups = checked.ok ? summariseForm(checked.form, children) : [];
  return screen(
    'review',
    view,
    { title: 'Check and save', step: 'review' },
    ...groups.map((g) => summaryList(g, () => actions.show(g.step))),
    checked.ok
      ? panel(
          'info',
          'Who will see this',
          h(
            'ul',
            { class: 'list' },
            visibilityLines(checked.form).map((l) => h('li', {}, l)),
          ),
        )
      : null,
    submitArea(view, actions),
  );
}
