import { MARAC_OUTCOMES, type MaracOutcome } from '../../../recording/index.ts';
import { formatDay, summaryLines } from '../screens/index.ts';
import { checkbox, h, linkButton, radioGroup, textField } from '../ui/index.ts';
import type { AccessEntry } from './access-log.model.ts';
import { reviewHistory } from './review-history.view.ts';
import type { CaseRecord } from './safeguarding.loader.ts';
import type { ReviewStatus, SafeguardingActions, SafeguardingView } from './safeguarding.types.ts';
import { CATEGORY_LABELS, type WorklistRow } from './worklist.model.ts';

const MARAC_LABELS: Readonly<Record<MaracOutcome, string>> = {
  none: 'Nothing to record about MARAC',
  referred: 'Referred to MARAC',
  discussed: 'Discussed at MARAC',
  closed: 'MARAC case closed',
};

function timeOf(value: string): string {
  return `${formatDay(value)} ${value.slice(11, 16)}`;
}

function accessRow(entry: AccessEntry): HTMLTableRowElement {
  const purpose = entry.breakGlass
    ? `Break the glass${entry.breakGlassReason ? `: ${entry.breakGlassReason}` : ''}`
    : 'Care';
  return h(
    'tr',
    { 'data-who': entry.who, 'data-alert': entry.alert ? 'true' : 'false' },
    h('td', {}, timeOf(entry.when)),
    h('th', { scope: 'row' }, entry.person ? entry.who : `Service: ${entry.who}`),
    h('td', {}, entry.what.join(', ') || 'Patient record'),
    h('td', {}, purpose),
    h(
      'td',
      {},
      entry.alert ? h('strong', { class: 'sg-alert' }, 'No care relationship or break the glass') : '',
    ),
  );
}

function accessSection(access: readonly AccessEntry[]): HTMLElement {
  const head = ['When', 'Who', 'What', 'Purpose', 'Alert'].map((t) => h('th', { scope: 'col' }, t));
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'access-title' },
    h('h2', { class: 'section__title', id: 'access-title' }, 'Who has looked at this record'),
    access.length === 0
      ? h('p', {}, 'No access to restricted records is on file.')
      : h(
          'table',
          { class: 'sg-table', id: 'access-log' },
          h('caption', { class: 'visually-hidden' }, 'Access to restricted records, newest first'),
          h('thead', {}, h('tr', {}, head)),
          h('tbody', {}, access.map(accessRow)),
        ),
  );
}

function statusText(status: ReviewStatus): string {
  switch (status.status) {
    case 'idle':
      return '';
    case 'sending':
      return 'Saving the review…';
    case 'saved':
      return status.closed ? 'Review saved. The flag is closed.' : 'Review saved.';
    case 'failed':
      return 'The review could not be saved. Try again.';
    case 'conflict':
      return 'Someone changed this flag meanwhile. Go back to the worklist to see it as it is now.';
    case 'invalid':
      return status.message;
  }
}

function statusLine(view: SafeguardingView): HTMLElement {
  const status = view.reviewStatus;
  return h('p', { id: 'review-status', role: 'status', 'data-status': status.status }, statusText(status));
}

function flagChoice(flags: readonly WorklistRow[], view: SafeguardingView, actions: SafeguardingActions) {
  return radioGroup<string>({
    id: 'review-flag',
    legend: 'Flag reviewed',
    choices: flags.map((f) => ({
      value: f.flagId,
      label: `${CATEGORY_LABELS[f.category]}, raised ${formatDay(f.started)}`,
    })),
    value: view.review.flagId,
    onChange: (v) => actions.updateReview((d) => (d.flagId = v)),
  });
}

function reviewForm(flags: readonly WorklistRow[], view: SafeguardingView, actions: SafeguardingActions) {
  const draft = view.review;
  const fields = [
    flagChoice(flags, view, actions),
    checkbox({
      id: 'review-acknowledged',
      label: 'Acknowledged',
      checked: draft.acknowledged,
      onChange: (on) => actions.updateReview((d) => (d.acknowledged = on)),
    }),
    radioGroup<MaracOutcome>({
      id: 'review-marac',
      legend: 'MARAC outcome',
      choices: MARAC_OUTCOMES.map((value) => ({ value, label: MARAC_LABELS[value] })),
      value: draft.marac,
      onChange: (v) => actions.updateReview((d) => (d.marac = v)),
    }),
    textField({
      id: 'review-actions',
      label: 'Actions taken',
      value: draft.actionsTaken,
      onInput: (v) => actions.updateReview((d) => (d.actionsTaken = v)),
    }),
    checkbox({
      id: 'review-close',
      label: 'Close the flag',
      checked: draft.close,
      onChange: (on) => actions.updateReview((d) => (d.close = on), true),
    }),
    draft.close
      ? textField({
          id: 'review-close-reason',
          label: 'Reason for closing',
          value: draft.closeReason,
          onInput: (v) => actions.updateReview((d) => (d.closeReason = v)),
        })
      : null,
  ];
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'review-title' },
    h('h2', { class: 'section__title', id: 'review-title' }, 'Review outcome'),
    flags.length === 0 ? h('p', {}, 'This patient has no active flag to review.') : fields,
    flags.length === 0
      ? null
      : h(
          'div',
          { class: 'button-row' },
          h(
            'button',
            { type: 'button', class: 'button', id: 'review-submit', onclick: () => actions.submitReview() },
            'Save review',
          ),
        ),
    statusLine(view),
  );
}

function caseBody(
  record: CaseRecord,
  flags: readonly WorklistRow[],
  view: SafeguardingView,
  actions: SafeguardingActions,
) {
  const lines = summaryLines(record.summary);
  return [
    h(
      'section',
      { class: 'section', 'aria-labelledby': 'summary-title' },
      h('h2', { class: 'section__title', id: 'summary-title' }, 'Record at a glance'),
      lines.length === 0
        ? h('p', {}, 'Nothing is on record.')
        : h(
            'ul',
            { class: 'list list--record', id: 'case-summary' },
            lines.map((l) => h('li', {}, l)),
          ),
    ),
    reviewHistory(record.reviews),
    reviewForm(flags, view, actions),
    accessSection(record.access),
  ];
}

/** One patient's case: their DVA record at a glance, the review form, and who has looked at the record. */
export function renderCase(view: SafeguardingView, actions: SafeguardingActions): HTMLElement {
  const open = view.caseOf;
  const record = open?.record;
  const name = record?.status === 'loaded' ? record.value.patient.name : 'Case';
  const flags =
    view.rows.status === 'loaded' ? view.rows.value.filter((r) => r.patientId === open?.patientId) : [];
  return h(
    'div',
    { class: 'screen' },
    h(
      'p',
      {},
      linkButton('Back to the worklist', () => actions.backToWorklist(), { id: 'back-to-worklist' }),
    ),
    h('h1', { class: 'heading', id: 'screen-title', tabindex: -1 }, name),
    record?.status === 'loaded'
      ? caseBody(record.value, flags, view, actions)
      : h(
          'p',
          { role: 'status' },
          record?.status === 'failed' ? 'The case could not be loaded.' : 'Loading the case…',
        ),
  );
}
