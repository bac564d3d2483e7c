import { h } from '../ui/index.ts';
import { panel } from './screen.parts.ts';
import type { AppView, ScreenActions } from './screen.types.ts';

const REASON_ID = 'break-glass-reason';
const ERROR_ID = 'break-glass-reason-error';

function showError(root: HTMLElement, text: string): void {
  const error = root.querySelector<HTMLElement>(`#${ERROR_ID}`);
  const input = root.querySelector<HTMLTextAreaElement>(`#${REASON_ID}`);
  if (!error || !input) return;
  error.replaceChildren(h('span', { class: 'visually-hidden' }, 'Error: '), text);
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

function request(root: HTMLElement, actions: ScreenActions): void {
  const reason = root.querySelector<HTMLTextAreaElement>(`#${REASON_ID}`)?.value.trim() ?? '';
  if (reason.length === 0) {
    showError(root, 'State why you need emergency access to this patient’s restricted records.');
    return;
  }
  if (!actions.breakGlass(reason)) showError(root, 'Emergency access could not be requested. Try again.');
}

function requestForm(actions: ScreenActions): HTMLElement {
  const root: HTMLElement = h(
    'details',
    { class: 'break-glass', id: 'break-glass' },
    h('summary', {}, 'Request emergency access (break the glass)'),
    h(
      'p',
      {},
      'Only if you need restricted records to treat this patient now. You will sign in again; answers not yet ' +
        'saved are lost. Every record you then open is logged with your reason and shown to the safeguarding team.',
    ),
    h('label', { class: 'label', for: REASON_ID }, 'Reason for emergency access'),
    h('p', { class: 'error-message', id: ERROR_ID, hidden: true }),
    h('textarea', {
      class: 'input input--wide',
      id: REASON_ID,
      name: REASON_ID,
      rows: 3,
      maxlength: 500,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': ERROR_ID,
    }),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'button button--warning',
          id: 'break-glass-request',
          onclick: () => request(root, actions),
        },
        'Request emergency access',
      ),
    ),
  );
  return root;
}

/**
 * Break the glass (issue 6 item 3), for a user whose role lacks the restricted-record privilege (the server says so
 * in the token response): restricted records are not shown, so offer emergency access with a stated reason; once
 * granted, say that this session's looks are logged and shown to safeguarding.
 */
export function breakGlassSection(view: AppView, actions: ScreenActions): HTMLElement | null {
  const access = view.session.restrictedAccess;
  if (access === 'break-glass') {
    return panel(
      'warning',
      'Emergency access is on',
      h(
        'p',
        {},
        'For this session only. Every restricted record you open is logged with your reason and shown to the safeguarding team.',
      ),
    );
  }
  if (access !== 'none') return null;
  return panel(
    'info',
    'Some records may be hidden',
    h('p', {}, 'Restricted records (for example about abuse) are not shown to you.'),
    requestForm(actions),
  );
}
