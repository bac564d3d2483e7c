import type express from 'express';
import { Router } from 'express';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';
import { createAccessTokenMinter } from './access-token.minter.ts';
import { createAccessTokenVerifier } from './access-token.verifier.ts';
import { createClientRegistry } from './client.registry.ts';
import { createFhirAccessControl } from './fhir-access.control.ts';
import { interactionRoutes } from './interaction.routes.ts';
import { loadKeyMaterial, publicJwk } from './key.store.ts';
import { unprivilegedUsers } from './label-policy.ts';
import { createLaunchContextStore } from './launch-context.store.ts';
import { authorizeRewrite, tokenRewrite } from './oauth-request.rewrite.ts';
import { buildProviderConfiguration, type ProviderConfigDeps } from './provider.config.ts';
import type { SandboxUser, SmartAuth, SmartAuthOptions, SmartClientConfig } from './smart-auth.types.ts';
import { AUTH_ROUTES, authUrls, smartConfigurationDocument } from './smart-configuration.ts';
import { tokenResponseMiddleware } from './token-response.middleware.ts';

function withSecrets(clients: readonly SmartClientConfig[], secrets: Readonly<Record<string, string>>) {
  return clients.map((c) => {
    const secret = c.clientSecret ?? secrets[c.clientId];
    return c.public || secret === undefined ? c : { ...c, clientSecret: secret };
  });
}

function rs256Key(keys: readonly JWK[]): JWK {
  const key = keys.find((k) => k.alg === 'RS256');
  if (key === undefined) throw new Error('SMART auth key material has no RS256 signing key');
  return key;
}

function checkUsers(users: readonly SandboxUser[]): ReadonlyMap<string, SandboxUser> {
  const byId = new Map(users.map((u) => [u.id, u]));
  if (byId.size !== users.length) throw new Error('Sandbox user ids must be unique');
  return byId;
}

function createProvider(deps: ProviderConfigDeps, log: SmartAuthOptions['log']): Provider {
  const provider = new Provider(deps.urls.issuer, buildProviderConfiguration(deps));
  provider.use(tokenResponseMiddleware(deps.launches));
  // Koa would print unexpected errors (with stacks) to stderr; report their names only.
  provider.silent = true;
  provider.on('server_error', (_ctx, error) => log?.('smart-auth.server-error', { error: error.name }));
  return provider;
}

/** `/interaction/…` first, then the pre-handlers for traps 1 and 3, then oidc-provider itself (Koa, raw body). */
function createRouter(provider: Provider, deps: ProviderConfigDeps): Router {
  const { urls, registry, users, launches } = deps;
  const callback = provider.callback();
  const router = Router();
  router.use(interactionRoutes({ provider, fhirBase: urls.fhirBase, registry, users, launches }));
  router.get(AUTH_ROUTES.authorization, authorizeRewrite());
  router.post(AUTH_ROUTES.authorization, authorizeRewrite());
  router.post(AUTH_ROUTES.token, tokenRewrite(provider, registry));
  router.use((req: express.Request, res: express.Response) => {
    void callback(req, res);
  });
  return router;
}

/**
 * Creates the sandbox SMART App Launch 2.2 authorization server (oidc-provider, issuer `{publicBaseUrl}/auth`) and
 * the access layer for the FHIR server (jose-verified JWTs, scopes, roles, compartment, labels, audit).
 * Mount `router` at `/auth` before any body parser. https://hl7.org/fhir/smart-app-launch/STU2.2/
 */
export async function createSmartAuth(options: SmartAuthOptions): Promise<SmartAuth> {
  const now = options.now ?? (() => new Date());
  const urls = authUrls(options.publicBaseUrl);
  const users = checkUsers(options.users);
  const secretless = options.clients.filter((c) => !c.public && !c.clientSecret).map((c) => c.clientId);
  const keys = await loadKeyMaterial(options.dataDir, secretless);
  const registry = createClientRegistry(withSecrets(options.clients, keys.clientSecrets));
  const launches = createLaunchContextStore(now);
  const deps = {
    urls,
    registry,
    users,
    launches,
    signingKeys: keys.signingKeys,
    cookieKeys: keys.cookieKeys,
  };
  const router = createRouter(createProvider(deps, options.log), deps);
  const jwks = { keys: keys.signingKeys.map(publicJwk) };
  const verify = createAccessTokenVerifier({ issuer: urls.issuer, audience: urls.fhirBase, jwks, now });
  const { writeAuditEvent } = options;
  const access = createFhirAccessControl({
    fhirBase: urls.fhirBase,
    verify,
    writeAuditEvent,
    now,
    unprivilegedUsers: unprivilegedUsers(options.users),
  });
  const signingKey = rs256Key(keys.signingKeys);
  const mintAccessToken = await createAccessTokenMinter({
    issuer: urls.issuer,
    fhirBase: urls.fhirBase,
    signingKey,
    now,
  });
  return {
    router,
    access,
    smartConfiguration: () => smartConfigurationDocument(urls),
    createLaunch: async (context) => {
      if (!users.has(context.userId)) throw new Error(`Unknown sandbox user: ${context.userId}`);
      return launches.create(context);
    },
    mintAccessToken,
    sandboxUsers: [...users.values()],
    clients: registry.clients,
    close: async () => {},
  };
}
