import { randomUUID } from 'node:crypto';
import type { CdsCard, CdsServiceResponse } from '../../../src/hooks/index.ts';
import type { SandboxRole } from '../../../src/sandbox/fhir/access.ts';
import type { SeedRuleId } from '../../../src/sandbox/seed/index.ts';
import { type CdsTestClient, fetchJson, type JsonReply, postSigned } from './cds-client.ts';
import type { RunningSandbox } from './sandbox.ts';

/** A service from the CDS discovery document. */
export interface DiscoveredService {
  readonly hook: string;
  readonly id: string;
  readonly prefetch?: Record<string, string>;
}

export interface HookCall {
  readonly hook: 'patient-view' | 'encounter-start';
  readonly userId: string;
  readonly patientId: string;
  readonly encounterId?: string | undefined;
  /** Resolve the service's prefetch templates and send them (true), or send none so the service calls back. */
  readonly withPrefetch: boolean;
  /** Whose token fetches the data (default `userId`): lets a test send a clinician's data with another user. */
  readonly dataUserId?: string;
}

const ROLE_OF_USER: Readonly<Record<string, SandboxRole>> = {
  'Practitioner/sandbox-gp': 'gp',
  'Practitioner/sandbox-mh-clinician': 'mh-clinician',
  'Practitioner/sandbox-safeguarding-lead': 'safeguarding-lead',
  'Practitioner/sandbox-data-lead': 'data-lead',
};

/** Seed rule ids (src/sandbox/seed) of the service's rule ids (src/hooks RULE_IDS), where they differ. */
const SEED_RULE_OF: Readonly<Record<string, SeedRuleId>> = {
  'repeat-self-harm': 'repeat-self-harm',
  'diagnostic-overshadowing': 'diagnostic-overshadowing',
  'routine-enquiry': 'routine-enquiry-due',
  'whole-family': 'camhs-whole-family',
};

/** The `fhirAuthorization` an EHR gives the service: a short token for this user, confined to the patient. */
async function fhirAuthorization(s: RunningSandbox, call: HookCall) {
  const user = call.dataUserId ?? call.userId;
  const role = ROLE_OF_USER[user];
  if (!role) throw new Error(`no sandbox role for ${user}`);
  const scope = 'patient/*.rs';
  const accessToken = await s.token({
    clientId: 'safe-enquiry-service',
    role,
    scope,
    fhirUser: user,
    patient: call.patientId,
    ttlSeconds: 300,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: 300,
    scope,
    subject: 'safe-enquiry-service',
    patient: call.patientId,
  };
}

/**
 * Resolves CDS Hooks 2.0 prefetch templates as an EHR does: `{{context.x}}` replaced by the context value, a key
 * whose token has no value left out, each query run against the FHIR server with the user's token; a failed
 * query is left out (the service then fetches it itself).
 */
export async function resolvePrefetch(
  fhirBase: string,
  templates: Readonly<Record<string, string>>,
  context: Readonly<Record<string, string>>,
  accessToken: string,
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(templates).map(async ([key, template]) => {
      let complete = true;
      const query = template.replace(/\{\{context\.(\w+)\}\}/g, (_m, field: string) => {
        const value = context[field];
        if (value === undefined) complete = false;
        return encodeURIComponent(value ?? '');
      });
      if (!complete) return undefined;
      const reply = await fetchJson(`${fhirBase}/${query}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/fhir+json' },
      });
      return reply.status === 200 ? ([key, reply.body] as const) : undefined;
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}

/** A service's answer and the `hookInstance` the call carried. */
export type HookReply = JsonReply<CdsServiceResponse> & { readonly hookInstance: string };

/** Calls `/cds-services/{id}` the way an EHR does, with a client JWT, `fhirServer` and `fhirAuthorization`. */
export async function callHook(
  s: RunningSandbox,
  client: CdsTestClient,
  service: DiscoveredService,
  call: HookCall,
): Promise<HookReply> {
  const auth = await fhirAuthorization(s, call);
  const context: Record<string, string> = {
    userId: call.userId,
    patientId: call.patientId,
    ...(call.encounterId === undefined ? {} : { encounterId: call.encounterId }),
  };
  const prefetch = call.withPrefetch
    ? await resolvePrefetch(s.fhirBase, service.prefetch ?? {}, context, auth.access_token)
    : undefined;
  const hookInstance = randomUUID();
  const body = {
    hook: call.hook,
    hookInstance,
    fhirServer: s.fhirBase,
    fhirAuthorization: auth,
    context,
    ...(prefetch ? { prefetch } : {}),
  };
  const reply = await postSigned<CdsServiceResponse>(client, `${s.base}/cds-services/${service.id}`, body);
  return { ...reply, hookInstance };
}

/** What a card's SMART link tells the app (`link.appContext`, JSON): the card kind and the rules that fired. */
export interface CardAppContext {
  readonly hookInstance: string;
  readonly card: string;
  readonly kind: string;
  readonly rules: readonly string[];
}

export function appContextOf(card: CdsCard): CardAppContext | undefined {
  const raw = card.links?.find((l) => l.appContext !== undefined)?.appContext;
  return raw === undefined ? undefined : (JSON.parse(raw) as CardAppContext);
}

/**
 * The rules a response fired, in the seed's vocabulary: a review card is `disclosure-on-record-review` alone;
 * otherwise the card's rules, renamed. Sorted, without duplicates.
 */
export function firedSeedRules(response: CdsServiceResponse | undefined): SeedRuleId[] {
  const fired = new Set<SeedRuleId>();
  for (const card of response?.cards ?? []) {
    const context = appContextOf(card);
    if (context?.kind === 'review') {
      fired.add('disclosure-on-record-review');
      continue;
    }
    for (const rule of context?.rules ?? []) {
      const seedRule = SEED_RULE_OF[rule];
      if (!seedRule) throw new Error(`the service fired a rule the seed does not know: ${rule}`);
      fired.add(seedRule);
    }
  }
  return [...fired].sort();
}
