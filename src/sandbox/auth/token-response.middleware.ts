import type { KoaContextWithOIDC } from 'oidc-provider';
import type { LaunchContextStore } from './launch-context.store.ts';
import { splitScope } from './smart-scope.parser.ts';

type Next = () => Promise<unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every scope granted to this token request: the JWT's resource scopes plus the identity/launch scopes. */
function grantedScope(ctx: KoaContextWithOIDC, resourceScope: unknown): string | undefined {
  const grant = ctx.oidc.entities.Grant;
  const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
  if (grant === undefined || source === undefined) return undefined;
  const identity = splitScope(grant.getOIDCScopeFiltered(source.scopes));
  const resource = splitScope(typeof resourceScope === 'string' ? resourceScope : undefined);
  return [...new Set([...identity, ...resource])].join(' ');
}

/**
 * Koa post-middleware on the token endpoint (SMART 2.2 §Access token response):
 * - trap 2: `scope` lists everything granted (fhirclient looks for `offline_access` there before refreshing);
 * - the launch context bound to the grant goes top level: `patient`, `encounter`, `fhirContext`,
 *   `need_patient_banner`, and `appContext` (CDS Hooks 2.0 link.appContext);
 * - for a user without the restricted-record privilege, `restricted_access`: `none`, or `break-glass` once the glass
 *   is broken (a sandbox extension, so the app can offer "Request emergency access"; never the reason itself).
 */
export function tokenResponseMiddleware(launches: LaunchContextStore) {
  return async (ctx: KoaContextWithOIDC, next: Next): Promise<void> => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200 || !isRecord(ctx.body)) return;
    const body = ctx.body;
    const scope = grantedScope(ctx, body.scope);
    if (scope !== undefined) body.scope = scope;
    const grantId = ctx.oidc.entities.Grant?.jti;
    const context = grantId === undefined ? undefined : launches.grantContext(grantId);
    if (context === undefined) return;
    if (context.patient !== undefined) body.patient = context.patient;
    if (context.encounter !== undefined) body.encounter = context.encounter;
    if (context.fhirContext !== undefined) body.fhirContext = context.fhirContext.map((c) => ({ ...c }));
    if (context.appContext !== undefined) body.appContext = context.appContext;
    if (context.needPatientBanner !== undefined) body.need_patient_banner = context.needPatientBanner;
    if (context.unprivileged) body.restricted_access = context.breakGlassReason ? 'break-glass' : 'none';
  };
}
