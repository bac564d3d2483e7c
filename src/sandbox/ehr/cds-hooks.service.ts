import { randomUUID } from 'node:crypto';
import { allowsOverrideComment, type Card } from './cds.schema.ts';
import type { CdsService, DiscoveryClient } from './cds-discovery.client.ts';
import type { CdsServiceClient, FeedbackItem, ServiceCall } from './cds-service.client.ts';
import { invalid, notFound } from './ehr.errors.ts';
import {
  type CardRef,
  findCard,
  type HookInvocation,
  type HookInvocationStore,
  type ServiceCards,
} from './hook-invocation.store.ts';
import { buildHookContext, type EhrHook } from './hook-request.builder.ts';
import { type EhrUser, userReference } from './sandbox-users.ts';

export interface FireHookInput {
  readonly hook: EhrHook;
  readonly user: EhrUser;
  readonly patientId: string;
  readonly encounterId?: string;
  readonly sendPrefetch: boolean;
}

/** A service to call, or a discovery endpoint that failed (no service). */
interface ServiceTarget {
  readonly discoveryUrl: string;
  readonly service?: CdsService;
}

export interface FeedbackInput {
  readonly user: EhrUser;
  readonly hookInstance: string;
  readonly serviceIndex: number;
  readonly cardIndex: number;
  readonly outcome: 'accepted' | 'overridden';
  readonly suggestionIndexes?: readonly number[];
  readonly reasonIndex?: number;
  readonly comment?: string;
}

/** `sent`: the service took it; `failed`: it did not; `not-sent`: the card has no uuid, so no feedback exists. */
export type FeedbackResult = 'sent' | 'failed' | 'not-sent';

export interface CdsHooksServiceDeps {
  readonly discoveryUrls: readonly string[];
  readonly discovery: DiscoveryClient;
  readonly client: CdsServiceClient;
  readonly store: HookInvocationStore;
  readonly now: () => Date;
  readonly timeoutMs: number;
  readonly log: (event: string, fields: Readonly<Record<string, string | number>>) => void;
}

/**
 * Roles the EHR fires hooks for. Decision support is for clinicians (domain.md, "Who uses the product"), and only
 * for roles that may read restricted records: for anyone else the FHIR server hides the DVA record, so the service
 * could not see a disclosure or an earlier enquiry and would prompt to ask again.
 */
export const HOOK_ROLES: ReadonlySet<EhrUser['role']> = new Set(['gp', 'mh-clinician', 'safeguarding-lead']);

export class CdsHooksService {
  readonly #deps: CdsHooksServiceDeps;

  constructor(deps: CdsHooksServiceDeps) {
    this.#deps = deps;
  }

  /** Discovers (cached) and calls every service registered for the hook, in parallel; stores the result. */
  async fire(input: FireHookInput): Promise<HookInvocation> {
    const hookInstance = randomUUID();
    const encounter = input.encounterId === undefined ? {} : { encounterId: input.encounterId };
    const context = buildHookContext(input.hook, {
      userId: userReference(input.user),
      patientId: input.patientId,
      ...encounter,
    });
    const targets = HOOK_ROLES.has(input.user.role) ? await this.#servicesFor(input.hook) : [];
    const services = await Promise.all(
      targets.map((t) => this.#call(t, { ...input, hookInstance, context })),
    );
    const invocation: HookInvocation = {
      hookInstance,
      hook: input.hook,
      userId: input.user.id,
      patientId: input.patientId,
      ...encounter,
      services,
      createdAt: this.#deps.now().getTime(),
    };
    this.#deps.store.put(invocation);
    return invocation;
  }

  /** One service's cards; a failed discovery or call becomes a `failed` entry (logged by id and reason only). */
  async #call(target: ServiceTarget, call: Omit<ServiceCall, 'service'>): Promise<ServiceCards> {
    const { service } = target;
    if (service === undefined) {
      return { serviceId: '', serviceUrl: target.discoveryUrl, status: 'failed', cards: [] };
    }
    const outcome = await this.#deps.client.invoke({ ...call, service });
    if (outcome.status === 'failed') {
      this.#deps.log('cds-service-failed', { service: service.id, reason: outcome.reason });
      return { serviceId: service.id, serviceUrl: service.url, status: 'failed', cards: [] };
    }
    if (outcome.dropped > 0)
      this.#deps.log('cds-cards-invalid', { service: service.id, count: outcome.dropped });
    return { serviceId: service.id, serviceUrl: service.url, status: 'ok', cards: outcome.cards };
  }

  async #servicesFor(hook: EhrHook): Promise<ServiceTarget[]> {
    const signal = AbortSignal.timeout(this.#deps.timeoutMs);
    const results = await Promise.all(
      this.#deps.discoveryUrls.map((url) => this.#deps.discovery.discover(url, signal)),
    );
    return results.flatMap((r) => {
      if (r.services === undefined) {
        this.#deps.log('cds-discovery-failed', { discoveryUrl: r.discoveryUrl });
        return [{ discoveryUrl: r.discoveryUrl }];
      }
      return r.services
        .filter((s) => s.hook === hook)
        .map((service) => ({ discoveryUrl: r.discoveryUrl, service }));
    });
  }

  /** A card of an invocation made by this user; 404 for anything else, so ids cannot be probed. */
  findCard(user: EhrUser, hookInstance: string, serviceIndex: number, cardIndex: number): CardRef {
    const invocation = this.#deps.store.get(hookInstance, this.#deps.now().getTime());
    if (!invocation || invocation.userId !== user.id) throw notFound('unknown-hook-instance');
    const ref = findCard(invocation, serviceIndex, cardIndex);
    if (!ref) throw notFound('unknown-card');
    return ref;
  }

  /** Builds and posts one feedback item (CDS Hooks 2.0 "Feedback") from the stored card. */
  async feedback(input: FeedbackInput): Promise<FeedbackResult> {
    const ref = this.findCard(input.user, input.hookInstance, input.serviceIndex, input.cardIndex);
    const item = this.#feedbackItem(ref, input);
    if (item === undefined) return 'not-sent';
    const ok = await this.#deps.client.sendFeedback(ref.service.serviceUrl, [item]);
    if (!ok) this.#deps.log('cds-feedback-failed', { service: ref.service.serviceId });
    return ok ? 'sent' : 'failed';
  }

  /** `accepted` feedback for a launched SMART link (only when configured: see EhrOptions.smartLinkFeedback). */
  async linkLaunched(ref: CardRef): Promise<void> {
    if (ref.card.uuid === undefined) return;
    const item: FeedbackItem = {
      card: ref.card.uuid,
      outcome: 'accepted',
      outcomeTimestamp: this.#deps.now().toISOString(),
    };
    await this.#deps.client.sendFeedback(ref.service.serviceUrl, [item]);
  }

  #feedbackItem(ref: CardRef, input: FeedbackInput): FeedbackItem | undefined {
    const outcomeTimestamp = this.#deps.now().toISOString();
    return input.outcome === 'accepted'
      ? acceptedItem(ref.card, input.suggestionIndexes ?? [], outcomeTimestamp)
      : overriddenItem(ref.card, input, outcomeTimestamp);
  }
}

/**
 * `accepted` with the chosen suggestions' uuids; undefined when the card or a suggestion has no uuid ("the CDS
 * client does not send a notification", CDS Hooks 2.0 "Suggestion accepted").
 */
function acceptedItem(
  card: Card,
  indexes: readonly number[],
  outcomeTimestamp: string,
): FeedbackItem | undefined {
  const chosen = indexes.map((i) => card.suggestions?.[i]);
  if (chosen.length === 0 || chosen.some((s) => s === undefined)) {
    throw invalid('unknown-suggestion', 'Unknown suggestion');
  }
  if (card.selectionBehavior === 'at-most-one' && chosen.length > 1) {
    throw invalid('too-many-suggestions', 'Only one suggestion may be accepted');
  }
  const ids = chosen.flatMap((s) => (s?.uuid ? [{ id: s.uuid }] : []));
  if (card.uuid === undefined || ids.length !== chosen.length) return undefined;
  return { card: card.uuid, outcome: 'accepted', acceptedSuggestions: ids, outcomeTimestamp };
}

/** `overridden`, with the chosen reason (a Coding from the card) and a comment only where the card allows one. */
function overriddenItem(
  card: Card,
  input: FeedbackInput,
  outcomeTimestamp: string,
): FeedbackItem | undefined {
  const reason = input.reasonIndex === undefined ? undefined : card.overrideReasons?.[input.reasonIndex];
  if (input.reasonIndex !== undefined && reason === undefined) {
    throw invalid('unknown-reason', 'Unknown override reason');
  }
  const userComment = allowedComment(card, input.comment);
  if (card.uuid === undefined) return undefined;
  const overrideReason = { ...(reason ? { reason } : {}), ...(userComment ? { userComment } : {}) };
  return {
    card: card.uuid,
    outcome: 'overridden',
    ...(Object.keys(overrideReason).length ? { overrideReason } : {}),
    outcomeTimestamp,
  };
}

function allowedComment(card: Card, comment: string | undefined): string | undefined {
  const trimmed = comment?.trim();
  if (!trimmed) return undefined;
  if (!allowsOverrideComment(card)) {
    throw invalid('comment-not-allowed', 'This card does not accept comments');
  }
  return trimmed;
}
