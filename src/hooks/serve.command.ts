import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { isPostgresUrl, openStateStore } from '../state/index.ts';
import { createCdsApp } from './cds-app.ts';
import type { CdsConfig } from './cds-config.ts';
import type { CdsLogger } from './cds-logger.ts';
import { buildServeApp } from './serve.app.ts';
import { readServeSettings, type ServeSettings, SettingsError } from './serve.settings.ts';
import { loadServeConfig, type ServeConfig } from './serve-config.loader.ts';

/** One JSON object per line: time, event, ids, codes, counts and durations only (never PHI or tokens). */
export function jsonLogger(write: (line: string) => void): CdsLogger {
  return (event, fields) => write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}

function cdsConfig(config: ServeConfig): CdsConfig {
  const s = config.settings;
  return {
    publicBaseUrl: s.publicBaseUrl,
    trustedClients: config.clients,
    appLaunchUrl: s.appLaunchUrl,
    allowedOrigins: s.allowedOrigins,
    maxBodyBytes: s.maxBodyBytes,
    prefetchBudgetMs: s.prefetchBudgetMs,
    evaluationThreads: s.evaluationThreads,
    requireHttpsFhirServer: s.requireHttpsFhirServer,
    fhirServerAllowlist: s.fhirServerAllowlist,
    storeFeedbackComments: s.storeFeedbackComments,
    ...(s.algorithms ? { algorithms: s.algorithms } : {}),
    ...(s.pseudonymKey ? { pseudonymKey: s.pseudonymKey } : {}),
  };
}

function listen(server: Server, settings: ServeSettings): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject).listen(settings.port, settings.host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : settings.port);
    });
  });
}

interface Running {
  /** Stops taking work, lets in-flight requests finish (closing the rest after the timeout), closes the database. */
  stop(): Promise<void>;
}

async function start(config: ServeConfig, log: CdsLogger): Promise<Running> {
  const s = config.settings;
  if (!isPostgresUrl(s.databaseUrl)) await mkdir(path.dirname(s.databaseUrl), { recursive: true });
  const state = await openStateStore(s.databaseUrl);
  const cds = await createCdsApp(cdsConfig(config), { state, log });
  const serve = buildServeApp({ config, cds, state, log });
  const server = createServer(serve.app);
  const port = await listen(server, s);
  for (const warning of s.warnings) log('serve.warning', { warning });
  log('serve.started', {
    port,
    publicBaseUrl: s.publicBaseUrl,
    clients: config.clients.length,
    evaluationThreads: s.evaluationThreads,
    database: isPostgresUrl(s.databaseUrl) ? 'postgres' : 'sqlite',
  });
  return {
    async stop() {
      serve.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections go as soon as their request in flight has been answered.
      const sweep = setInterval(() => server.closeIdleConnections(), 100).unref();
      const forced = setTimeout(() => server.closeAllConnections(), s.shutdownTimeoutMs).unref();
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(forced);
      await cds.close();
      await state.close();
    },
  };
}

async function configure(): Promise<ServeConfig> {
  return loadServeConfig(readServeSettings(process.env, process.cwd()));
}

function untilSignal(log: CdsLogger): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      log('serve.stopping', { signal });
      resolve(signal);
    };
    process.once('SIGTERM', () => on('SIGTERM'));
    process.once('SIGINT', () => on('SIGINT'));
  });
}

/**
 * `npx safe-enquiry serve`: the CDS Hooks service and the SMART app in production mode, against an external EHR
 * (settings: docs/production.md). Every settings problem is listed at once (exit 2); SIGTERM/SIGINT drain in-flight
 * requests, then exit 0.
 */
export async function run(_args: readonly string[]): Promise<number> {
  const log = jsonLogger((line) => process.stdout.write(`${line}\n`));
  let running: Running;
  try {
    running = await start(await configure(), log);
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`safe-enquiry serve: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(
      `safe-enquiry serve: could not start: ${err instanceof Error ? err.message : 'error'}\n`,
    );
    return 1;
  }
  await untilSignal(log);
  await running.stop();
  log('serve.stopped', {});
  return 0;
}
