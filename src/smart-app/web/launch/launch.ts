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

/**
 * Break the glass: authorises again (standalone, for the same FHIR server, recording scopes) with the stated reason as
 * the sandbox's `break_glass_reason` authorize parameter. The server records it with the grant, so this session's
 * token may read restricted records, each read audited as ETREAT with the reason; no refresh token is issued.
 */
export async function startBreakGlass(config: AppConfig, iss: string, reason: string): Promise<void> {
  const stated = reason.trim();
  if (stated.length === 0 || stated.length > BREAK_GLASS_REASON_MAX) throw new Error('break-glass-reason');
  const url = await FHIR.oauth2.authorize({
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    iss,
    scope: config.scopes.standalone,
    pkceMode: 'required',
    stateKey: crypto.randomUUID(),
    completeInTarget: true,
    noRedirect: true,
  });
  if (typeof url !== 'string') throw new Error('break-glass-unavailable');
  const target = new URL(url);
  target.searchParams.set('break_glass_reason', stated);
  window.location.assign(target.toString());
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
 * frame, with the scopes for this entry (recording or safeguarding) and kind of launch.
 */
export async function startLaunch(
  plan: Exclude<LaunchPlan, { kind: 'refused' }>,
  config: AppConfig,
  entry: AppEntry = 'recording',
): Promise<void> {
  const scopes = entry === 'safeguarding' ? config.reviewScopes : config.scopes;
  await FHIR.oauth2.authorize({
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    iss: plan.iss,
    ...(plan.kind === 'ehr' ? { launch: plan.launch } : {}),
    scope: plan.kind === 'ehr' ? scopes.ehr : scopes.standalone,
    pkceMode: 'required',
    stateKey: crypto.randomUUID(),
    completeInTarget: true,
  });
}
