import FHIR from 'fhirclient';
import type { AppConfig, AppEntry } from '../../shared/index.ts';

/** Which launch this page load is, or why it cannot be one. */
export type LaunchPlan =
  | { readonly kind: 'ehr'; readonly iss: string; readonly launch: string }
  | { readonly kind: 'standalone'; readonly iss: string }
  | { readonly kind: 'refused'; readonly reason: 'unknown-server' };

const trimmed = (url: string) => url.replace(/\/+$/, '');

/** The longest break-the-glass reason the authorization server accepts. */
export const BREAK_GLASS_REASON_MAX = 500;

/** Where the stated reason waits for the one page load between the app and the authorization request. */
const BREAK_GLASS_KEY = 'safe-enquiry-break-glass';

/** A reason the authorization server accepts: 1–500 characters once trimmed. */
export function validBreakGlassReason(reason: string): string | undefined {
  const stated = reason.trim();
  return stated.length > 0 && stated.length <= BREAK_GLASS_REASON_MAX ? stated : undefined;
}

/**
 * Break the glass: reloads the launch page for a standalone launch against the same FHIR server, handing over the
 * stated reason in sessionStorage (read and removed at once by {@link startLaunch}; never in the app's own URL; it
 * travels to the server only as the authorize request's parameter). A fresh page load is needed because fhirclient
 * keeps the first URL it saw (with the old `iss`).
 */
export function requestBreakGlass(config: AppConfig, iss: string, reason: string): void {
  const stated = validBreakGlassReason(reason);
  if (stated === undefined) throw new Error('break-glass-reason');
  sessionStorage.setItem(BREAK_GLASS_KEY, stated);
  const target = new URL('launch', config.redirectUri);
  target.searchParams.set('iss', iss);
  window.location.assign(target.toString());
}

function takeBreakGlassReason(): string | undefined {
  const reason = sessionStorage.getItem(BREAK_GLASS_KEY);
  sessionStorage.removeItem(BREAK_GLASS_KEY);
  return reason === null ? undefined : validBreakGlassReason(reason);
}

/** The entry a launch URL names: `/app/safeguarding/launch` is the safeguarding worklist's, else recording. */
export function entryOf(pathname: string): AppEntry {
  return /\/safeguarding\/launch\/?$/.test(pathname) ? 'safeguarding' : 'recording';
}

/** EHR launch with `iss` and `launch`; standalone (to the configured FHIR base) without. */
export function planLaunch(search: string, config: AppConfig): LaunchPlan {
  const params = new URLSearchParams(search);
  const iss = params.get('iss');
  const launch = params.get('launch');
  if (iss === null) return { kind: 'standalone', iss: config.fhirBaseUrl };
  if (!config.allowedIssuers.includes(trimmed(iss))) return { kind: 'refused', reason: 'unknown-server' };
  return launch ? { kind: 'ehr', iss, launch } : { kind: 'standalone', iss };
}

/**
 * Starts the SMART App Launch 2.2 authorization (fhirclient): PKCE required (S256), `state` from the Web Crypto
 * random UUID (122 random bits, as SMART asks; fhirclient's default uses Math.random), completed in this window or
 * frame, with the scopes for this entry (recording or safeguarding) and kind of launch. A pending break-the-glass
 * reason (standalone recording launch only) goes to the server as the sandbox's `break_glass_reason` parameter.
 */
export async function startLaunch(
  plan: Exclude<LaunchPlan, { kind: 'refused' }>,
  config: AppConfig,
  entry: AppEntry = 'recording',
): Promise<void> {
  const scopes = entry === 'safeguarding' ? config.reviewScopes : config.scopes;
  const reason = takeBreakGlassReason();
  const url = await FHIR.oauth2.authorize({
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    iss: plan.iss,
    ...(plan.kind === 'ehr' ? { launch: plan.launch } : {}),
    scope: plan.kind === 'ehr' ? scopes.ehr : scopes.standalone,
    pkceMode: 'required',
    stateKey: crypto.randomUUID(),
    completeInTarget: true,
    noRedirect: true,
  });
  if (typeof url !== 'string') throw new Error('authorize-failed');
  const target = new URL(url);
  if (reason !== undefined && plan.kind === 'standalone' && entry === 'recording') {
    target.searchParams.set('break_glass_reason', reason);
  }
  window.location.assign(target.toString());
}
