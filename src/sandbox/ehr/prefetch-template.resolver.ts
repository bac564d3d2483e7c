/**
 * Prefetch template tokens (CDS Hooks 2.0 "Prefetch tokens"): `{{context.<field>}}` for first-level primitive
 * context fields, `{{userPractitionerId}}`, `{{userPractitionerRoleId}}`, `{{userPatientId}}`,
 * `{{userRelatedPersonId}}`, and the simple FHIRPath date tokens the CDS Hooks sandbox supports:
 * `{{today()}}` (or `{{today}}`) optionally followed by `+`/`-` N days, weeks, months or years.
 * Pure: the date is passed in.
 */

export type HookContext = Readonly<Record<string, unknown>>;

const USER_TOKENS: Readonly<Record<string, string>> = {
  userPractitionerId: 'Practitioner',
  userPractitionerRoleId: 'PractitionerRole',
  userPatientId: 'Patient',
  userRelatedPersonId: 'RelatedPerson',
};

const DATE_TOKEN = /^today(?:\(\))?(?:\s*([+-])\s*(\d{1,4})\s*(day|week|month|year)s?)?$/;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds whole calendar units in UTC; a day past the end of a month clamps to its last day (FHIRPath). */
export function addToDate(date: Date, amount: number, unit: 'day' | 'week' | 'month' | 'year'): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  if (unit === 'day' || unit === 'week') {
    return new Date(Date.UTC(y, m, d + amount * (unit === 'week' ? 7 : 1)));
  }
  const months = unit === 'year' ? amount * 12 : amount;
  const lastDay = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m + months, Math.min(d, lastDay)));
}

function resolveDateToken(token: string, today: Date): string | undefined {
  const match = DATE_TOKEN.exec(token);
  if (!match) return undefined;
  const [, sign, amount, unit] = match;
  if (sign === undefined || amount === undefined || unit === undefined) return isoDate(today);
  const n = Number(amount) * (sign === '-' ? -1 : 1);
  return isoDate(addToDate(today, n, unit as 'day' | 'week' | 'month' | 'year'));
}

function resolveUserToken(token: string, context: HookContext): string | undefined {
  const type = USER_TOKENS[token];
  const userId = context.userId;
  if (type === undefined || typeof userId !== 'string') return undefined;
  const [userType, id, rest] = userId.split('/');
  return userType === type && id && rest === undefined ? id : undefined;
}

function resolveContextToken(token: string, context: HookContext): string | undefined {
  if (!token.startsWith('context.')) return undefined;
  const field = token.slice('context.'.length);
  if (field.includes('.')) return undefined;
  const value = context[field];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

function encodeTokenValue(value: string): string {
  return encodeURIComponent(value).replaceAll('%2F', '/');
}

/** One token's value, or undefined when it cannot be resolved in this context. */
export function resolveToken(token: string, context: HookContext, today: Date): string | undefined {
  const trimmed = token.trim();
  const date = resolveDateToken(trimmed, today);
  if (date !== undefined) return date;
  const value = resolveUserToken(trimmed, context) ?? resolveContextToken(trimmed, context);
  return value === undefined || value === '' ? undefined : encodeTokenValue(value);
}

/**
 * Replaces every token in a template. Returns undefined when any token is unresolvable or the template is not a
 * relative FHIR read/search URL: the client then does not satisfy that key (CDS Hooks 2.0: "MUST NOT send any
 * prefetch template key that it chooses not to satisfy").
 */
export function resolvePrefetchTemplate(
  template: string,
  context: HookContext,
  today: Date,
): string | undefined {
  let unresolved = false;
  const url = template.replace(/\{\{([^{}]*)\}\}/g, (_whole, token: string) => {
    const value = resolveToken(token, context, today);
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  if (unresolved || url.includes('{{') || url.includes('}}')) return undefined;
  const relative = url.replace(/^\/+/, '');
  return /^[A-Z][A-Za-z]+(?:[/?]|$)/.test(relative) ? relative : undefined;
}
