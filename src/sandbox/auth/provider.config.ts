import type { JWK } from 'jose';
import {
  type AccessToken,
  type Account,
  type ClientCredentials,
  type Configuration,
  errors,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import type { ScopeGrant } from '../fhir/access.ts';
import type { ClientRegistry } from './client.registry.ts';
import type { LaunchContextStore } from './launch-context.store.ts';
import { renderErrorPage } from './login.page.ts';
import { createMemoryAdapter } from './memory.adapter.ts';
import type { SandboxUser } from './smart-auth.types.ts';
import { AUTH_ROUTES, type AuthUrls, STATIC_SCOPES } from './smart-configuration.ts';
import { splitScope } from './smart-scope.parser.ts';

/** Lifetimes in seconds. Access tokens live an hour at most (SMART 2.2 §Access token response). */
export const TTL = {
  accessToken: 3600,
  authorizationCode: 60,
  idToken: 3600,
  interaction: 600,
  session: 8 * 3600,
  grant: 14 * 24 * 3600,
  refreshToken: 14 * 24 * 3600,
} as const;

export interface ProviderConfigDeps {
  readonly urls: AuthUrls;
  readonly registry: ClientRegistry;
  readonly users: ReadonlyMap<string, SandboxUser>;
  readonly launches: LaunchContextStore;
  readonly signingKeys: readonly JWK[];
  readonly cookieKeys: readonly string[];
}

/** Which scope contexts a request may be granted: `system/` only to client_credentials, never to a user. */
function contextsFor(ctx: KoaContextWithOIDC): ReadonlySet<ScopeGrant['context']> {
  return ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials'
    ? new Set(['system'])
    : new Set(['patient', 'user']);
}

/**
 * The FHIR server as the one resource server. Its scope set is computed per request (oidc-provider grants only
 * scopes the resource server lists): the requested and already granted SMART scopes the client's registration covers.
 */
function resourceServerInfo(deps: ProviderConfigDeps) {
  return (ctx: KoaContextWithOIDC, indicator: string, client: { clientId: string }): ResourceServer => {
    if (indicator !== deps.urls.fhirBase) throw new errors.InvalidTarget();
    const grant = ctx.oidc.entities.Grant;
    const candidates = new Set([
      ...ctx.oidc.requestParamScopes,
      ...splitScope(grant?.getResourceScope(deps.urls.fhirBase)),
    ]);
    const contexts = contextsFor(ctx);
    const scope = [...candidates].filter((s) =>
      deps.registry.allowsResourceScope(client.clientId, s, contexts),
    );
    return {
      scope: scope.join(' '),
      audience: deps.urls.fhirBase,
      accessTokenFormat: 'jwt',
      accessTokenTTL: TTL.accessToken,
      jwt: { sign: { alg: 'RS256' } },
    };
  };
}

/** SMART claims inside JWT access tokens: who (`role`, `fhirUser`) and the launch patient/encounter. */
function extraTokenClaims(deps: ProviderConfigDeps) {
  return (_ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials) => {
    if (token.kind === 'ClientCredentials') return { role: 'system' };
    const user = deps.users.get(token.accountId);
    if (user === undefined) throw new errors.InvalidGrant('unknown account');
    const context = deps.launches.grantContext(token.grantId);
    return {
      role: user.role,
      fhirUser: user.fhirUser,
      ...(context?.patient !== undefined ? { patient: context.patient } : {}),
      ...(context?.encounter !== undefined ? { encounter: context.encounter } : {}),
      ...(context?.breakGlassReason !== undefined ? { break_glass_reason: context.breakGlassReason } : {}),
      ...(token.sid !== undefined ? { sid: token.sid } : {}),
    };
  };
}

function findAccount(deps: ProviderConfigDeps) {
  return (_ctx: KoaContextWithOIDC, sub: string): Account | undefined => {
    const user = deps.users.get(sub);
    if (user === undefined) return undefined;
    return {
      accountId: user.id,
      claims: () => ({ sub: user.id, fhirUser: `${deps.urls.fhirBase}/${user.fhirUser}`, name: user.name }),
    };
  };
}

/** SMART 2.2: `aud` must name the FHIR server the app wants a token for. */
function checkAudience(fhirBase: string) {
  return (_ctx: KoaContextWithOIDC, value: string | undefined) => {
    if (value === undefined) throw new errors.InvalidRequest('aud is required and must be the FHIR base URL');
    if (value.replace(/\/+$/, '') !== fhirBase) throw new errors.InvalidRequest(`aud must be ${fhirBase}`);
  };
}

function checkLaunch(launches: LaunchContextStore) {
  return (_ctx: KoaContextWithOIDC, value: string | undefined) => {
    if (value !== undefined && launches.peek(value) === undefined) {
      throw new errors.InvalidRequest('launch is unknown, already used or expired');
    }
  };
}

/** The break-glass reason as the authorize request states it: 1–500 characters after trimming (or absent). */
export function parseBreakGlassReason(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const reason = value.trim();
  return reason.length >= 1 && reason.length <= 500 ? reason : undefined;
}

function checkBreakGlassReason(_ctx: KoaContextWithOIDC, value: string | undefined): void {
  if (value !== undefined && parseBreakGlassReason(value) === undefined) {
    throw new errors.InvalidRequest('break_glass_reason must state a reason of 1 to 500 characters');
  }
}

/** Refresh tokens for `offline_access`/`online_access`, never for a break-glass grant (access for this session only). */
function issueRefreshToken(launches: LaunchContextStore): Configuration['issueRefreshToken'] {
  return (_ctx, client, code) =>
    client.grantTypeAllowed('refresh_token') &&
    (code.scopes.has('offline_access') || code.scopes.has('online_access')) &&
    launches.grantContext(String(code.grantId))?.breakGlassReason === undefined;
}

function features(deps: ProviderConfigDeps): Configuration['features'] {
  return {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: {
      enabled: true,
      allowedPolicy: (_ctx, client, token) =>
        client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
    },
    revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => deps.urls.fhirBase,
      useGrantedResource: () => true,
      getResourceServerInfo: resourceServerInfo(deps),
    },
  };
}

const TTL_CONFIG: Configuration['ttl'] = {
  AccessToken: TTL.accessToken,
  AuthorizationCode: TTL.authorizationCode,
  ClientCredentials: TTL.accessToken,
  IdToken: TTL.idToken,
  Interaction: TTL.interaction,
  Session: TTL.session,
  Grant: TTL.grant,
  RefreshToken: TTL.refreshToken,
};

const renderError: Configuration['renderError'] = (ctx, out) => {
  const page = renderErrorPage(String(out.error), out.error_description);
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', page.csp);
  ctx.body = page.html;
};

/**
 * Trap 4 (sandbox-spike.md §3): only the grant the current interaction created is ever used, so a second launch in
 * the same browser cannot inherit the first one's patient. The interaction always makes one (see interaction.routes).
 */
const loadExistingGrant: Configuration['loadExistingGrant'] = (ctx) => {
  const grantId = ctx.oidc.result?.consent?.grantId;
  return grantId === undefined ? undefined : ctx.oidc.provider.Grant.find(grantId);
};

/**
 * The oidc-provider configuration for a SMART App Launch 2.2 authorization server: JWT access tokens for the FHIR
 * base, PKCE S256 always, `aud` and `launch` checked, fhirUser in the id_token, refresh tokens for
 * `offline_access`/`online_access` (not for break-glass), and the custom `break_glass_reason` authorize parameter. Traps 1 and 3 of the spike are fixed in the express pre-handlers
 * (oauth-request.rewrite.ts), trap 2 in the token post-middleware, trap 4 by {@link loadExistingGrant}.
 */
export function buildProviderConfiguration(deps: ProviderConfigDeps): Configuration {
  const { urls, registry } = deps;
  return {
    adapter: createMemoryAdapter(),
    clients: registry.oidcMetadata(),
    jwks: { keys: deps.signingKeys.map((k) => ({ ...k })) },
    cookies: {
      keys: [...deps.cookieKeys],
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    routes: { ...AUTH_ROUTES },
    scopes: [...STATIC_SCOPES],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    extraParams: {
      launch: checkLaunch(deps.launches),
      aud: checkAudience(urls.fhirBase),
      break_glass_reason: checkBreakGlassReason,
    },
    findAccount: findAccount(deps),
    extraTokenClaims: extraTokenClaims(deps),
    loadExistingGrant,
    issueRefreshToken: issueRefreshToken(deps.launches),
    interactions: {
      url: (_ctx, interaction) => `${new URL(urls.issuer).pathname}/interaction/${interaction.uid}`,
    },
    clientBasedCORS: (_ctx, origin, client) => registry.redirectOrigins(client.clientId).includes(origin),
    renderError,
    features: features(deps),
    ttl: TTL_CONFIG,
  };
}
