import { checkbox, errorFor, textField } from '../ui/index.ts';
import { childrenSection } from './children.section.ts';
import { consentSection } from './consent.section.ts';
import { referralsSection } from './referrals.section.ts';
import { screen, section, stepButtons } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

function supportSection(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  return section(
    'Safety and follow-up',
    checkbox({
      id: 'f-actions-safetyPlan',
      label: 'A safety plan was made or reviewed with the patient',
      checked: draft.safetyPlan,
      onChange: (on) =>
        actions.update((d) => {
          d.safetyPlan = on;
        }),
    }),
    checkbox({
      id: 'f-actions-informationGiven',
      label: 'Information about support was given',
      hint: 'Only what is safe for them to keep: a leaflet may be found at home.',
      checked: draft.informationGiven,
      onChange: (on) =>
        actions.update((d) => {
          d.informationGiven = on;
        }),
    }),
    checkbox({
      id: 'f-recordAccess-enhancedReview',
      label: 'Enhanced review before online access to their record',
      hint: 'Stops the record being shown online automatically; also check the access already set up in your system.',
      checked: draft.enhancedReview,
      onChange: (on) =>
        actions.update((d) => {
          d.enhancedReview = on;
        }),
    }),
    textField({
      id: 'f-actions-followUpDate',
      label: 'Follow-up date (optional)',
      hint: 'Agree a safe way and time to contact them.',
      type: 'date',
      error: errorFor(issues, 'f-actions-followUpDate'),
      value: draft.followUpDate,
      onInput: (text) =>
        actions.update((d) => {
          d.followUpDate = text;
        }),
    }),
  );
}

/** Step 5: referrals, safety plan, information, follow-up, children in the household, consent to share. */
export function renderActions(view: AppView, actions: ScreenActions): HTMLElement {
  const disclosed = view.draft.outcome === 'asked-disclosed';
  return screen(
    'actions',
    view,
    { title: 'What happens next', step: 'actions' },
    referralsSection(view, actions),
    supportSection(view, actions),
    disclosed ? childrenSection(view, actions) : null,
    consentSection(view, actions),
    stepButtons('actions', actions),
  );
}
