import type { Router } from 'express';
import type { AuditEvent } from 'fhir/r4.js';
import type { FhirAccessControl, SandboxRole } from '../fhir/access.ts';

/** A user of the sandbox, offered on the login page and named by EHR launches. */
export interface SandboxUser {
  /** Account id (the `sub` of id tokens and the `userId` of a launch), e.g. `sandbox-gp`. */
  readonly id: string;
  readonly role: SandboxRole;
  /** Relative reference, e.g. `Practitioner/sandbox-gp`; id tokens carry it as an absolute URL under the FHIR base. */
  readonly fhirUser: string;
  /** Synthetic display name. */
  readonly name: string;
  /**
   * `false`: this user lacks the restricted-record privilege their role would give (e.g. a locum GP) and reads R/V/SDV
   * records only after breaking the glass with a stated reason. Default: what the role gives (label-policy.ts).
   */
  readonly restrictedAccess?: false;
}

/** A registered SMART client. */
export interface SmartClientConfig {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  /** Public clients authenticate with PKCE only (`token_endpoint_auth_method` none). */
  readonly public: boolean;
  /** For confidential clients; generated and persisted in `dataDir` when absent. */
  readonly clientSecret?: string;
  readonly grantTypes: readonly ('authorization_code' | 'refresh_token' | 'client_credentials')[];
  /**
   * Everything the client may be granted: identity and launch scopes (`openid fhirUser launch …`) and resource
   * scopes (`patient/*.cruds`, `system/*.rs` …); a requested resource scope must be covered by one of these.
   */
  readonly scope: string;
}

/** What the EHR knows when it launches an app (SMART 2.2 EHR launch); bound to an opaque `launch` value. */
export interface LaunchContext {
  /** The sandbox user id (not a reference), e.g. `sandbox-gp`. */
  readonly userId: string;
  /** Patient id (not a reference). */
  readonly patient?: string;
  /** Encounter id (not a reference). */
  readonly encounter?: string;
  readonly fhirContext?: readonly { reference: string }[];
  /** CDS Hooks `link.appContext`, passed through to the token response. */
  readonly appContext?: string;
  /** Defaults to true: the app shows a patient banner unless the EHR says it already does. */
  readonly needPatientBanner?: boolean;
}

export interface SmartAuthOptions {
  /** e.g. `http://localhost:8080`; the issuer is `{publicBaseUrl}/auth`, the FHIR base `{publicBaseUrl}/fhir`. */
  readonly publicBaseUrl: string;
  /** Keeps signing keys, cookie keys and generated client secrets across restarts; memory only when absent. */
  readonly dataDir?: string;
  readonly clients: readonly SmartClientConfig[];
  readonly users: readonly SandboxUser[];
  /** Stores one AuditEvent; must not go back through the access layer (no audit of audit writes). */
  readonly writeAuditEvent: (event: AuditEvent) => Promise<void>;
  /** Clock for token checks, minted tokens, launches and AuditEvents (oidc-provider keeps its own clock). */
  readonly now?: () => Date;
  /** PHI- and token-free events (error names only), e.g. an unexpected failure inside oidc-provider. */
  readonly log?: (event: string, fields: Readonly<Record<string, string | number>>) => void;
}

/** A token minted directly, without a browser flow: EHR `fhirAuthorization` for CDS Hooks and backend jobs. */
export interface MintAccessTokenGrant {
  readonly clientId: string;
  readonly role: SandboxRole;
  readonly scope: string;
  /** Relative reference of the user, e.g. `Practitioner/sandbox-gp`. */
  readonly fhirUser?: string;
  /** Patient id the token is about; `patient/` scopes confine it to this patient's compartment. */
  readonly patient?: string;
  /** Default 300 s, at most 3600 s. */
  readonly ttlSeconds?: number;
  /** Break-glass for this token, with the stated reason (audited as ETREAT). */
  readonly breakGlassReason?: string;
}

export interface SmartAuth {
  /** Mount at `/auth`, before any body parser (oidc-provider reads the raw body itself). */
  readonly router: Router;
  /** Hand to the FHIR server. */
  readonly access: FhirAccessControl;
  /** The SMART 2.2 discovery document served at `/fhir/.well-known/smart-configuration`. */
  smartConfiguration(): Record<string, unknown>;
  /** Binds an EHR launch context to an opaque, single-use `launch` value that lives 5 minutes. */
  createLaunch(context: LaunchContext): Promise<string>;
  /** Signs a JWT access token for the FHIR base with the server's RS256 key. */
  mintAccessToken(grant: MintAccessTokenGrant): Promise<string>;
  readonly sandboxUsers: readonly SandboxUser[];
  /** The registered clients, with generated secrets filled in (for in-process backend callers). */
  readonly clients: readonly SmartClientConfig[];
  close(): Promise<void>;
}
