import type { SandboxRole } from '../fhir/access.ts';
import { parseSmartScope } from './smart-scope.parser.ts';

/**
 * Resource types any clinician may read at user level (outside a patient context): who people are and how they are
 * related, which the recording app needs to show the patient and link registered children. Clinical records are not
 * among them.
 */
const DIRECTORY_TYPES: ReadonlySet<string> = new Set([
  'Patient',
  'RelatedPerson',
  'Practitioner',
  'PractitionerRole',
  'Organization',
]);

/** Roles that may read clinical records across patients (user-level `r`/`s`): the safeguarding lead's review. */
const CROSS_PATIENT_READERS: ReadonlySet<SandboxRole> = new Set(['safeguarding-lead']);

/**
 * Least privilege at the authorization server (SMART App Launch 2.2 lets the server grant fewer scopes than asked):
 * true when a user of this role may be granted this resource scope. A user-level scope that reads or searches
 * clinical records (`user/Flag.rs`, `user/*.rs`, `user/Condition.cruds`) is granted only to the safeguarding lead;
 * anyone else gets a token without it (the scope is dropped, not narrowed, and the token response's `scope` says
 * so). Patient-level scopes, user-level writes and user-level reads of directory types are unaffected.
 */
export function mayRoleHaveScope(role: SandboxRole, scope: string): boolean {
  const grant = parseSmartScope(scope);
  if (grant === undefined || grant.context !== 'user') return true;
  const reads = grant.interactions.has('r') || grant.interactions.has('s');
  if (!reads || DIRECTORY_TYPES.has(grant.resourceType)) return true;
  return CROSS_PATIENT_READERS.has(role);
}
