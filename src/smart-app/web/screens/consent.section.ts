import { CONSENT_DECISIONS, LAWFUL_BASES } from '../../../recording/index.ts';
import { errorFor, radioGroup } from '../ui/index.ts';
import { CONSENT_LABELS, LAWFUL_BASIS_LABELS } from '../wording/index.ts';
import { section } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

const BASIS_HINTS: Readonly<Partial<Record<(typeof LAWFUL_BASES)[number], string>>> = {
  'vital-interests': 'Sharing without consent to protect someone’s life.',
  'public-task': 'Sharing without consent to safeguard a child or an adult at risk, or for MARAC.',
};

/** Consent to share, and the lawful basis for any sharing (recorded with every referral made). */
export function consentSection(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  const referred = Object.values(draft.referrals).some((c) => c === 'made');
  return section(
    'Sharing information',
    radioGroup({
      id: 'f-consent-decision',
      legend: referred
        ? 'Did the patient agree to information being shared?'
        : 'Did the patient agree to information being shared? (optional)',
      hint: 'With the services you referred to. Explain what will be shared and with whom.',
      choices: CONSENT_DECISIONS.map((value) => ({ value, label: CONSENT_LABELS[value] })),
      value: draft.consentDecision,
      error: errorFor(issues, 'f-consent-decision'),
      onChange: (value) =>
        actions.update((d) => {
          d.consentDecision = value;
        }),
    }),
    radioGroup({
      id: 'f-consent-lawfulBasis',
      legend: 'Lawful basis for sharing',
      choices: LAWFUL_BASES.map((value) => ({
        value,
        label: LAWFUL_BASIS_LABELS[value],
        ...(BASIS_HINTS[value] ? { hint: BASIS_HINTS[value] } : {}),
      })),
      value: draft.lawfulBasis,
      error: errorFor(issues, 'f-consent-lawfulBasis'),
      onChange: (value) =>
        actions.update((d) => {
          d.lawfulBasis = value;
        }),
    }),
  );
}
