import { ABUSE_TYPES, DURATION_UNITS, RELATIONSHIPS } from '../../../recording/index.ts';
import { toggleValue } from '../form/index.ts';
import { checkboxGroup, errorFor, h, radioGroup, textField } from '../ui/index.ts';
import { ABUSE_TYPE_LABELS, DURATION_UNIT_LABELS, RELATIONSHIP_LABELS } from '../wording/index.ts';
import { panel, screen, stepButtons, words } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

function durationField(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  const error = errorFor(issues, 'f-disclosure-duration');
  const unit = h(
    'select',
    {
      class: 'select',
      id: 'f-disclosure-duration-unit',
      'aria-label': 'Unit of time',
      onchange: (e) => {
        const value = (e.target as HTMLSelectElement).value;
        const found = DURATION_UNITS.find((u) => u === value);
        if (found)
          actions.update((d) => {
            d.durationUnit = found;
          });
      },
    },
    DURATION_UNITS.map((u) =>
      h('option', { value: u, selected: u === draft.durationUnit }, DURATION_UNIT_LABELS[u]),
    ),
  );
  const value = textField({
    id: 'f-disclosure-duration',
    label: 'For how long? (optional)',
    hint: 'A whole number, then the unit.',
    error,
    value: draft.durationValue,
    inputMode: 'numeric',
    width: 'short',
    onInput: (text) =>
      actions.update((d) => {
        d.durationValue = text;
      }),
  });
  value.append(unit);
  return value;
}

/** Step 3: what they told you, recorded once and well (so that they need not tell it again). */
export function renderDisclosure(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  return screen(
    'disclosure',
    view,
    { title: 'What they told you', step: 'disclosure' },
    panel(
      'words',
      'Respond first',
      words(
        'Thank you for telling me. It is not your fault, and you do not deserve this.',
        'There is support available, and you can decide what happens next.',
      ),
    ),
    radioGroup({
      id: 'f-disclosure-timing',
      legend: 'Is it happening now?',
      choices: [
        { value: 'current', label: 'Yes, it is happening now' },
        { value: 'past', label: 'No, it happened in the past' },
      ],
      value: draft.timing,
      error: errorFor(issues, 'f-disclosure-timing'),
      onChange: (value) =>
        actions.update((d) => {
          d.timing = value;
        }),
    }),
    checkboxGroup({
      id: 'f-disclosure-abuseTypes',
      legend: 'What kind of abuse?',
      hint: 'Choose all that they described.',
      choices: ABUSE_TYPES.map((value) => ({ value, label: ABUSE_TYPE_LABELS[value] })),
      values: draft.abuseTypes,
      error: errorFor(issues, 'f-disclosure-abuseTypes'),
      onToggle: (value, on) =>
        actions.update((d) => {
          d.abuseTypes = toggleValue(d.abuseTypes, value, on, ABUSE_TYPES);
        }),
    }),
    checkboxGroup({
      id: 'f-disclosure-relationships',
      legend: 'Who is causing the harm? (optional)',
      hint: 'Their relationship to the patient only. Never record their name here.',
      choices: RELATIONSHIPS.map((value) => ({ value, label: RELATIONSHIP_LABELS[value] })),
      values: draft.relationships,
      error: errorFor(issues, 'f-disclosure-relationships'),
      onToggle: (value, on) =>
        actions.update((d) => {
          d.relationships = toggleValue(d.relationships, value, on, RELATIONSHIPS);
        }),
    }),
    durationField(view, actions),
    radioGroup({
      id: 'f-disclosure-pregnant',
      legend: 'Is the patient pregnant? (optional)',
      inline: true,
      choices: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
        { value: 'unknown', label: 'Not known' },
      ],
      value: draft.pregnant,
      onChange: (value) =>
        actions.update((d) => {
          d.pregnant = value;
        }),
    }),
    stepButtons('disclosure', actions),
  );
}
