import { FhirRouter } from '@medplum/fhir-router';
import express, { type Router } from 'express';
import { createFhirErrorHandler } from '../../http/index.ts';
import type { FhirAccessControl } from './access.ts';
import { buildCapabilityStatement } from './capability-statement.builder.ts';
import { createCorsMiddleware, originOf } from './cors.middleware.ts';
import { loadFhirDefinitions } from './definitions.loader.ts';
import { createFhirHandler } from './fhir.handler.ts';
import { sendFhir } from './fhir-response.writer.ts';
import { SandboxRepository } from './sandbox.repository.ts';

/** Request bodies above this are refused with 413 unless `maxBodyBytes` says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface FhirServiceOptions {
  /** Public absolute FHIR base, e.g. `http://localhost:8080/fhir`; links, `fullUrl`s and `Location`s use it. */
  readonly baseUrl: string;
  /** Folder of the NDJSON log (`fhir.ndjson`); absent → in memory only (no log). */
  readonly dataDir?: string;
  /** The SMART access layer; absent → an open server (protocol conformance suite, benchmark). */
  readonly access?: FhirAccessControl;
  /** Served at `/.well-known/smart-configuration` (open, no token). */
  readonly smartConfiguration?: () => Record<string, unknown>;
  /** Advertised in the CapabilityStatement's SMART `oauth-uris` extension. */
  readonly oauthUris?: { authorize: string; token: string; register?: string; manage?: string };
  /** Origins allowed by CORS besides the base URL's own origin; `*` allows any. */
  readonly allowedOrigins?: readonly string[];
  /** Request body limit in bytes (default 4 MB); larger bodies → 413. */
  readonly maxBodyBytes?: number;
  /** Told the error name (never its message) of anything unexpected, which answers a generic 500. */
  readonly onUnexpected?: (name: string) => void;
}

export interface FhirService {
  /** Mount at the FHIR base path (e.g. `app.use('/fhir', service.router)`). */
  readonly router: Router;
  /** The repository for in-process use (seeding, the EHR simulator, AuditEvents); same data as the router. */
  readonly repo: SandboxRepository;
  /** Waits for the write in progress, then closes the log. */
  close(): Promise<void>;
}

const JSON_TYPES = ['application/json', 'application/*+json'];
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Creates the sandbox FHIR R4 server: Medplum's FhirRouter over a {@link SandboxRepository} (replayed from
 * `dataDir` when given), behind an express router with CORS, `/metadata`, optional
 * `/.well-known/smart-configuration` (both open), JSON body parsing (413 above the limit, 400 on malformed JSON),
 * the access seam, and FHIR error outcomes. Definitions are indexed once per process.
 */
export async function createFhirService(options: FhirServiceOptions): Promise<FhirService> {
  loadFhirDefinitions();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const repo = await SandboxRepository.open(options.dataDir);
  const statement = buildCapabilityStatement({ baseUrl, oauthUris: options.oauthUris, date: new Date() });
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const router = express.Router();
  router.use(createCorsMiddleware([originOf(baseUrl), ...(options.allowedOrigins ?? [])]));
  router.get('/metadata', (_req, res) => sendFhir(res, 200, statement));
  const smartConfiguration = options.smartConfiguration;
  if (smartConfiguration) {
    router.get('/.well-known/smart-configuration', (_req, res) => {
      res.json(smartConfiguration());
    });
  }
  router.use(
    express.json({ type: JSON_TYPES, limit }),
    express.urlencoded({ extended: false, limit, type: FORM_TYPE }),
  );
  router.use(createFhirHandler({ router: new FhirRouter(), repo, baseUrl, access: options.access }));
  router.use(createFhirErrorHandler(options.onUnexpected ? { onUnexpected: options.onUnexpected } : {}));
  return { router, repo, close: () => repo.close() };
}
