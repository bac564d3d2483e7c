import type { FieldIssue } from '../form/index.ts';
import { focusElement, h } from './dom.ts';

/**
 * The list of problems at the top of a screen (WCAG 3.3.1, 3.3.3): each links to its control. Links move focus
 * with a script, not `#fragment` navigation, so the URL never changes.
 */
export function errorSummary(issues: readonly FieldIssue[]): HTMLDivElement | null {
  if (issues.length === 0) return null;
  const items = issues.map((issue, index) =>
    h(
      'li',
      {},
      issue.fieldId
        ? h(
            'a',
            {
              id: `error-link-${index}`,
              href: `#${issue.fieldId}`,
              onclick: (event) => {
                event.preventDefault();
                focusElement(document.getElementById(issue.fieldId ?? ''));
              },
            },
            issue.message,
          )
        : issue.message,
    ),
  );
  return h(
    'div',
    { class: 'error-summary', id: 'error-summary', tabindex: -1, 'aria-labelledby': 'error-summary-title' },
    h('h2', { class: 'error-summary__title', id: 'error-summary-title' }, 'There is a problem'),
    h('ul', { class: 'error-summary__list' }, items),
  );
}

/** The message for a control, if there is a problem with it. */
export function errorFor(issues: readonly FieldIssue[], fieldId: string): string | undefined {
  return issues.find((issue) => issue.fieldId === fieldId)?.message;
}
