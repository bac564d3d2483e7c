import { CARE_SETTINGS, INTERPRETER_TYPES } from '../../../recording/index.ts';
import { errorFor, h, linkButton, radioGroup, yesNo } from '../ui/index.ts';
import {
  CARE_SETTING_LABELS,
  INTERPRETER_LABELS,
  NOT_ASKED_REASON_LABELS,
  promptKindLabel,
  ruleLabel,
} from '../wording/index.ts';
import { summaryLines } from './record-summary.view.ts';
import { panel, screen, stepButtons } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

function promptNote(view: AppView): HTMLElement | null {
  const prompt = view.session.prompt;
  if (!prompt) return null;
  return panel(
    'info',
    'Why you were prompted',
    h('p', {}, `${promptKindLabel(prompt.kind ?? '')}, because of:`),
    h(
      'ul',
      { class: 'list' },
      prompt.rules.map((rule) => h('li', {}, ruleLabel(rule))),
    ),
  );
}

function recordNote(view: AppView, actions: ScreenActions): HTMLElement | null {
  if (view.summary.status === 'failed')
    return panel('warning', null, h('p', {}, 'What is already on record could not be loaded.'));
  if (view.summary.status !== 'loaded') return null;
  const lines = summaryLines(view.summary.value);
  const open = () => actions.show('existing-record');
  if (lines.length === 0 && view.session.restrictedAccess === 'none') {
    // Restricted records are hidden from this user: the existing record offers to break the glass.
    return panel(
      'info',
      'Already on record',
      h('p', {}, 'Nothing you can see. Restricted records are not shown to you.'),
      linkButton('See what is on record, or request emergency access', open, { id: 'open-record' }),
    );
  }
  if (lines.length === 0) return null;
  return panel(
    'info',
    'Already on record',
    h('p', {}, lines[0] ?? ''),
    lines.length > 1 ? h('p', {}, `and ${lines.length - 1} more.`) : null,
    linkButton('See what is already on record', open, { id: 'open-record' }),
  );
}

function conditionQuestions(view: AppView, actions: ScreenActions): HTMLElement[] {
  const { draft, issues } = view;
  return [
    radioGroup({
      id: 'f-enquiry-setting',
      legend: 'Where are you seeing the patient?',
      choices: CARE_SETTINGS.map((value) => ({ value, label: CARE_SETTING_LABELS[value] })),
      value: draft.setting,
      error: errorFor(issues, 'f-enquiry-setting'),
      onChange: (value) =>
        actions.update((d) => {
          d.setting = value;
        }),
    }),
    yesNo({
      id: 'f-enquiry-patientAlone',
      legend: 'Is the patient alone?',
      hint: 'No partner, family member, friend or child over two in the room, and no one listening on a call.',
      value: draft.patientAlone,
      error: errorFor(issues, 'f-enquiry-patientAlone'),
      onChange: (value) =>
        actions.update((d) => {
          d.patientAlone = value;
        }),
    }),
    yesNo({
      id: 'f-enquiry-privateSpace',
      legend: 'Are you somewhere private, where you cannot be overheard?',
      value: draft.privateSpace,
      error: errorFor(issues, 'f-enquiry-privateSpace'),
      onChange: (value) =>
        actions.update((d) => {
          d.privateSpace = value;
        }),
    }),
    radioGroup({
      id: 'f-enquiry-interpreter',
      legend: 'Does the patient need an interpreter?',
      hint: 'Only a professional interpreter: never a partner, relative, friend or child.',
      choices: INTERPRETER_TYPES.map((value) => ({ value, label: INTERPRETER_LABELS[value] })),
      value: draft.interpreter,
      error: errorFor(issues, 'f-enquiry-interpreter'),
      onChange: (value) =>
        actions.update((d) => {
          d.interpreter = value;
        }),
    }),
  ];
}

function notSafeBox(view: AppView, actions: ScreenActions): HTMLElement {
  const reason = view.notSafeReason;
  if (reason === undefined) {
    return panel(
      'guidance',
      'Not safe to ask now?',
      h('p', {}, 'Do not ask. Record that you did not, and you will be prompted again at the next contact.'),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--warning',
          id: 'not-safe',
          onclick: () => actions.openNotSafe('not-asked-not-safe-now'),
        },
        'Not safe to ask now',
      ),
    );
  }
  const submitting = view.submit.status === 'sending';
  return h(
    'section',
    { class: 'panel panel--warning', id: 'not-safe-panel', 'aria-labelledby': 'not-safe-title' },
    h('h2', { class: 'panel__title', id: 'not-safe-title', tabindex: -1 }, 'Record that you did not ask'),
    h(
      'p',
      {},
      `Reason: ${NOT_ASKED_REASON_LABELS[reason]}. Nothing else is recorded, and the prompt will come back at the next contact.`,
    ),
    view.submit.status === 'failed'
      ? h('p', { class: 'error-message', role: 'alert' }, view.submit.message)
      : null,
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'record-not-safe',
          disabled: submitting,
          onclick: () => void actions.recordNotSafe(),
        },
        view.submit.status === 'failed' ? 'Try again' : 'Record and close',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          id: 'cancel-not-safe',
          onclick: () => actions.openNotSafe(undefined),
        },
        'Cancel',
      ),
    ),
  );
}

/** Step 1: is it safe to ask now? Alone, private, a professional interpreter if needed (NICE QS116 statement 1). */
export function renderSafety(view: AppView, actions: ScreenActions): HTMLElement {
  return screen(
    'safety',
    view,
    {
      title: 'Is it safe to ask now?',
      step: 'safety',
      lead: h(
        'p',
        {},
        'Ask about abuse only when the patient is on their own, in private, and with a professional interpreter if they need one.',
      ),
    },
    notSafeBox(view, actions),
    promptNote(view),
    recordNote(view, actions),
    ...conditionQuestions(view, actions),
    stepButtons('safety', actions, { back: false }),
    panel(
      'info',
      'Something else to record',
      h(
        'p',
        {},
        'If you are concerned that this patient may be causing harm to a partner or family member, record it separately.',
      ),
      linkButton('Record a concern about this patient causing harm', () => actions.startPerpetration(), {
        id: 'start-perpetration',
      }),
    ),
  );
}
