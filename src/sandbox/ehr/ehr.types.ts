import type { SearchRequest } from '@medplum/core';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import type { SandboxRole } from '../fhir/access.ts';

/** Settings of the EHR simulator. */
export interface EhrOptions {
  /** Public base of the sandbox, e.g. `http://localhost:8080` (no trailing slash). The issuer is `{base}/ehr`. */
  readonly publicBaseUrl: string;
  /** Folder where the ES384 signing key is kept as a JWK; memory only when absent. */
  readonly dataDir?: string;
  /** CDS Hooks discovery endpoints to call; default `[{base}/cds-services]`. */
  readonly cdsDiscoveryUrls?: readonly string[];
  /** SMART app launch URL; default `{base}/app/launch`. */
  readonly appLaunchUrl?: string;
  /** FHIR base sent as `fhirServer` and SMART `iss`; default `{base}/fhir`. */
  readonly fhirBaseUrl?: string;
  /** OAuth client id of the CDS service at the sandbox authorization server; default `safe-enquiry-service`. */
  readonly cdsClientId?: string;
  /** Budget for one service (prefetch + call), in ms; default 5000. */
  readonly hookTimeoutMs?: number;
  /**
   * Origins SMART links may launch (CDS Hooks 2.0 "Trusting CDS Services": keep an allow list of card links);
   * default: the origins of `publicBaseUrl`, `appLaunchUrl` and the discovery URLs.
   */
  readonly smartLinkOrigins?: readonly string[];
  /**
   * Whether launching a SMART link also sends `accepted` feedback. CDS Hooks 2.0 defines `accepted` only for
   * suggestions (`acceptedSuggestions` is required for it), so the default is `none`.
   */
  readonly smartLinkFeedback?: 'none' | 'accepted';
}

/** A launch context for the SMART authorization server (src/sandbox/auth). */
export interface EhrLaunchContext {
  /** Practitioner id of the user (not a reference). */
  readonly userId: string;
  readonly patient?: string;
  readonly encounter?: string;
  readonly fhirContext?: { reference: string }[];
  readonly appContext?: string;
  readonly needPatientBanner?: boolean;
}

export interface MintAccessTokenRequest {
  readonly clientId: string;
  readonly role: SandboxRole;
  readonly scope: string;
  readonly fhirUser?: string;
  readonly patient?: string;
  readonly ttlSeconds?: number;
}

/**
 * The part of the sandbox FHIR repository (a Medplum `FhirRepository`) the EHR reads and writes in process.
 * Results are `unknown` on purpose: Medplum's and `@types/fhir`'s resource types differ, so ehr-records.ts narrows.
 */
export interface EhrRepository {
  readResource(resourceType: string, id: string): Promise<unknown>;
  searchResources(request: SearchRequest): Promise<readonly unknown[]>;
  createResource(resource: MedplumResource): Promise<unknown>;
}

/** Injected collaborators; tests pass fakes. */
export interface EhrDeps {
  readonly repo: EhrRepository;
  readonly createLaunch: (ctx: EhrLaunchContext) => Promise<string>;
  readonly mintAccessToken: (request: MintAccessTokenRequest) => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** Called with PHI-free events (ids, codes, counts), e.g. a CDS service failure. */
  readonly log?: (event: string, fields: Readonly<Record<string, string | number>>) => void;
}
