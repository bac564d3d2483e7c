import { randomBytes } from 'node:crypto';
import type { LaunchContext } from './smart-auth.types.ts';

/** How long an EHR launch value stays usable (it is also single-use). */
export const LAUNCH_TTL_SECONDS = 300;

/** The launch context granted with one authorization, returned at the token endpoint (SMART 2.2 §Launch context). */
export interface GrantContext {
  readonly patient?: string;
  readonly encounter?: string;
  readonly fhirContext?: readonly { reference: string }[];
  readonly needPatientBanner?: boolean;
  readonly appContext?: string;
  /** Break-glass for this grant's tokens, with the stated reason (access tokens carry `break_glass_reason`). */
  readonly breakGlassReason?: string;
  /** The user lacks the restricted-record privilege (told to the app as `restricted_access`). */
  readonly unprivileged?: true;
}

interface Expiring<T> {
  readonly value: T;
  readonly expiresAt: number;
}

export interface LaunchContextStore {
  /** A new opaque launch value (128 random bits) bound to the context. */
  create(context: LaunchContext): string;
  /** The context of a live, unused launch, without using it up. */
  peek(launch: string): LaunchContext | undefined;
  /** Uses a launch up: later calls with the same value find nothing. */
  take(launch: string): LaunchContext | undefined;
  bindGrant(grantId: string, context: GrantContext, ttlSeconds: number): void;
  grantContext(grantId: string): GrantContext | undefined;
}

function live<T>(map: Map<string, Expiring<T>>, key: string, nowMs: number): T | undefined {
  const entry = map.get(key);
  if (entry === undefined) return undefined;
  if (entry.expiresAt <= nowMs) {
    map.delete(key);
    return undefined;
  }
  return entry.value;
}

function prune<T>(map: Map<string, Expiring<T>>, nowMs: number): void {
  for (const [key, entry] of map) if (entry.expiresAt <= nowMs) map.delete(key);
}

/** In-memory launch and grant-context store (like oidc-provider's own memory adapter, lost on restart). */
export function createLaunchContextStore(now: () => Date): LaunchContextStore {
  const launches = new Map<string, Expiring<LaunchContext>>();
  const grants = new Map<string, Expiring<GrantContext>>();
  return {
    create(context) {
      const nowMs = now().getTime();
      prune(launches, nowMs);
      const id = randomBytes(16).toString('base64url');
      launches.set(id, { value: context, expiresAt: nowMs + LAUNCH_TTL_SECONDS * 1000 });
      return id;
    },
    peek: (launch) => live(launches, launch, now().getTime()),
    take(launch) {
      const context = live(launches, launch, now().getTime());
      launches.delete(launch);
      return context;
    },
    bindGrant(grantId, context, ttlSeconds) {
      const nowMs = now().getTime();
      prune(grants, nowMs);
      grants.set(grantId, { value: context, expiresAt: nowMs + ttlSeconds * 1000 });
    },
    grantContext: (grantId) => live(grants, grantId, now().getTime()),
  };
}
