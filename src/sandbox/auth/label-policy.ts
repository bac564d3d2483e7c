import type { Resource } from 'fhir/r4.js';
import { isNotForPatient, isRestricted } from '../../shared/index.ts';
import type { AccessPrincipal, SandboxRole } from '../fhir/access.ts';
import { isWithinPatientCompartment } from './patient-compartment.ts';

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

const PATIENT_FACING_USER = /(?:^|\/)(?:Patient|RelatedPerson)\/[^/]+$/;

/** True when the principal is the patient or acts for one (a proxy, `RelatedPerson/…`). */
export function actsForPatient(principal: AccessPrincipal): boolean {
  return principal.role === 'patient' || PATIENT_FACING_USER.test(principal.fhirUser ?? '');
}

/**
 * True when the principal may see a restricted (R, V or SDV) record: a restricted-reader role, or break-glass with a
 * stated reason; never a patient, a proxy or the data lead, whatever they claim.
 */
export function mayReadRestricted(principal: AccessPrincipal): boolean {
  if (actsForPatient(principal) || principal.role === 'data-lead') return false;
  if (RESTRICTED_READERS.has(principal.role)) return true;
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
 * 2. `R`/`V` (v3-Confidentiality) or `SDV` (v3-ActCode) → only to restricted-reader roles or break-glass;
 * 3. a patient-confined principal → only resources in its patient's compartment (or outside the compartment);
 * 4. the resource type must be readable under the token's scopes (this also covers `_include`d resources).
 * Pure: no I/O, no clock.
 */
export function mayDisclose(principal: AccessPrincipal, resource: Resource): boolean {
  if (!scopeAllowsRead(principal, resource.resourceType)) return false;
  if (isNotForPatient(resource) && actsForPatient(principal)) return false;
  if (isRestricted(resource) && !mayReadRestricted(principal)) return false;
  if (principal.patient !== undefined && !isWithinPatientCompartment(resource, principal.patient))
    return false;
  return true;
}
