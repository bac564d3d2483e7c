import type { Card } from './cds.schema.ts';
import type { EhrHook } from './hook-request.builder.ts';

const TTL_MS = 2 * 60 * 60 * 1000;
const MAX_ENTRIES = 1000;

/** What one service returned for one hook instance. */
export interface ServiceCards {
  readonly serviceId: string;
  readonly serviceUrl: string;
  readonly status: 'ok' | 'failed';
  readonly cards: readonly Card[];
}

/**
 * One hook firing, kept server-side so that feedback and SMART links are resolved from what the service really
 * sent (the page only names hook instance, service index and card index; it never supplies a URL).
 */
export interface HookInvocation {
  readonly hookInstance: string;
  readonly hook: EhrHook;
  readonly userId: string;
  readonly patientId: string;
  readonly encounterId?: string;
  readonly services: readonly ServiceCards[];
  readonly createdAt: number;
}

export interface HookInvocationStore {
  put(invocation: HookInvocation): void;
  get(hookInstance: string, now: number): HookInvocation | undefined;
  clear(): void;
}

/** An in-memory store, oldest entries evicted first, entries expiring after two hours. */
export function createHookInvocationStore(): HookInvocationStore {
  const entries = new Map<string, HookInvocation>();
  return {
    put(invocation) {
      entries.set(invocation.hookInstance, invocation);
      while (entries.size > MAX_ENTRIES) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    get(hookInstance, now) {
      const found = entries.get(hookInstance);
      if (found && now - found.createdAt > TTL_MS) {
        entries.delete(hookInstance);
        return undefined;
      }
      return found;
    },
    clear() {
      entries.clear();
    },
  };
}

export interface CardRef {
  readonly invocation: HookInvocation;
  readonly service: ServiceCards;
  readonly card: Card;
}

/** Finds a card by its position (service index, card index) within an invocation. */
export function findCard(
  invocation: HookInvocation,
  serviceIndex: number,
  cardIndex: number,
): CardRef | undefined {
  const service = invocation.services[serviceIndex];
  const card = service?.cards[cardIndex];
  return service && card ? { invocation, service, card } : undefined;
}
