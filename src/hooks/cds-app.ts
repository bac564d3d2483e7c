import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { createFhirErrorHandler, notFoundHandler } from '../http/index.ts';
import { IssueType, OperationOutcomeError, type Terminology } from '../shared/index.ts';
import type { StateStore } from '../state/index.ts';
import { terminology as projectTerminology } from '../terminology/index.ts';
import {
  authorizeClient,
  type ClientAuthenticator,
  createClientAuthenticator,
  requireClient,
} from './auth/index.ts';
import { type CdsConfig, type ResolvedCdsConfig, resolveCdsConfig } from './cds-config.ts';
import { type CdsLogger, silentLogger } from './cds-logger.ts';
import {
  type BodyEndpoint,
  createFeedbackHandler,
  createHookHandler,
  type EndpointDeps,
} from './endpoints/index.ts';
import {
  evaluationConfigOf,
  fetcherPolicy,
  type HookEvaluator,
  inlineEvaluator,
  startEvaluationPool,
} from './evaluation/index.ts';
import {
  cdsCors,
  discoveryDocument,
  readJsonChunks,
  readJsonRequest,
  SERVICES,
  type ServiceSpec,
} from './protocol/index.ts';
import { createPseudonymizer, randomPseudonymKey } from './pseudonym.ts';

/** Collaborators of the CDS service; everything but the state store has a default. */
export interface CdsDeps {
  /** The project state database (replay cache shared by all instances, pilot events). */
  readonly state: StateStore;
  /** Default: the project terminology built from `terminology/`. */
  readonly terminology?: Terminology;
  readonly now?: () => Date;
  /** Card and suggestion uuids; default `crypto.randomUUID`. */
  readonly newId?: () => string;
  /** PHI-free structured events; default silent. */
  readonly log?: CdsLogger;
}

export interface CdsApp {
  /** Mount at `/cds-services`. */
  readonly router: Router;
  close(): Promise<void>;
}

const PSEUDONYM_SECRET = 'cds-pseudonym-key';

/** CORS (preflights answered here, before authentication) and `Cache-Control: no-store`, as one layer. */
function commonHeaders(allowedOrigins: readonly string[]): RequestHandler {
  const cors = cdsCors(allowedOrigins);
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    cors(req, res, next);
  };
}

const unknownService = () =>
  OperationOutcomeError.of(404, {
    code: IssueType.notFound,
    reason: 'unknown-service',
    diagnostics: 'No such CDS service',
  });

interface EndpointOptions<B> {
  readonly authenticator: ClientAuthenticator;
  readonly log: CdsLogger;
  readonly maxBodyBytes: number;
  /** The `aud` values accepted for a call to service `id`. */
  readonly audiences: (id: string) => readonly string[];
  /** Reads the body once the client is known: parsed JSON, or (for hooks) the bytes for the evaluator to parse. */
  readonly readBody: (req: Request, options: { limit: number }) => Promise<B>;
  readonly make: (service: ServiceSpec) => BodyEndpoint<B>;
}

/**
 * One POST endpoint per service as a single layer (every express layer costs on a hot path): client JWT first
 * (401), then the service id (404, so that only trusted clients learn which ids exist), then the body, then the
 * handler.
 */
function serviceEndpoint<B>(options: EndpointOptions<B>): RequestHandler {
  const handlers = new Map(SERVICES.map((s) => [s.id, options.make(s)]));
  return async (req, res) => {
    const id = String(req.params.id);
    if (!(await authorizeClient(options.authenticator, req, res, options.audiences(id), options.log))) return;
    const handler = handlers.get(id);
    if (!handler) throw unknownService();
    await handler(req, res, await options.readBody(req, { limit: options.maxBodyBytes }));
  };
}

/**
 * Where hook calls are evaluated: in `evaluationThreads` worker threads (production: the request thread then only
 * does HTTP, client JWTs and the pilot store), or on the request thread when it is 0 (the default, and the only
 * choice when ids or terminology are injected).
 */
async function createEvaluator(
  resolved: ResolvedCdsConfig,
  deps: CdsDeps,
  endpointDeps: EndpointDeps,
): Promise<HookEvaluator> {
  const config = evaluationConfigOf(resolved);
  if (resolved.evaluationThreads === 0)
    return inlineEvaluator({
      config,
      terminology: endpointDeps.terminology,
      newId: deps.newId ?? randomUUID,
      fetcherFor: fetcherPolicy(config),
    });
  if (deps.terminology || deps.newId)
    throw new Error(
      'Invalid CDS service configuration: injected terminology or ids need evaluationThreads 0',
    );
  return startEvaluationPool({
    threads: resolved.evaluationThreads,
    config,
    resourceLimits: { maxYoungGenerationSizeMb: resolved.evaluationYoungGenerationMb },
    log: endpointDeps.log,
  });
}

/**
 * The CDS Hooks 2.0 service as an express Router (mount at `/cds-services`).
 *
 * Written on express + jose rather than the `cds-hooks` npm package: that package is an abandoned 2020 demo whose
 * `main` fails to load and which has no JWT verification, no feedback endpoint and no 412/prefetch handling
 * (shared/research/cds-hooks-smart-conformance.md §3.7). Spec: https://cds-hooks.hl7.org/2.0/.
 */
export async function createCdsApp(config: CdsConfig, deps: CdsDeps): Promise<CdsApp> {
  const resolved = resolveCdsConfig(config);
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const key =
    resolved.pseudonymKey ?? (await deps.state.getOrCreateSecret(PSEUDONYM_SECRET, randomPseudonymKey));
  const endpointDeps: EndpointDeps = {
    config: resolved,
    terminology: deps.terminology ?? projectTerminology,
    state: deps.state,
    now,
    log,
    pseudonymize: createPseudonymizer(key),
  };
  const evaluator = await createEvaluator(resolved, deps, endpointDeps);
  const authenticator = createClientAuthenticator({
    ...resolved,
    clients: resolved.trustedClients,
    claimJti: (iss, jti, expiresAt) => deps.state.claimJti(iss, jti, expiresAt),
    now,
  });
  const base = `${resolved.publicBaseUrl}/cds-services`;
  const endpoint = { authenticator, log, maxBodyBytes: resolved.maxBodyBytes };
  const discovery = discoveryDocument();

  const router = express.Router();
  router.use(commonHeaders(resolved.allowedOrigins));
  router.get(
    '/',
    requireClient(authenticator, () => [base], log),
    (_req, res) => {
      res.json(discovery);
    },
  );
  router.post(
    '/:id',
    serviceEndpoint({
      ...endpoint,
      audiences: (id) => [`${base}/${id}`],
      readBody: readJsonChunks,
      make: (service) => createHookHandler(service, endpointDeps, evaluator),
    }),
  );
  router.post(
    '/:id/feedback',
    serviceEndpoint({
      ...endpoint,
      audiences: (id) => [`${base}/${id}/feedback`, `${base}/${id}`],
      readBody: readJsonRequest,
      make: (service) => createFeedbackHandler(service, endpointDeps),
    }),
  );
  router.use(notFoundHandler);
  router.use(createFhirErrorHandler({ onUnexpected: (name) => log('cds.error.unexpected', { name }) }));
  return { router, close: () => evaluator.close() };
}
