import type { ScopeGrant } from '../fhir/access.ts';

/** One SMART resource-interaction letter (SMART App Launch 2.2, scopes-and-launch-context §Scopes for requesting FHIR resources). */
export type ScopeLetter = 'c' | 'r' | 'u' | 'd' | 's';

const LETTERS: readonly ScopeLetter[] = ['c', 'r', 'u', 'd', 's'];
const CONTEXTS: ReadonlySet<string> = new Set(['patient', 'user', 'system']);
const RESOURCE_TYPE = /^(\*|[A-Z][A-Za-z]{1,63})$/;
/** v2 letters must appear in the order c, r, u, d, s; each at most once and at least one. */
const V2_SUFFIX = /^c?r?u?d?s?$/;

/** SMART v1 suffixes and their v2 equivalents (SMART 2.2 scopes-and-launch-context, "Scope Equivalence"). */
const V1_EQUIVALENTS: Readonly<Record<string, string>> = { read: 'rs', write: 'cud', '*': 'cruds' };

/**
 * Parses one SMART resource scope (`patient/Observation.rs`, `user/*.cruds`, v1 `patient/Observation.read`,
 * `system/*.*`) into a grant. Returns `undefined` for anything else: identity and launch scopes, malformed or
 * out-of-order suffixes, and scopes narrowed by a search constraint (`…rs?category=…`), which this sandbox does not
 * enforce and therefore does not honour at all (refusing is safe; ignoring the constraint would over-grant).
 */
export function parseSmartScope(scope: string): ScopeGrant | undefined {
  const slash = scope.indexOf('/');
  const dot = scope.lastIndexOf('.');
  if (slash < 0 || dot < slash || scope.includes('?')) return undefined;
  const context = scope.slice(0, slash);
  const resourceType = scope.slice(slash + 1, dot);
  const suffix = scope.slice(dot + 1);
  if (!CONTEXTS.has(context) || !RESOURCE_TYPE.test(resourceType)) return undefined;
  const letters = V1_EQUIVALENTS[suffix] ?? suffix;
  if (letters.length === 0 || !V2_SUFFIX.test(letters)) return undefined;
  return {
    context: context as ScopeGrant['context'],
    resourceType,
    interactions: new Set(LETTERS.filter((letter) => letters.includes(letter))),
  };
}

/** Splits a space-separated scope string and keeps the resource scopes, parsed. */
export function parseSmartScopes(scope: string | undefined): ScopeGrant[] {
  const grants: ScopeGrant[] = [];
  for (const token of splitScope(scope)) {
    const grant = parseSmartScope(token);
    if (grant) grants.push(grant);
  }
  return grants;
}

/** True when the string is a SMART resource scope this server honours. */
export function isSmartResourceScope(scope: string): boolean {
  return parseSmartScope(scope) !== undefined;
}

/** Space-separated scope string → distinct non-empty tokens, in order. */
export function splitScope(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(' ').filter((s) => s.length > 0))];
}

/** The v2 spelling of a grant, e.g. `patient/Observation.rs`. */
export function formatScopeGrant(grant: ScopeGrant): string {
  return `${grant.context}/${grant.resourceType}.${LETTERS.filter((l) => grant.interactions.has(l)).join('')}`;
}

/**
 * True when `allowed` covers everything `requested` asks for: same context, the same type or `*`, and a superset of
 * the interactions. Used to check a requested scope against a client's registered scope.
 */
export function scopeCovers(allowed: ScopeGrant, requested: ScopeGrant): boolean {
  if (allowed.context !== requested.context) return false;
  if (allowed.resourceType !== '*' && allowed.resourceType !== requested.resourceType) return false;
  for (const letter of requested.interactions) {
    if (!allowed.interactions.has(letter)) return false;
  }
  return true;
}

/** The grants that allow `letter` on `resourceType`. */
export function grantsFor(
  grants: readonly ScopeGrant[],
  resourceType: string,
  letter: ScopeLetter,
): ScopeGrant[] {
  return grants.filter(
    (g) => (g.resourceType === '*' || g.resourceType === resourceType) && g.interactions.has(letter),
  );
}
