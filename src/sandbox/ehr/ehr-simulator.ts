import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { JSONWebKeySet } from 'jose';
import { createApiRoutes } from './api.routes.ts';
import { createDiscoveryClient } from './cds-discovery.client.ts';
import { CdsHooksService } from './cds-hooks.service.ts';
import { createCdsServiceClient } from './cds-service.client.ts';
import { createClientJwtSigner } from './client-jwt.signer.ts';
import type { EhrDeps, EhrOptions } from './ehr.types.ts';
import { EhrRecords } from './ehr-records.ts';
import { createExportFeature } from './export.feature.ts';
import { createHookInvocationStore } from './hook-invocation.store.ts';
import {
  noStore,
  pageErrorHandler,
  pageNotFound,
  sameOriginOnly,
  securityHeaders,
} from './http.middleware.ts';
import { createLaunchRoutes } from './launch.routes.ts';
import { createPageRoutes } from './pages.routes.ts';
import { loadSigningKey } from './signing-key.store.ts';

export interface EhrSimulator {
  /** Mount at `/ehr` (the path of `issuer`). */
  readonly router: Router;
  /** `{publicBaseUrl}/ehr`: the `iss` of every CDS client JWT; trust it with `jwks`. */
  readonly issuer: string;
  /** The public signing key, also served at `/ehr/.well-known/jwks.json`. */
  readonly jwks: JSONWebKeySet;
  close(): Promise<void>;
}

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
const DEFAULT_TIMEOUT_MS = 5000;

interface ResolvedSettings {
  readonly base: string;
  readonly issuer: string;
  readonly basePath: string;
  readonly discoveryUrls: readonly string[];
  readonly appLaunchUrl: string;
  readonly fhirBaseUrl: string;
  readonly clientId: string;
  readonly timeoutMs: number;
  readonly smartLinkOrigins: ReadonlySet<string>;
}

function resolveSettings(options: EhrOptions): ResolvedSettings {
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  const issuer = `${base}/ehr`;
  const discoveryUrls = options.cdsDiscoveryUrls ?? [`${base}/cds-services`];
  const appLaunchUrl = options.appLaunchUrl ?? `${base}/app/launch`;
  const origins =
    options.smartLinkOrigins ?? [base, appLaunchUrl, ...discoveryUrls].map((u) => new URL(u).origin);
  return {
    base,
    issuer,
    basePath: new URL(issuer).pathname,
    discoveryUrls,
    appLaunchUrl,
    fhirBaseUrl: (options.fhirBaseUrl ?? `${base}/fhir`).replace(/\/+$/, ''),
    clientId: options.cdsClientId ?? 'safe-enquiry-service',
    timeoutMs: options.hookTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    smartLinkOrigins: new Set(origins),
  };
}

/**
 * The sandbox EHR simulator (architecture.md "CONTRACT: sandbox URLs", `/ehr/`): patient list and chart, fires
 * `patient-view` and `encounter-start` to the configured CDS services with ES384-signed client JWTs, renders their
 * cards, posts feedback, and launches SMART apps by a real EHR launch. Returns an express Router; it listens on
 * nothing itself.
 */
export async function createEhrSimulator(options: EhrOptions, deps: EhrDeps): Promise<EhrSimulator> {
  const settings = resolveSettings(options);
  const now = deps.now ?? (() => new Date());
  const fetchFn = deps.fetch ?? fetch;
  const log = deps.log ?? (() => undefined);
  const key = await loadSigningKey(options.dataDir);
  const signer = createClientJwtSigner(key, settings.issuer, settings.clientId, now);
  const store = createHookInvocationStore();
  const records = new EhrRecords(deps.repo);
  const hooks = new CdsHooksService({
    discoveryUrls: settings.discoveryUrls,
    discovery: createDiscoveryClient(signer, fetchFn, now),
    client: createCdsServiceClient({
      signer,
      fetch: fetchFn,
      now,
      mintAccessToken: deps.mintAccessToken,
      fhirBaseUrl: settings.fhirBaseUrl,
      clientId: settings.clientId,
      timeoutMs: settings.timeoutMs,
    }),
    store,
    now,
    timeoutMs: settings.timeoutMs,
    log,
  });
  const onUnexpected = (name: string) => log('ehr-unexpected-error', { name });
  const { basePath } = settings;
  const dataExport = createExportFeature({
    basePath,
    fhirBaseUrl: settings.fhirBaseUrl,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    mintAccessToken: deps.mintAccessToken,
    fetch: fetchFn,
    now,
    log,
  });

  const router = express.Router();
  router.use(securityHeaders);
  router.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(key.jwks);
  });
  router.use('/static', express.static(STATIC_DIR, { index: false, maxAge: '1h', fallthrough: false }));
  router.use(noStore, sameOriginOnly(new URL(settings.base).origin));
  router.use('/export', dataExport.router);
  router.use('/api', createApiRoutes({ basePath, records, hooks, onUnexpected }));
  router.use(
    createLaunchRoutes({
      records,
      hooks,
      createLaunch: deps.createLaunch,
      fhirBaseUrl: settings.fhirBaseUrl,
      appLaunchUrl: settings.appLaunchUrl,
      smartLinkOrigins: settings.smartLinkOrigins,
      smartLinkFeedback: options.smartLinkFeedback ?? 'none',
    }),
  );
  router.use(createPageRoutes({ basePath, records, now, secureCookie: settings.base.startsWith('https:') }));
  router.use(pageNotFound(basePath, 'That page or record does not exist.'));
  router.use(pageErrorHandler(basePath, onUnexpected));

  return {
    router,
    issuer: settings.issuer,
    jwks: key.jwks,
    async close() {
      store.clear();
      await dataExport.close();
    },
  };
}
