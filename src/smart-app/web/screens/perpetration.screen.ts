import { PERPETRATION_SOURCES } from '../../../recording/index.ts';
import { checkbox, errorFor, h, radioGroup } from '../ui/index.ts';
import { panel, screen } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

const SOURCE_LABELS = {
  'own-disclosure': 'The patient told me',
  'third-party': 'Someone else raised it',
} as const;

/**
 * Suspected perpetration, a separate entry on this patient's own record (domain.md "Those who harm"): recorded
 * after weighing the risk, very restricted, never shown to them, with nothing that identifies the person at risk.
 */
export function renderPerpetration(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  return screen(
    'perpetration',
    view,
    { title: 'Concern that this patient may be causing harm', step: 'perpetration' },
    panel(
      'guidance',
      'Before you record this',
      h(
        'ul',
        { class: 'list' },
        h(
          'li',
          {},
          'Weigh the risk first: recording can be part of keeping others safe, and of holding the person to account.',
        ),
        h(
          'li',
          {},
          'It goes on this patient’s record only, very restricted, and is never shown to them or to anyone with proxy access.',
        ),
        h(
          'li',
          {},
          'Do not record who is at risk or who raised it, and do not discuss the source with the patient.',
        ),
        h('li', {}, 'If a child or adult is at risk now, follow your safeguarding procedure as well.'),
      ),
    ),
    radioGroup({
      id: 'f-suspectedPerpetration-source',
      legend: 'How did the concern come to you?',
      choices: PERPETRATION_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })),
      value: draft.perpetrationSource,
      error: errorFor(issues, 'f-suspectedPerpetration-source'),
      onChange: (value) =>
        actions.update((d) => {
          d.perpetrationSource = value;
        }),
    }),
    h(
      'fieldset',
      { class: 'field' },
      h('legend', { class: 'legend' }, 'Who may be at risk?'),
      checkbox({
        id: 'f-suspectedPerpetration-riskToOthers',
        label: 'Other adults (for example a partner or family member)',
        checked: draft.riskToOthers,
        onChange: (on) =>
          actions.update((d) => {
            d.riskToOthers = on;
          }),
      }),
      checkbox({
        id: 'f-suspectedPerpetration-riskToChildren',
        label: 'Children',
        checked: draft.riskToChildren,
        onChange: (on) =>
          actions.update((d) => {
            d.riskToChildren = on;
          }),
      }),
    ),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'continue',
          onclick: () => actions.continueFrom('perpetration'),
        },
        'Continue',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          id: 'back',
          onclick: () => actions.startEnquiry(),
        },
        'Back',
      ),
    ),
  );
}
