import { MARAC_CRITERIA, REFERRAL_TARGETS, type ReferralTarget } from '../../../recording/index.ts';
import type { ReferralChoice } from '../form/index.ts';
import { draftScore } from '../form/index.ts';
import { errorFor, h, radioGroup } from '../ui/index.ts';
import { MARAC_CRITERION_LABELS, REFERRAL_LABELS } from '../wording/index.ts';
import { panel, section } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

const SAFEGUARDING: readonly ReferralTarget[] = ['safeguarding-adults', 'safeguarding-children'];

const CHOICES: readonly { value: ReferralChoice; label: string }[] = [
  { value: 'none', label: 'Not referred' },
  { value: 'made', label: 'Referral made' },
  { value: 'declined', label: 'Offered, declined' },
];

/** Referrals to specialist services need a disclosure; safeguarding referrals do not. */
export function referralTargetsFor(view: AppView): readonly ReferralTarget[] {
  return view.draft.outcome === 'asked-disclosed' ? REFERRAL_TARGETS : SAFEGUARDING;
}

function directoryHint(view: AppView, target: ReferralTarget): HTMLElement | undefined {
  const services = view.config.directory.filter((s) => s.target === target);
  if (services.length === 0) return undefined;
  return h(
    'ul',
    { class: 'directory' },
    services.map((s) =>
      h(
        'li',
        {},
        h('strong', {}, s.name),
        s.phone ? ` — ${s.phone}` : '',
        s.hours ? ` (${s.hours})` : '',
        s.description ? h('span', { class: 'directory__note' }, s.description) : null,
      ),
    ),
  );
}

function maracCriterion(view: AppView, actions: ScreenActions): HTMLElement | null {
  const choice = view.draft.referrals.marac;
  if (choice !== 'made' && choice !== 'declined') return null;
  const high = (draftScore(view.draft) ?? 0) >= 14;
  return radioGroup({
    id: 'f-marac-criterion',
    legend: 'Which MARAC referral criterion applies?',
    ...(high ? { hint: 'The DASH score is 14 or more: visible high risk.' } : {}),
    choices: MARAC_CRITERIA.map((value) => ({ value, label: MARAC_CRITERION_LABELS[value] })),
    value: view.draft.maracCriterion,
    error: errorFor(view.issues, 'f-marac-criterion'),
    onChange: (value) =>
      actions.update((d) => {
        d.maracCriterion = value;
      }),
  });
}

function riskAdvice(view: AppView): HTMLElement | null {
  const score = view.draft.riskMode === 'none' ? undefined : draftScore(view.draft);
  const high = (score ?? 0) >= 14 || (view.draft.professionalJudgement && view.draft.level === 'high');
  if (!high) return null;
  return panel(
    'warning',
    'High risk',
    h(
      'p',
      {},
      'Refer to MARAC and offer a referral to an IDVA. Tell the patient what will happen next, and agree a safe way to contact them.',
    ),
  );
}

/** Referrals from the local directory: made, offered and declined, or not made (NICE QS116 statement 3). */
export function referralsSection(view: AppView, actions: ScreenActions): HTMLElement {
  const items = referralTargetsFor(view).flatMap((target) => {
    const hint = directoryHint(view, target);
    return [
      radioGroup({
        id: `f-referral-${target}`,
        legend: REFERRAL_LABELS[target],
        ...(hint ? { hint } : {}),
        inline: true,
        choices: CHOICES,
        value: view.draft.referrals[target] ?? 'none',
        error: errorFor(view.issues, `f-referral-${target}`),
        onChange: (value) =>
          actions.update(
            (d) => {
              d.referrals[target] = value;
            },
            { rerender: true },
          ),
      }),
      ...(target === 'marac' ? [maracCriterion(view, actions)] : []),
    ];
  });
  return section('Referrals', riskAdvice(view), ...items);
}
