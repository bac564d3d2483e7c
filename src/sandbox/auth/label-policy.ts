import type { Resource } from 'fhir/r4.js';
import { isNotForPatient, isRestricted } from '../../shared/index.ts';
import type { AccessPrincipal, SandboxRole } from '../fhir/access.ts';
import { isWithinPatientCompartment } from './patient-compartment.ts';
import type { SandboxUser } from './smart-auth.types.ts';

/**
 * Roles that may see records labelled R, V or SDV: the treating clinicians, the safeguarding lead (who reviews them)
 * and backend services acting for them. The data lead works on aggregates only; patients and proxies never.
 */
const RESTRICTED_READERS: ReadonlySet<SandboxRole> = new Set([
  'gp',
  'mh-clinician',
  'safeguarding-lead',
  'system',
]);

/** No user is registered without the restricted privilege (the default for {@link mayReadRestricted}). */
const NONE: ReadonlySet<string> = new Set();

/** The `fhirUser` references of users registered without the restricted-record privilege (`restrictedAccess: false`). */
export function unprivilegedUsers(users: readonly SandboxUser[]): ReadonlySet<string> {
  return new Set(users.filter((u) => u.restrictedAccess === false).map((u) => u.fhirUser));
}

/** Roles that may break the glass: treating clinicians (never a patient, proxy, data lead or backend service). */
const BREAK_GLASS_ROLES: ReadonlySet<SandboxRole> = new Set(['gp', 'mh-clinician']);

/** True when a user of this role may ask for break-glass access with a stated reason. */
export function mayBreakGlass(role: SandboxRole): boolean {
  return BREAK_GLASS_ROLES.has(role);
}

const PATIENT_FACING_USER = /(?:^|\/)(?:Patient|RelatedPerson)\/[^/]+$/;

/** True when the principal is the patient or acts for one (a proxy, `RelatedPerson/…`). */
export function actsForPatient(principal: AccessPrincipal): boolean {
  return principal.role === 'patient' || PATIENT_FACING_USER.test(principal.fhirUser ?? '');
}

/**
 * True when the principal may see a restricted (R, V or SDV) record: a restricted-reader role (unless the user is
 * registered without the privilege, `unprivileged`), or break-glass with a stated reason; never a patient, a proxy or
 * the data lead, whatever they claim.
 *
 * | who                                   | restricted records          |
 * |---------------------------------------|-----------------------------|
 * | gp, mh-clinician, safeguarding-lead   | yes (treating / reviewing)  |
 * | system (backend services)             | yes                         |
 * | a user with `restrictedAccess: false` | only with break-glass       |
 * | data-lead, patient, proxy             | never                       |
 */
export function mayReadRestricted(
  principal: AccessPrincipal,
  unprivileged: ReadonlySet<string> = NONE,
): boolean {
  if (actsForPatient(principal) || principal.role === 'data-lead') return false;
  const lacksPrivilege = principal.fhirUser !== undefined && unprivileged.has(principal.fhirUser);
  if (RESTRICTED_READERS.has(principal.role) && !lacksPrivilege) return true;
  return (principal.breakGlassReason ?? '').trim().length > 0;
}

function scopeAllowsRead(principal: AccessPrincipal, resourceType: string): boolean {
  return principal.scopes.some(
    (g) =>
      (g.resourceType === '*' || g.resourceType === resourceType) &&
      (g.interactions.has('r') || g.interactions.has('s')),
  );
}

/**
 * The disclosure policy for one resource leaving the FHIR server, as a careful EHR applies it
 * (domain.md "What recording must respect"; terminology.md §3 for the labels):
 * 1. `NOPAT` (v3-ActCode) → never to a patient or proxy (role `patient`, fhirUser `Patient/…` or `RelatedPerson/…`);
 * 2. `R`/`V` (v3-Confidentiality) or `SDV` (v3-ActCode) → only to restricted readers or break-glass
 *    ({@link mayReadRestricted}; `unprivileged` names users registered without the privilege);
 * 3. a patient-confined principal → only resources in its patient's compartment (or outside the compartment);
 * 4. the resource type must be readable under the token's scopes (this also covers `_include`d resources).
 * Pure: no I/O, no clock.
 */
export function mayDisclose(
  principal: AccessPrincipal,
  resource: Resource,
  unprivileged: ReadonlySet<string> = NONE,
): boolean {
  if (!scopeAllowsRead(principal, resource.resourceType)) return false;
  if (isNotForPatient(resource) && actsForPatient(principal)) return false;
  if (isRestricted(resource) && !mayReadRestricted(principal, unprivileged)) return false;
  if (principal.patient !== undefined && !isWithinPatientCompartment(resource, principal.patient))
    return false;
  return true;
}
