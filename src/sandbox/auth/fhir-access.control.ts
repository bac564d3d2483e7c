import type { AuditEvent, Resource } from 'fhir/r4.js';
import {
  createOperationOutcome,
  IssueType,
  isRestricted,
  OperationOutcomeError,
} from '../../shared/index.ts';
import type { AccessAction, AccessPrincipal, FhirAccessControl, FhirHttpRequest } from '../fhir/access.ts';
import type { AccessTokenClaims, AccessTokenVerifier } from './access-token.verifier.ts';
import { buildDisclosureAuditEvents } from './audit-event.builder.ts';
import { checkConfinedAccess } from './compartment.guard.ts';
import { actsForPatient, mayDisclose, mayReadRestricted } from './label-policy.ts';
import { type RequiredAccess, requiredAccess } from './request-access.map.ts';
import { grantsFor, parseSmartScopes } from './smart-scope.parser.ts';

export interface FhirAccessControlOptions {
  /** The FHIR base URL: the token audience and the `realm` of every challenge. */
  readonly fhirBase: string;
  readonly verify: AccessTokenVerifier;
  readonly writeAuditEvent: (event: AuditEvent) => Promise<void>;
  readonly now: () => Date;
  /** Shown as the AuditEvent source observer. */
  readonly observer?: string;
  /** `fhirUser` references of users without the restricted-record privilege (label-policy `unprivilegedUsers`). */
  readonly unprivilegedUsers?: ReadonlySet<string>;
}

const WRITE_LETTERS: ReadonlySet<string> = new Set(['c', 'u', 'd']);
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** RFC 6750 §3 challenge; without an error code when no credentials were sent at all. */
function challenge(realm: string, error?: string, description?: string): Record<string, string> {
  const parts = [`realm="${realm}"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${description}"`);
  return { 'WWW-Authenticate': `Bearer ${parts.join(', ')}` };
}

function unauthorized(
  realm: string,
  reason: string,
  diagnostics: string,
  error?: string,
): OperationOutcomeError {
  const outcome = createOperationOutcome([{ code: IssueType.login, reason, diagnostics }]);
  return new OperationOutcomeError(401, outcome, challenge(realm, error, error ? diagnostics : undefined));
}

function forbidden(
  realm: string,
  reason: string,
  diagnostics: string,
  scopeError = false,
): OperationOutcomeError {
  const outcome = createOperationOutcome([{ code: IssueType.forbidden, reason, diagnostics }]);
  return new OperationOutcomeError(403, outcome, scopeError ? challenge(realm, 'insufficient_scope') : {});
}

function bearerToken(realm: string, headers: FhirHttpRequest['headers']): string {
  const header = headers.authorization;
  if (header === undefined) throw unauthorized(realm, 'token-missing', 'An access token is required');
  const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw unauthorized(
      realm,
      'token-invalid',
      'The Authorization header is not a Bearer token',
      'invalid_request',
    );
  }
  return match[1];
}

async function verifiedClaims(options: FhirAccessControlOptions, token: string): Promise<AccessTokenClaims> {
  try {
    return await options.verify(token);
  } catch {
    throw unauthorized(
      options.fhirBase,
      'token-invalid',
      'The access token is invalid or expired',
      'invalid_token',
    );
  }
}

function patientOfFhirUser(fhirUser: string | undefined): string | undefined {
  return /(?:^|\/)Patient\/([^/]+)$/.exec(fhirUser ?? '')?.[1];
}

/** Every interaction needs a scope; returns true when some interaction is allowed only through `patient/` scopes. */
function checkScopes(
  realm: string,
  principal: AccessPrincipal,
  accesses: readonly RequiredAccess[],
): boolean {
  let confined = false;
  for (const access of accesses) {
    const grants = grantsFor(principal.scopes, access.resourceType, access.letter);
    if (grants.length === 0) {
      const what = `'${access.letter}' on ${access.resourceType}`;
      throw forbidden(realm, 'insufficient-scope', `The token's scopes do not allow ${what}`, true);
    }
    if (grants.every((g) => g.context === 'patient')) confined = true;
  }
  return confined;
}

function checkRole(
  options: FhirAccessControlOptions,
  principal: AccessPrincipal,
  accesses: readonly RequiredAccess[],
): void {
  const realm = options.fhirBase;
  const readOnly = actsForPatient(principal) || principal.role === 'data-lead';
  if (readOnly && accesses.some((a) => WRITE_LETTERS.has(a.letter))) {
    throw forbidden(realm, 'read-only-role', 'This user may read but not write records');
  }
  // A reverse chain would reveal which patients have restricted records without returning them.
  if (!mayReadRestricted(principal, options.unprivilegedUsers) && accesses.some((a) => a.reverseChain)) {
    throw forbidden(realm, 'reverse-chain-refused', 'This user may not search through _has');
  }
}

/**
 * The patient this request is confined to: always for patients and proxies, and whenever an interaction is allowed
 * only by a `patient/` scope (SMART 2.2: patient-level scopes are limited to the launch patient's compartment).
 */
function confinement(realm: string, claims: AccessTokenClaims, principal: AccessPrincipal, needed: boolean) {
  if (!needed && !actsForPatient(principal)) return undefined;
  const own = principal.role === 'patient' ? patientOfFhirUser(claims.fhirUser) : undefined;
  if (own !== undefined && claims.patient !== undefined && claims.patient !== own) {
    throw forbidden(realm, 'patient-compartment', 'A patient token is confined to its own record');
  }
  const patient = claims.patient ?? own;
  if (patient === undefined) {
    throw forbidden(realm, 'no-patient-context', 'Patient-level access needs a patient context');
  }
  return patient;
}

function checkCompartment(realm: string, patient: string, accesses: readonly RequiredAccess[]): void {
  for (const access of accesses) {
    const refusal = checkConfinedAccess(access, patient);
    if (refusal === 'patient-param-required') {
      throw forbidden(realm, refusal, `Searches on ${access.resourceType} must name the patient in context`);
    }
    if (refusal) throw forbidden(realm, refusal, 'The request reaches outside the patient in context');
  }
}

async function authorizeRequest(
  options: FhirAccessControlOptions,
  request: FhirHttpRequest,
): Promise<AccessPrincipal> {
  const realm = options.fhirBase;
  const claims = await verifiedClaims(options, bearerToken(realm, request.headers));
  const base: AccessPrincipal = {
    clientId: claims.clientId,
    role: claims.role,
    scopes: parseSmartScopes(claims.scope),
    tokenId: claims.jti,
    ...(claims.fhirUser !== undefined ? { fhirUser: claims.fhirUser } : {}),
    ...(claims.breakGlassReason !== undefined ? { breakGlassReason: claims.breakGlassReason } : {}),
  };
  const accesses = requiredAccess(request);
  const needed = checkScopes(realm, base, accesses);
  checkRole(options, base, accesses);
  const patient = confinement(realm, claims, base, needed);
  if (patient === undefined) return base;
  checkCompartment(realm, patient, accesses);
  return { ...base, patient };
}

/**
 * The SMART access layer in front of the sandbox FHIR server: jose-verified JWT bearer tokens, SMART v1/v2 scopes
 * per interaction (every Bundle entry, `_include`/`_revinclude`/`_has` types), read-only roles, patient compartment
 * confinement, the label policy on the way out, and an AuditEvent for every disclosure of a restricted record.
 */
export function createFhirAccessControl(options: FhirAccessControlOptions): FhirAccessControl {
  const observer = options.observer ?? `Safe Enquiry sandbox FHIR server ${options.fhirBase}`;
  return {
    authorize: (request) => authorizeRequest(options, request),
    mayDisclose: (principal, resource) => mayDisclose(principal, resource, options.unprivilegedUsers),
    async recordDisclosure(principal: AccessPrincipal, action: AccessAction, resources: readonly Resource[]) {
      // AuditEvents are themselves restricted; reading the audit trail is not audited again (no audit loops).
      const restricted = resources.filter((r) => r.resourceType !== 'AuditEvent' && isRestricted(r));
      if (restricted.length === 0) return;
      const recorded = options.now();
      for (const event of buildDisclosureAuditEvents({
        principal,
        action,
        resources: restricted,
        recorded,
        observer,
      })) {
        await options.writeAuditEvent(event);
      }
    },
  };
}
