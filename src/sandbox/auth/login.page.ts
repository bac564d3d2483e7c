import { createHash } from 'node:crypto';
import type { SandboxUser } from './smart-auth.types.ts';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f3f5f7;color:#1d2733}
main{max-width:34rem;margin:3rem auto;background:#fff;border:1px solid #d5dbe1;border-radius:8px;padding:1.5rem 2rem}
h1{font-size:1.3rem;margin:0 0 .25rem}p.note{color:#4b5966;margin:0 0 1rem}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}
label.user{display:block;padding:.5rem .75rem;border:1px solid #d5dbe1;border-radius:6px;margin-bottom:.5rem;cursor:pointer}
label.user:hover{border-color:#005eb8}select{font:inherit;padding:.3rem}
button{font:inherit;background:#005eb8;color:#fff;border:0;border-radius:6px;padding:.6rem 1.4rem;cursor:pointer}
code{background:#eef1f4;padding:0 .25rem;border-radius:3px}.error{color:#a4000f}
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** An HTML page and the Content-Security-Policy it needs (no script at all; one hashed inline style). */
export interface RenderedPage {
  readonly html: string;
  readonly csp: string;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function csp(formOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `form-action 'self' ${formOrigins.join(' ')}`.trim(),
    "frame-ancestors 'self'",
    "base-uri 'none'",
  ].join('; ');
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface LoginPageInput {
  readonly formAction: string;
  readonly clientId: string;
  readonly scope: string;
  readonly users: readonly SandboxUser[];
  /** Patient ids offered as the launch context for clinicians (standalone `launch/patient`). */
  readonly patients: readonly string[];
  readonly askPatient: boolean;
  /** Origins the browser is redirected to after the form posts (the client's redirect URIs). */
  readonly redirectOrigins: readonly string[];
}

function userOption(user: SandboxUser, index: number): string {
  const checked = index === 0 ? ' checked' : '';
  return `<label class="user"><input type="radio" name="user" value="${escapeHtml(user.id)}"${checked}> ${escapeHtml(user.name)} <small>(${escapeHtml(user.fhirUser)})</small></label>`;
}

function patientPicker(patients: readonly string[]): string {
  const options = patients.map((p) => `<option value="${escapeHtml(p)}">${escapeHtml(p)}</option>`).join('');
  return `<fieldset><legend>Patient in context (clinicians only; a patient is always their own context)</legend><select name="patient">${options}</select></fieldset>`;
}

/** The sandbox sign-in page for standalone launches: pick one of the synthetic users. */
export function renderLoginPage(input: LoginPageInput): RenderedPage {
  const body = [
    '<h1>Safe Enquiry sandbox sign-in</h1>',
    `<p class="note">Synthetic users only. <code>${escapeHtml(input.clientId)}</code> asks for <code>${escapeHtml(input.scope)}</code>.</p>`,
    `<form method="post" action="${escapeHtml(input.formAction)}">`,
    `<fieldset><legend>Sign in as</legend>${input.users.map(userOption).join('')}</fieldset>`,
    input.askPatient ? patientPicker(input.patients) : '',
    '<button type="submit">Continue</button></form>',
  ].join('');
  return { html: layout('Sandbox sign-in', body), csp: csp(input.redirectOrigins) };
}

/** A plain error page (used by oidc-provider when it cannot redirect back to the client). */
export function renderErrorPage(error: string, description: string | undefined): RenderedPage {
  const body = `<h1>Sign-in failed</h1><p class="error"><code>${escapeHtml(error)}</code></p>${description ? `<p>${escapeHtml(description)}</p>` : ''}`;
  return { html: layout('Sign-in failed', body), csp: csp([]) };
}
