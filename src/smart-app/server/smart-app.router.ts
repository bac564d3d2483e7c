import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import {
  type AppConfig,
  appConfigSchema,
  appScopes,
  type ReferralService,
  referralDirectorySchema,
  reviewScopes,
  SANDBOX_REFERRAL_DIRECTORY,
} from '../shared/index.ts';
import { IMMUTABLE_CACHE, securityHeaders } from './security-headers.ts';

/** The client id the sandbox registers for the app (briefs: public client, PKCE). */
export const DEFAULT_CLIENT_ID = 'safe-enquiry-app';

/** How the app is served: where its bundle is, its public URL, and what an EHR deployment configures. */
export interface SmartAppRouterOptions {
  /** The built app (`dist/app`, from `vite build --config src/smart-app/vite.config.ts`). */
  readonly distDir: string;
  /** e.g. `http://localhost:8080`; the redirect URI is `{publicBaseUrl}/app/`. */
  readonly publicBaseUrl: string;
  /** Default `safe-enquiry-app`. */
  readonly clientId?: string;
  /** FHIR base for standalone launches; default `{publicBaseUrl}/fhir`. */
  readonly fhirBaseUrl?: string;
  /** FHIR bases accepted as an EHR launch's `iss`; default only `fhirBaseUrl`. */
  readonly allowedIssuers?: readonly string[];
  /** EHR origins allowed to frame the app (besides its own origin). */
  readonly frameAncestors?: readonly string[];
  /** Origins the app calls besides its own: FHIR server, token endpoint, JWKS. Default: the allowed FHIR bases' origins. */
  readonly connectSources?: readonly string[];
  /** The local referral directory; default the sandbox's fictional one. */
  readonly directory?: readonly ReferralService[];
  /** `Device/{id}` named in Provenance as the assembler, when the EHR has registered the app as a Device. */
  readonly appDevice?: string;
}

const origin = z.url().transform((u) => new URL(u).origin);

const optionsSchema = z.object({
  distDir: z.string().min(1),
  publicBaseUrl: z.url(),
  clientId: z.string().min(1).optional(),
  fhirBaseUrl: z.url().optional(),
  allowedIssuers: z.array(z.url()).optional(),
  frameAncestors: z.array(origin).optional(),
  connectSources: z.array(origin).optional(),
  directory: referralDirectorySchema.optional(),
  appDevice: z.string().optional(),
});

function buildConfig(options: z.infer<typeof optionsSchema>, base: string, fhirBaseUrl: string): AppConfig {
  return appConfigSchema.parse({
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    redirectUri: `${base}/app/`,
    fhirBaseUrl,
    allowedIssuers: (options.allowedIssuers ?? [fhirBaseUrl]).map((u) => u.replace(/\/+$/, '')),
    scopes: { ehr: appScopes('ehr'), standalone: appScopes('standalone') },
    reviewScopes: { ehr: reviewScopes('ehr'), standalone: reviewScopes('standalone') },
    directory: options.directory ?? SANDBOX_REFERRAL_DIRECTORY,
    ...(options.appDevice ? { appDevice: options.appDevice } : {}),
  });
}

/** Reads `index.html` once it exists (the build may finish after the server starts). */
function indexPage(distDir: string): () => Promise<string | undefined> {
  let cached: string | undefined;
  return async () => {
    if (cached === undefined) {
      cached = await readFile(path.join(distDir, 'index.html'), 'utf8').catch(() => undefined);
    }
    return cached;
  };
}

function sendText(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain').send(text);
}

/**
 * The recording app's HTTP edge: the built bundle, its launch page and its runtime configuration, with strict
 * security headers. Mount it at `/app`:
 *
 * - `GET /app/` — the app (the SMART redirect URI); `GET /app/launch` — the recording entry's SMART launch URL;
 *   `GET /app/safeguarding/launch` — the safeguarding worklist's launch URL, with its own scopes (same page);
 * - `GET /app/config.json` — client id, redirect URI, scopes, FHIR base for standalone launch, referral directory;
 * - `GET /app/assets/*` — content-hashed scripts and styles.
 *
 * Every response carries a CSP without inline script, `frame-ancestors` for the configured EHR origins,
 * `Referrer-Policy: no-referrer` and (except hashed assets) `Cache-Control: no-store`.
 */
export function createSmartAppRouter(input: SmartAppRouterOptions): Router {
  const options = optionsSchema.parse(input);
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  const fhirBaseUrl = (options.fhirBaseUrl ?? `${base}/fhir`).replace(/\/+$/, '');
  const config = JSON.stringify(buildConfig(options, base, fhirBaseUrl));
  const page = indexPage(options.distDir);
  const router = express.Router({ strict: true });
  const issuers = options.allowedIssuers ?? [fhirBaseUrl];
  router.use(
    securityHeaders({
      frameAncestors: options.frameAncestors ?? [],
      connectSources: options.connectSources ?? [...new Set(issuers.map((u) => new URL(u).origin))],
    }),
  );
  const sendApp = async (_req: Request, res: Response) => {
    const html = await page();
    if (html === undefined)
      sendText(res, 503, 'Not available: the app has not been built (npm run build:app).');
    else res.status(200).type('html').send(html);
  };
  router.get('/', sendApp);
  router.get('/launch', sendApp);
  router.get('/safeguarding/launch', sendApp);
  router.get('/config.json', (_req, res) => {
    res.status(200).type('application/json').send(config);
  });
  router.use(
    '/assets',
    express.static(path.join(options.distDir, 'assets'), {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE_CACHE),
    }),
  );
  router.get('/favicon.svg', (_req, res) => {
    res.sendFile(path.join(options.distDir, 'favicon.svg'), (err) => {
      if (err && !res.headersSent) sendText(res, 404, 'Not found');
    });
  });
  router.use((_req, res) => sendText(res, 404, 'Not found'));
  return router;
}
