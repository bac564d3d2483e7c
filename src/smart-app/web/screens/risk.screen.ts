import { DASH_ANSWERS, RISK_LEVELS, type RiskLevel, riskLevelForScore } from '../../../recording/index.ts';
import { draftScore } from '../form/index.ts';
import { checkbox, errorFor, h, radioGroup, textField } from '../ui/index.ts';
import { DASH_ANSWER_LABELS, DASH_TOPICS, RISK_LEVEL_LABELS } from '../wording/index.ts';
import { panel, screen, stepButtons } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

const LEVEL_RANGES: Readonly<Record<RiskLevel, string>> = {
  standard: '0 to 9',
  medium: '10 to 13',
  high: '14 or more',
};

/** "7 of 24 answered “yes”. Standard risk (0 to 9)." */
export function countText(view: AppView): string {
  const score = draftScore(view.draft);
  if (score === undefined) return 'No score yet.';
  const level = riskLevelForScore(score);
  const answered = view.draft.dashAnswers.filter((a) => a !== undefined).length;
  const progress = view.draft.riskMode === 'questions' ? ` ${answered} of 24 answered.` : '';
  return `“Yes” answers: ${score}. ${RISK_LEVEL_LABELS[level]} risk (${LEVEL_RANGES[level]}).${progress}`;
}

function questions(view: AppView, actions: ScreenActions, onCount: () => void): HTMLElement {
  const items = DASH_TOPICS.map((topic, i) =>
    radioGroup({
      id: `f-dash-${i + 1}`,
      legend: `${i + 1}. ${topic}`,
      inline: true,
      choices: DASH_ANSWERS.map((value) => ({ value, label: DASH_ANSWER_LABELS[value] })),
      value: view.draft.dashAnswers[i],
      error: errorFor(view.issues, `f-dash-${i + 1}`),
      onChange: (value) => {
        actions.update((d) => {
          d.dashAnswers[i] = value;
        });
        onCount();
      },
    }),
  );
  return h('div', { class: 'dash' }, items);
}

function scoreField(view: AppView, actions: ScreenActions, onCount: () => void): HTMLElement {
  return textField({
    id: 'f-risk-score',
    label: 'Number of “yes” answers',
    hint: 'From a DASH checklist completed with the patient, 0 to 24.',
    error: errorFor(view.issues, 'f-risk-score'),
    value: view.draft.score,
    inputMode: 'numeric',
    width: 'short',
    onInput: (text) => {
      actions.update((d) => {
        d.score = text;
      });
      onCount();
    },
  });
}

function judgement(view: AppView, actions: ScreenActions): (HTMLElement | null)[] {
  const { draft, issues } = view;
  const score = draftScore(draft) ?? 0;
  const floor = RISK_LEVELS.indexOf(riskLevelForScore(score));
  return [
    checkbox({
      id: 'f-risk-professionalJudgement',
      label: 'My professional judgement is that the risk is higher than the score shows',
      hint: 'For example: escalation, fear, or what you know of the person causing harm. Say why in any referral.',
      checked: draft.professionalJudgement,
      onChange: (on) =>
        actions.update(
          (d) => {
            d.professionalJudgement = on;
          },
          { rerender: true },
        ),
    }),
    draft.professionalJudgement
      ? radioGroup({
          id: 'f-risk-level',
          legend: 'Risk level by professional judgement',
          choices: RISK_LEVELS.filter((_, i) => i >= floor).map((value) => ({
            value,
            label: RISK_LEVEL_LABELS[value],
          })),
          value: draft.level ?? riskLevelForScore(score),
          error: errorFor(issues, 'f-risk-level'),
          onChange: (value) =>
            actions.update((d) => {
              d.level = value;
            }),
        })
      : null,
  ];
}

function maracCriteria(): HTMLElement {
  return panel(
    'guidance',
    'When to refer to MARAC',
    h('p', {}, 'Refer when any one of these applies:'),
    h(
      'ul',
      { class: 'list' },
      h(
        'li',
        {},
        h('strong', {}, 'Visible high risk: '),
        '14 or more “yes” answers. Judgement must not lower it.',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'Professional judgement: '),
        'you believe the risk is high even with fewer “yes” answers. Say why.',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'Potential escalation: '),
        'several incidents in a short time (often 3 in 12 months; check your local MARAC).',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'Repeat: '),
        'a new incident within 12 months of a previous MARAC referral.',
      ),
    ),
  );
}

/** Step 4: the SafeLives DASH RIC as a questionnaire with a running count, MARAC criteria and judgement. */
export function renderRisk(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft } = view;
  const count = h(
    'p',
    { class: 'running-count', id: 'dash-count', role: 'status', 'aria-live': 'polite' },
    countText(view),
  );
  const onCount = () => {
    count.textContent = countText(view);
  };
  return screen(
    'risk',
    view,
    {
      title: 'Risk: DASH checklist',
      step: 'risk',
      lead: h(
        'p',
        {},
        'Go through the SafeLives DASH risk checklist with the patient, reading each question as it is written there. Record each answer below.',
      ),
    },
    radioGroup({
      id: 'f-risk-mode',
      legend: 'How will you record the risk?',
      choices: [
        { value: 'questions', label: 'Answer the 24 questions here' },
        { value: 'score', label: 'Enter the score from a checklist completed already' },
        {
          value: 'none',
          label: 'Not assessed now',
          hint: 'For example, there was no time. Plan it at follow-up.',
        },
      ],
      value: draft.riskMode,
      onChange: (value) =>
        actions.update(
          (d) => {
            d.riskMode = value;
          },
          { rerender: true },
        ),
    }),
    draft.riskMode === 'questions' ? questions(view, actions, onCount) : null,
    draft.riskMode === 'score' ? scoreField(view, actions, onCount) : null,
    draft.riskMode === 'none' ? null : count,
    ...(draft.riskMode === 'none' ? [] : judgement(view, actions)),
    maracCriteria(),
    stepButtons('risk', actions),
  );
}
