import type { ClientMetadata } from 'oidc-provider';
import type { ScopeGrant } from '../fhir/access.ts';
import type { SmartClientConfig } from './smart-auth.types.ts';
import { STATIC_SCOPES } from './smart-configuration.ts';
import { parseSmartScope, parseSmartScopes, scopeCovers, splitScope } from './smart-scope.parser.ts';

type ScopeContext = ScopeGrant['context'];

/** The registered clients and what each may be granted. */
export interface ClientRegistry {
  readonly clients: readonly SmartClientConfig[];
  get(clientId: string): SmartClientConfig | undefined;
  /** Identity and launch scopes the client may receive. */
  staticScopes(clientId: string): ReadonlySet<string>;
  /** True when `scope` is a SMART resource scope in one of `contexts` that the client's registration covers. */
  allowsResourceScope(clientId: string, scope: string, contexts: ReadonlySet<ScopeContext>): boolean;
  /** Origins of every registered redirect URI (for CORS and the login page's form-action). */
  redirectOrigins(clientId?: string): string[];
  /** oidc-provider client metadata (static clients). */
  oidcMetadata(): ClientMetadata[];
}

const KNOWN_STATIC: ReadonlySet<string> = new Set(STATIC_SCOPES);

function toMetadata(client: SmartClientConfig, statics: readonly string[]): ClientMetadata {
  const auth = client.public
    ? { token_endpoint_auth_method: 'none' as const }
    : {
        token_endpoint_auth_method: 'client_secret_basic' as const,
        client_secret: client.clientSecret ?? '',
      };
  return {
    client_id: client.clientId,
    ...auth,
    redirect_uris: [...client.redirectUris],
    grant_types: [...client.grantTypes],
    response_types: client.grantTypes.includes('authorization_code') ? ['code'] : [],
    ...(statics.length > 0 ? { scope: statics.join(' ') } : {}),
  };
}

/** Builds the registry; confidential clients must already carry a secret. */
export function createClientRegistry(clients: readonly SmartClientConfig[]): ClientRegistry {
  const byId = new Map(clients.map((c) => [c.clientId, c]));
  const statics = new Map(
    clients.map((c) => [c.clientId, splitScope(c.scope).filter((s) => KNOWN_STATIC.has(s))]),
  );
  const grants = new Map<string, ScopeGrant[]>(clients.map((c) => [c.clientId, parseSmartScopes(c.scope)]));
  return {
    clients,
    get: (clientId) => byId.get(clientId),
    staticScopes: (clientId) => new Set(statics.get(clientId) ?? []),
    allowsResourceScope(clientId, scope, contexts) {
      const requested = parseSmartScope(scope);
      if (requested === undefined || !contexts.has(requested.context)) return false;
      return (grants.get(clientId) ?? []).some((allowed) => scopeCovers(allowed, requested));
    },
    redirectOrigins(clientId) {
      const selected = clientId === undefined ? clients : clients.filter((c) => c.clientId === clientId);
      return [...new Set(selected.flatMap((c) => c.redirectUris.map((u) => new URL(u).origin)))];
    },
    oidcMetadata: () => clients.map((c) => toMetadata(c, statics.get(c.clientId) ?? [])),
  };
}
