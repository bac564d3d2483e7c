import { formatDay } from '../screens/index.ts';
import { checkboxGroup, h, radioGroup } from '../ui/index.ts';
import type { SafeguardingActions, SafeguardingView } from './safeguarding.types.ts';
import {
  arrangeRows,
  CASE_CATEGORIES,
  CATEGORY_LABELS,
  type SortKey,
  type WorklistRow,
} from './worklist.model.ts';

const SORT_CHOICES = [
  { value: 'risk', label: 'Highest risk first' },
  { value: 'age', label: 'Oldest flag first' },
] as const;

function ageText(row: WorklistRow): string {
  if (row.ageDays === undefined) return 'not recorded';
  return row.ageDays === 1 ? '1 day' : `${row.ageDays} days`;
}

function rowOf(row: WorklistRow, alerted: boolean, actions: SafeguardingActions): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-flag': row.flagId, 'data-category': row.category },
    h(
      'th',
      { scope: 'row' },
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          id: `open-${row.flagId}`,
          onclick: () => actions.openCase(row.patientId),
        },
        row.patientName,
      ),
    ),
    h('td', {}, CATEGORY_LABELS[row.category]),
    h('td', {}, `${formatDay(row.started)} (${ageText(row)})`),
    h('td', {}, row.lastReviewed ? formatDay(row.lastReviewed) : 'Not yet'),
    h(
      'td',
      {},
      alerted ? h('strong', { class: 'sg-alert', 'data-alert': row.patientId }, 'Unexpected access') : 'None',
    ),
  );
}

function table(view: SafeguardingView, rows: readonly WorklistRow[], actions: SafeguardingActions) {
  if (rows.length === 0) return h('p', { id: 'worklist-empty' }, 'No flags match the chosen filters.');
  return h(
    'table',
    { class: 'sg-table', id: 'worklist' },
    h('caption', { class: 'visually-hidden' }, 'Active restricted flags'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Patient', 'Category', 'Raised (age)', 'Last review', 'Access alert'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) => rowOf(row, view.alerts.has(row.patientId), actions)),
    ),
  );
}

function controls(view: SafeguardingView, actions: SafeguardingActions): HTMLElement {
  return h(
    'div',
    { class: 'sg-controls' },
    checkboxGroup({
      id: 'filter-category',
      legend: 'Show',
      choices: CASE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
      values: CASE_CATEGORIES.filter((c) => view.categories.has(c)),
      onToggle: (value, on) => actions.toggleCategory(value, on),
    }),
    radioGroup<SortKey>({
      id: 'sort',
      legend: 'Sort',
      choices: SORT_CHOICES,
      value: view.sort,
      onChange: (value) => actions.setSort(value),
    }),
  );
}

/** The safeguarding worklist: filters by category, sort by risk or age, one row per active restricted Flag. */
export function renderWorklist(view: SafeguardingView, actions: SafeguardingActions): HTMLElement {
  const heading = h('h1', { class: 'heading', id: 'screen-title', tabindex: -1 }, 'Safeguarding review');
  if (view.rows.status !== 'loaded') {
    const text = view.rows.status === 'loading' ? 'Loading flags…' : 'The flags could not be loaded.';
    return h('div', { class: 'screen' }, heading, h('p', { role: 'status' }, text));
  }
  const rows = arrangeRows(view.rows.value, view.categories, view.sort);
  return h(
    'div',
    { class: 'screen' },
    heading,
    h(
      'p',
      { class: 'lead', id: 'worklist-count' },
      `${rows.length} of ${view.rows.value.length} flags shown.`,
    ),
    controls(view, actions),
    table(view, rows, actions),
  );
}
