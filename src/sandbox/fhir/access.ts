import type { Resource } from 'fhir/r4.js';

/**
 * The seam between the sandbox FHIR REST adapter (src/sandbox/fhir) and the SMART access layer (src/sandbox/auth).
 * The adapter knows FHIR; the access layer knows tokens, scopes, roles and labels. Neither imports the other's internals.
 */

/** Sandbox user roles (the login page offers one user per role). */
export const SandboxRole = {
  gp: 'gp',
  mhClinician: 'mh-clinician',
  safeguardingLead: 'safeguarding-lead',
  dataLead: 'data-lead',
  patient: 'patient',
  /** A backend service (client_credentials), e.g. the CDS service or the extraction job. */
  system: 'system',
} as const;
export type SandboxRole = (typeof SandboxRole)[keyof typeof SandboxRole];

/** One SMART scope, parsed (v2 `patient/Observation.crs`, v1 `patient/Observation.read` normalised to v2 letters). */
export interface ScopeGrant {
  readonly context: 'patient' | 'user' | 'system';
  /** A resource type or `*`. */
  readonly resourceType: string;
  /** Subset of c, r, u, d, s. */
  readonly interactions: ReadonlySet<'c' | 'r' | 'u' | 'd' | 's'>;
}

/** Who is calling, established once per request from a verified access token. */
export interface AccessPrincipal {
  readonly clientId: string;
  readonly role: SandboxRole;
  /** `Practitioner/…`, `Patient/…`, `RelatedPerson/…` or absent for a backend service. */
  readonly fhirUser?: string;
  /** Launch/patient context: the patient compartment the token is confined to, when any. */
  readonly patient?: string;
  readonly scopes: readonly ScopeGrant[];
  /** Token id, for audit correlation. Never log the token itself. */
  readonly tokenId?: string;
  /** Break-glass: access to restricted records granted for this session, with the stated reason. */
  readonly breakGlassReason?: string;
}

/** The part of an HTTP request the access layer needs, independent of express. */
export interface FhirHttpRequest {
  readonly method: string;
  /** Path after the FHIR base, without a leading slash, e.g. `Patient/123` or `` for the base (transactions). */
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: unknown;
}

export type AccessAction = 'read' | 'vread' | 'search' | 'history' | 'create' | 'update' | 'patch' | 'delete';

export interface FhirAccessControl {
  /**
   * Authenticates and authorizes a request before the router sees it, including every entry of a batch or
   * transaction Bundle. Throws an OperationOutcomeError: 401 (with `wwwAuthenticate`) or 403.
   */
  authorize(request: FhirHttpRequest): Promise<AccessPrincipal>;
  /**
   * Decides whether one resource may leave the server for this principal (labels, roles, patient compartment).
   * Resources that fail are dropped from searches; a read of one answers 404, so nothing reveals by its absence
   * that something was hidden.
   */
  mayDisclose(principal: AccessPrincipal, resource: Resource): boolean;
  /** Called after a response is produced with the restricted resources it disclosed, to write AuditEvents. */
  recordDisclosure(
    principal: AccessPrincipal,
    action: AccessAction,
    resources: readonly Resource[],
  ): Promise<void>;
}
