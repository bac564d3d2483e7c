import type { ChildRecord } from '../record/index.ts';
import { checkboxGroup, errorFor, h, textField } from '../ui/index.ts';
import { section } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

function childLabel(child: ChildRecord): string {
  return child.ageYears === undefined ? child.name : `${child.name}, ${child.ageYears}`;
}

function linkedChildren(view: AppView, actions: ScreenActions): HTMLElement {
  const children = view.children;
  if (children.status === 'loading')
    return h('p', { class: 'hint', role: 'status' }, 'Looking for registered children…');
  if (children.status === 'failed')
    return h('p', { class: 'hint' }, 'Registered children could not be looked up.');
  if (children.value.length === 0)
    return h('p', { class: 'hint' }, 'No registered children of this patient were found.');
  return checkboxGroup({
    id: 'f-children-links',
    legend: 'Add an entry to a child’s own record',
    hint: 'Registered children of this patient. Each one you choose gets its own restricted entry and safeguarding flag. Nothing on it names this patient’s disclosure.',
    choices: children.value.map((child) => ({ value: child.id, label: childLabel(child) })),
    values: view.draft.linkedChildren,
    error: errorFor(view.issues, 'f-children-links'),
    onToggle: (id, on) =>
      actions.update((d) => {
        d.linkedChildren = on
          ? [...new Set([...d.linkedChildren, id])]
          : d.linkedChildren.filter((c) => c !== id);
      }),
  });
}

/** Children in the household (whole family): how many, their ages, and links to their own records. */
export function childrenSection(view: AppView, actions: ScreenActions): HTMLElement {
  const { draft, issues } = view;
  return section(
    'Children in the household',
    textField({
      id: 'f-children-count',
      label: 'How many children live in the household? (optional)',
      error: errorFor(issues, 'f-children-count'),
      value: draft.childrenCount,
      inputMode: 'numeric',
      width: 'short',
      onInput: (text) =>
        actions.update((d) => {
          d.childrenCount = text;
        }),
    }),
    textField({
      id: 'f-children-ages',
      label: 'Their ages (optional)',
      hint: 'Whole years, separated by commas, for example 7, 9.',
      error: errorFor(issues, 'f-children-ages'),
      value: draft.childAges,
      onInput: (text) =>
        actions.update((d) => {
          d.childAges = text;
        }),
    }),
    linkedChildren(view, actions),
  );
}
