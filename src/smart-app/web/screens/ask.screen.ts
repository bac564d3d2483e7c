import { ENQUIRY_OUTCOMES } from '../../../recording/index.ts';
import { ENQUIRY_NOT_MADE_REASON_CODES } from '../../../terminology/index.ts';
import { errorFor, h, radioGroup } from '../ui/index.ts';
import { NOT_ASKED_REASON_LABELS, OUTCOME_LABELS } from '../wording/index.ts';
import { disclosureLines } from './record-summary.view.ts';
import { panel, screen, stepButtons, words } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

const OUTCOME_HINTS = {
  'asked-disclosed': 'You will record what they told you, the risk and what you did next.',
  'asked-no-disclosure': 'Let them know they can come back to you at any time.',
  declined: 'Respect their choice; do not push. They can come back at any time.',
  'not-asked': undefined,
} as const;

function alreadyDisclosed(view: AppView): HTMLElement | null {
  if (view.summary.status !== 'loaded' || view.summary.value.disclosures.length === 0) return null;
  const first = disclosureLines(view.summary.value)[0];
  return panel(
    'info',
    'They have told someone before',
    h('p', {}, first ?? ''),
    h(
      'p',
      {},
      'Start from what is on record and ask how things are now. They should not have to tell it all again.',
    ),
  );
}

/** Step 2: ask, in words a trained clinician would use, and record what happened. */
export function renderAsk(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  return screen(
    'ask',
    view,
    { title: 'Ask', step: 'ask' },
    alreadyDisclosed(view),
    panel(
      'words',
      'First, explain confidentiality',
      words(
        'What you tell me stays between us and the people caring for you. The only time I would need to share it is if I were worried about your safety or someone else’s, especially a child’s — and I would talk to you about it first.',
      ),
    ),
    panel(
      'words',
      'Then ask in your own words, for example',
      words(
        'How are things at home?',
        'Do you ever feel frightened of your partner, or of anyone at home?',
        'Has anyone close to you hurt you, threatened you, or controlled what you do, who you see or your money?',
        'Is there anything happening at home that is affecting your health?',
      ),
    ),
    panel(
      'guidance',
      'If they tell you',
      h(
        'p',
        {},
        'Listen, and believe them. Say that it is not their fault, that they do not deserve this, and that help is available. Let them decide what happens next.',
      ),
    ),
    radioGroup({
      id: 'f-enquiry-outcome',
      legend: 'What happened?',
      large: true,
      choices: ENQUIRY_OUTCOMES.map((value) => ({
        value,
        label: OUTCOME_LABELS[value],
        ...(OUTCOME_HINTS[value] ? { hint: OUTCOME_HINTS[value] } : {}),
      })),
      value: draft.outcome,
      error: errorFor(issues, 'f-enquiry-outcome'),
      onChange: (value) =>
        actions.update(
          (d) => {
            d.outcome = value;
          },
          { rerender: true },
        ),
    }),
    draft.outcome === 'not-asked'
      ? radioGroup({
          id: 'f-enquiry-notAskedReason',
          legend: 'Why did you not ask?',
          choices: ENQUIRY_NOT_MADE_REASON_CODES.map((value) => ({
            value,
            label: NOT_ASKED_REASON_LABELS[value],
          })),
          value: draft.notAskedReason,
          error: errorFor(issues, 'f-enquiry-notAskedReason'),
          onChange: (value) =>
            actions.update((d) => {
              d.notAskedReason = value;
            }),
        })
      : null,
    stepButtons('ask', actions),
  );
}
