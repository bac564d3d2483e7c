import { type Card, type OverrideReason, parseCards, serviceResponseSchema } from './cds.schema.ts';
import type { CdsService } from './cds-discovery.client.ts';
import type { ClientJwtSigner } from './client-jwt.signer.ts';
import type { MintAccessTokenRequest } from './ehr.types.ts';
import { buildHookRequest, type EhrHook, type FhirAuthorization } from './hook-request.builder.ts';
import { fetchPrefetch } from './prefetch.fetcher.ts';
import { type EhrUser, userReference } from './sandbox-users.ts';

/** Lifetime of the `fhirAuthorization` token; CDS Hooks 2.0 says it SHOULD be very short. */
export const FHIR_TOKEN_TTL_SECONDS = 300;
/** SMART v2 read+search on the patient's compartment only. */
export const FHIR_TOKEN_SCOPE = 'patient/*.rs';

export interface ServiceCall {
  readonly service: CdsService;
  readonly hook: EhrHook;
  readonly hookInstance: string;
  readonly context: Record<string, string>;
  readonly user: EhrUser;
  readonly patientId: string;
  readonly sendPrefetch: boolean;
}

export type ServiceOutcome =
  | { readonly status: 'ok'; readonly cards: Card[]; readonly dropped: number }
  | { readonly status: 'failed'; readonly reason: string };

/** One feedback item of CDS Hooks 2.0 "Feedback". */
export interface FeedbackItem {
  readonly card: string;
  readonly outcome: 'accepted' | 'overridden';
  readonly acceptedSuggestions?: { id: string }[];
  readonly overrideReason?: { reason?: OverrideReason; userComment?: string };
  readonly outcomeTimestamp: string;
}

export interface CdsServiceClientConfig {
  readonly signer: ClientJwtSigner;
  readonly fetch: typeof fetch;
  readonly now: () => Date;
  readonly mintAccessToken: (request: MintAccessTokenRequest) => Promise<string>;
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  readonly timeoutMs: number;
}

export interface CdsServiceClient {
  /** Calls one service; never throws. */
  invoke(call: ServiceCall): Promise<ServiceOutcome>;
  /** Posts feedback; true when the service answered 2xx. Never throws. */
  sendFeedback(serviceUrl: string, items: readonly FeedbackItem[]): Promise<boolean>;
}

async function postJson(config: CdsServiceClientConfig, url: string, body: unknown, signal: AbortSignal) {
  return config.fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${await config.signer.sign(url)}`,
    },
    body: JSON.stringify(body),
    signal,
    redirect: 'error',
  });
}

/** The token is minted for this service (subject = its client id) and this user, confined to the patient. */
async function authorize(config: CdsServiceClientConfig, call: ServiceCall): Promise<FhirAuthorization> {
  const accessToken = await config.mintAccessToken({
    clientId: config.clientId,
    role: call.user.role,
    scope: FHIR_TOKEN_SCOPE,
    fhirUser: userReference(call.user),
    patient: call.patientId,
    ttlSeconds: FHIR_TOKEN_TTL_SECONDS,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: FHIR_TOKEN_TTL_SECONDS,
    scope: FHIR_TOKEN_SCOPE,
    subject: config.clientId,
    patient: call.patientId,
  };
}

async function invokeOnce(
  config: CdsServiceClientConfig,
  call: ServiceCall,
  signal: AbortSignal,
): Promise<ServiceOutcome> {
  const fhirAuthorization = await authorize(config, call);
  const templates = call.sendPrefetch ? call.service.prefetch : undefined;
  const prefetch = templates
    ? await fetchPrefetch(templates, call.context, config.now(), {
        fhirBaseUrl: config.fhirBaseUrl,
        accessToken: fhirAuthorization.access_token,
        fetch: config.fetch,
        signal,
      })
    : undefined;
  const body = buildHookRequest({
    hook: call.hook,
    hookInstance: call.hookInstance,
    fhirServer: config.fhirBaseUrl,
    fhirAuthorization,
    context: call.context,
    ...(prefetch ? { prefetch: prefetch.prefetch } : {}),
  });
  const response = await postJson(config, call.service.url, body, signal);
  if (!response.ok) {
    await response.body?.cancel();
    return { status: 'failed', reason: `http-${response.status}` };
  }
  const parsed = serviceResponseSchema.safeParse(await response.json());
  if (!parsed.success) return { status: 'failed', reason: 'bad-response' };
  return { status: 'ok', ...parseCards(parsed.data.cards) };
}

function failureReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  return 'error';
}

export function createCdsServiceClient(config: CdsServiceClientConfig): CdsServiceClient {
  return {
    async invoke(call) {
      try {
        return await invokeOnce(config, call, AbortSignal.timeout(config.timeoutMs));
      } catch (err) {
        return { status: 'failed', reason: failureReason(err) };
      }
    },
    /** The JWT `aud` is the feedback endpoint itself: "the URL of the CDS Service endpoint being invoked". */
    async sendFeedback(serviceUrl, items) {
      try {
        const url = `${serviceUrl}/feedback`;
        const response = await postJson(
          config,
          url,
          { feedback: items },
          AbortSignal.timeout(config.timeoutMs),
        );
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
