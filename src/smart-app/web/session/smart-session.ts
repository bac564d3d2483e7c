import FHIR from 'fhirclient';
import { z } from 'zod';
import type { AppConfig } from '../../shared/index.ts';
import { SAFEGUARDING_LEAD_REF } from '../safeguarding/access-log.model.ts';
import { createFhirHttp, type FhirHttp } from './fhir-http.ts';
import { verifyIdToken } from './id-token.verify.ts';
import { clearLaunchState } from './launch-state.ts';
import { type PromptContext, parsePromptContext } from './prompt-context.ts';

/** Everything the app knows after a completed SMART launch; held in memory only. */
export interface LaunchSession {
  readonly fhir: FhirHttp;
  readonly patientId: string;
  readonly encounterId?: string;
  /** From the verified id_token: `Practitioner/{id}` or `PractitionerRole/{id}`. */
  readonly authorRef: string;
  /** SMART `need_patient_banner`; true unless the EHR says it shows the patient itself. */
  readonly needPatientBanner: boolean;
  readonly prompt?: PromptContext;
  /** The FHIR server the launch came from (the `iss` a break-the-glass re-authorisation goes to). */
  readonly serverUrl?: string;
  /**
   * Told by the authorization server for a user without the restricted-record privilege: `none` (the app offers to
   * break the glass) or `break-glass` (this session's token carries the stated reason). Absent for everyone else.
   */
  readonly restrictedAccess?: 'none' | 'break-glass';
}

/** A safeguarding-lead session: the worklist spans patients, so a launch patient is optional and unused. */
export interface ReviewSession {
  readonly fhir: FhirHttp;
  /** From the verified id_token. */
  readonly reviewerRef: string;
}

/** What a completed launch opens: the recording flow for one patient, or the safeguarding review. */
export type AppSession =
  | { readonly kind: 'recording'; readonly session: LaunchSession }
  | { readonly kind: 'review'; readonly session: ReviewSession };

const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  id_token: z.string().optional(),
  patient: fhirId.optional(),
  encounter: fhirId.optional(),
  need_patient_banner: z.boolean().optional(),
  appContext: z.unknown().optional(),
  restricted_access: z.enum(['none', 'break-glass']).optional(),
});
const discoverySchema = z.looseObject({ issuer: z.url(), jwks_uri: z.url() });

/** The launch could not be completed: not launched, refused, or the user or patient could not be established. */
export class LaunchError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = 'LaunchError';
    this.reason = reason;
  }
}

async function discover(serverUrl: string): Promise<z.infer<typeof discoverySchema>> {
  const response = await fetch(`${serverUrl}/.well-known/smart-configuration`, {
    headers: { accept: 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  });
  const parsed = discoverySchema.safeParse(await response.json());
  if (!response.ok || !parsed.success) throw new LaunchError('discovery-failed');
  return parsed.data;
}

/**
 * Completes the code exchange, then leaves nothing behind: fhirclient's stored state is removed and the URL loses
 * every parameter (fhirclient drops `code` and `state`, not the RFC 9207 `iss`), so it is just `/app/`.
 */
async function readyClient() {
  try {
    return await FHIR.oauth2.ready();
  } catch {
    throw new LaunchError('not-launched');
  } finally {
    clearLaunchState();
    window.history.replaceState(null, '', window.location.pathname);
  }
}

/** RFC 9207: when the authorization response names its issuer, it must be the FHIR server's. */
function checkResponseIssuer(responseIssuer: string | null, issuer: string): void {
  if (responseIssuer !== null && responseIssuer !== issuer) throw new LaunchError('issuer-mismatch');
}

/**
 * Completes the SMART launch on the redirect page: exchanges the code (fhirclient, PKCE), removes fhirclient's
 * stored state at once, verifies the id_token with jose against the server's JWKS, and returns the session: the
 * review for the safeguarding lead (routed by the verified `fhirUser`; no patient needed), else the recording flow,
 * which needs the launch patient.
 */
export async function completeLaunch(config: AppConfig): Promise<AppSession> {
  const responseIssuer = new URLSearchParams(window.location.search).get('iss');
  const client = await readyClient();
  const serverUrl = client.state.serverUrl.replace(/\/+$/, '');
  if (!config.allowedIssuers.includes(serverUrl)) throw new LaunchError('unknown-server');
  const token = tokenResponseSchema.safeParse(client.state.tokenResponse);
  if (!token.success) throw new LaunchError('no-patient-context');
  const discovery = await discover(serverUrl);
  checkResponseIssuer(responseIssuer, discovery.issuer);
  const user = await verifyIdToken(token.data.id_token, {
    issuer: discovery.issuer,
    jwksUri: discovery.jwks_uri,
    clientId: config.clientId,
    fhirBaseUrl: serverUrl,
  });
  const fhir = createFhirHttp({ baseUrl: serverUrl, accessToken: token.data.access_token });
  if (user.authorRef === SAFEGUARDING_LEAD_REF) {
    return { kind: 'review', session: { fhir, reviewerRef: user.authorRef } };
  }
  if (token.data.patient === undefined) throw new LaunchError('no-patient-context');
  const prompt = parsePromptContext(token.data.appContext);
  const session: LaunchSession = {
    fhir,
    patientId: token.data.patient,
    ...(token.data.encounter ? { encounterId: token.data.encounter } : {}),
    authorRef: user.authorRef,
    needPatientBanner: token.data.need_patient_banner !== false,
    ...(prompt ? { prompt } : {}),
    serverUrl,
    ...(token.data.restricted_access ? { restrictedAccess: token.data.restricted_access } : {}),
  };
  return { kind: 'recording', session };
}
