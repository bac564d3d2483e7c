import express, { type RequestHandler } from 'express';
import { createFhirErrorHandler, notFoundHandler } from '../http/index.ts';
import { createSmartAppRouter, type SmartAppRouterOptions } from '../smart-app/index.ts';
import type { StateStore } from '../state/index.ts';
import type { CdsApp } from './cds-app.ts';
import type { CdsLogger } from './cds-logger.ts';
import type { ServeConfig } from './serve-config.loader.ts';

/** The production HTTP app and its readiness switch (off while draining, so load balancers stop sending). */
export interface ServeApp {
  readonly app: express.Express;
  /** Readiness answers 503 from now on and responses ask clients to close their connections. */
  drain(): void;
}

export interface ServeAppDeps {
  readonly config: ServeConfig;
  readonly cds: CdsApp;
  readonly state: StateStore;
  readonly log: CdsLogger;
}

/** One PHI-free line per request: method, first path segment, status, duration. Never a query string or an id. */
function requestLog(log: CdsLogger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const route = `/${req.path.split('/')[1] ?? ''}`;
    res.on('finish', () => {
      log('http.request', {
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    next();
  };
}

/** The SMART app router's options from the serve settings (`createSmartAppRouter`, mounted at `/app`). */
export function smartAppOptions(config: ServeConfig): SmartAppRouterOptions {
  const s = config.settings;
  return {
    distDir: s.appDistDir,
    publicBaseUrl: s.publicBaseUrl,
    clientId: s.smartClientId,
    fhirBaseUrl: s.fhirBaseUrl,
    allowedIssuers: s.allowedIssuers,
    frameAncestors: s.frameAncestors,
    directory: config.directory,
    ...(s.connectSources ? { connectSources: s.connectSources } : {}),
    ...(s.appDevice ? { appDevice: s.appDevice } : {}),
  };
}

/**
 * `/healthz` (liveness: the process answers), `/readyz` (readiness: the state database answers and the instance is
 * not draining), `/cds-services` (CDS Hooks) and `/app` (the SMART app). Behind a TLS-terminating proxy, `TRUST_PROXY`
 * says whose `X-Forwarded-*` headers count.
 */
export function buildServeApp(deps: ServeAppDeps): ServeApp {
  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.settings.trustProxy);
  app.use(requestLog(deps.log));
  app.use((_req, res, next) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await deps.state.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'not-ready' });
    }
  });
  app.use('/cds-services', deps.cds.router);
  app.use('/app', createSmartAppRouter(smartAppOptions(deps.config)));
  app.use(notFoundHandler);
  app.use(createFhirErrorHandler({ onUnexpected: (name) => deps.log('http.error.unexpected', { name }) }));
  return {
    app,
    drain: () => {
      draining = true;
    },
  };
}
