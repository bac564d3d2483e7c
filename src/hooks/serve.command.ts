import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { isPostgresUrl, openStateStore, type StateStore } from '../state/index.ts';
import { readTrustedClientsFile } from './auth/index.ts';
import { type CdsApp, createCdsApp } from './cds-app.ts';
import type { CdsConfig } from './cds-config.ts';
import type { CdsLogger } from './cds-logger.ts';
import { readServeSettings, type ServeSettings } from './serve.settings.ts';

const SHUTDOWN_GRACE_MS = 10_000;

/** One JSON object per line on stdout: event name, ids, codes, counts and durations only (never PHI or tokens). */
export function jsonLogger(write: (line: string) => void): CdsLogger {
  return (event, fields) => write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}

function cdsConfig(s: ServeSettings, trustedClients: CdsConfig['trustedClients']): CdsConfig {
  return {
    publicBaseUrl: s.publicBaseUrl,
    trustedClients,
    appLaunchUrl: s.appLaunchUrl,
    allowedOrigins: s.allowedOrigins,
    maxBodyBytes: s.maxBodyBytes,
    prefetchBudgetMs: s.prefetchBudgetMs,
    requireHttpsFhirServer: s.requireHttpsFhirServer,
    storeFeedbackComments: s.storeFeedbackComments,
    ...(s.algorithms ? { algorithms: s.algorithms } : {}),
    ...(s.fhirServerAllowlist ? { fhirServerAllowlist: s.fhirServerAllowlist } : {}),
    ...(s.pseudonymKey ? { pseudonymKey: s.pseudonymKey } : {}),
  };
}

/** `/healthz` (the process answers) and `/readyz` (the state database answers), plus the CDS router. */
function buildApp(cds: CdsApp, state: StateStore, log: CdsLogger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      log('http.request', {
        method: req.method,
        route: req.baseUrl || req.path.split('/').slice(0, 2).join('/'),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await state.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'not-ready' });
    }
  });
  app.use('/cds-services', cds.router);
  return app;
}

async function start(
  settings: ServeSettings,
  log: CdsLogger,
): Promise<{ server: Server; stop: () => Promise<void> }> {
  const clients = await readTrustedClientsFile(settings.clientsFile);
  if (!isPostgresUrl(settings.databaseUrl))
    await mkdir(path.dirname(settings.databaseUrl), { recursive: true });
  const state = await openStateStore(settings.databaseUrl);
  const cds = await createCdsApp(cdsConfig(settings, clients), { state, log });
  const server = buildApp(cds, state, log).listen(settings.port, settings.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  log('serve.started', {
    port,
    clients: clients.length,
    database: isPostgresUrl(settings.databaseUrl) ? 'postgres' : 'sqlite',
  });
  const stop = async () => {
    server.closeIdleConnections();
    const forced = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(forced);
    await cds.close();
    await state.close();
  };
  return { server, stop };
}

/**
 * `npx safe-enquiry serve`: the CDS Hooks service in production mode, against an external EHR. Settings are
 * validated at start (every problem listed, exit 2); SIGTERM/SIGINT drain in-flight requests, then exit 0.
 */
export async function run(_args: readonly string[]): Promise<number> {
  const log = jsonLogger((line) => process.stdout.write(`${line}\n`));
  let settings: ServeSettings;
  try {
    settings = readServeSettings(process.env, process.cwd());
  } catch (err) {
    process.stderr.write(`safe-enquiry serve: ${err instanceof Error ? err.message : 'invalid settings'}\n`);
    return 2;
  }
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start(settings, log);
  } catch (err) {
    process.stderr.write(
      `safe-enquiry serve: could not start: ${err instanceof Error ? err.message : 'error'}\n`,
    );
    return 1;
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log('serve.stopping', { signal });
      running.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  log('serve.stopped', {});
  return 0;
}
