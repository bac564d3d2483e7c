import type { Terminology } from '../../shared/index.ts';

/**
 * Whose record a page shows and as whom: the patient themself (online access), or a proxy (a `RelatedPerson`
 * registered on the record, e.g. a parent viewing a child's record).
 */
export type PortalViewer =
  | { readonly kind: 'self'; readonly patientId: string }
  | { readonly kind: 'proxy'; readonly relatedPersonId: string; readonly patientId: string };

/** A proxy arrangement: the `RelatedPerson` on the child's record through which the portal user acts. */
export interface ProxyGrant {
  /** Id of the RelatedPerson resource (on the record of `patientId`). */
  readonly relatedPersonId: string;
  /** The patient whose record the proxy may view. */
  readonly patientId: string;
}

/**
 * What the portal asks the sandbox authorization server for: a patient-facing token (role `patient`, `patient/`
 * read and search scopes only), with the user as `fhirUser` (`Patient/…` or `RelatedPerson/…`). Structurally a
 * `MintAccessTokenGrant` of src/sandbox/auth.
 */
export interface PortalTokenGrant {
  readonly clientId: string;
  readonly role: 'patient';
  readonly scope: string;
  readonly fhirUser: string;
  readonly patient: string;
  readonly ttlSeconds: number;
}

export interface PatientPortalOptions {
  /** e.g. `http://localhost:8080`; the FHIR base is `{publicBaseUrl}/fhir`; HSTS is sent when https. */
  readonly publicBaseUrl: string;
  /** Where the portal sends its FHIR requests; default the public FHIR base. `next` links are mapped onto it. */
  readonly fhirBaseUrl?: string;
  /** Path the router is mounted at; default `/portal`. */
  readonly basePath?: string;
  /** The portal user's own patient id; default `persona-samira` (the sandbox patient user). */
  readonly patientId?: string;
  /** Records the portal user may view as a proxy; default Samira's two children. */
  readonly proxies?: readonly ProxyGrant[];
  /** SMART client the tokens are minted for; default `safe-enquiry-app`. */
  readonly clientId?: string;
  /** `_count` of every search (all pages are read); default 100. */
  readonly pageSize?: number;
  /** Per-request timeout of FHIR calls; default 5000 ms. */
  readonly timeoutMs?: number;
}

export interface PatientPortalDeps {
  /** Mints the patient-facing access token (the sandbox's `auth.mintAccessToken`). */
  readonly mintAccessToken: (grant: PortalTokenGrant) => Promise<string>;
  readonly fetch?: typeof fetch;
  /** Clock for the "printed on" date; default the system clock. */
  readonly now?: () => Date;
  /** Codes treated as DVA information even without labels; default the project terminology. */
  readonly terminology?: Terminology;
  /** PHI-free events (names, statuses, counts of pages read). */
  readonly log?: (event: string, fields?: Readonly<Record<string, string | number>>) => void;
}
