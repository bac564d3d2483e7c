import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { MintAccessTokenGrant } from '../../../src/sandbox/auth/index.ts';
import type { SandboxConfig } from '../../../src/sandbox/config.ts';
import { createSandbox, listen, type Sandbox, type SandboxLog } from '../../../src/sandbox/sandbox.app.ts';

/** One structured event the sandbox logged (PHI-free by design). */
export interface LoggedEvent {
  readonly event: string;
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

/** One booted sandbox, listening on 127.0.0.1 at the port its `publicBaseUrl` names. */
export interface RunningSandbox {
  readonly sandbox: Sandbox;
  /** `http://127.0.0.1:{port}`, the configured `publicBaseUrl`. */
  readonly base: string;
  /** `{base}/fhir`. */
  readonly fhirBase: string;
  /** A temp folder for this run (deleted by `stop`). */
  readonly tempDir: string;
  /** Every event the sandbox logged so far, oldest first (e.g. `cds.hook.answered`). */
  readonly events: readonly LoggedEvent[];
  /** Mints a FHIR access token (same as `sandbox.auth.mintAccessToken`). */
  token(grant: MintAccessTokenGrant): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A trusted-clients JSON file (`CDS_CLIENTS_FILE`); write it with `tempDir` from `makeTempDir`. */
  readonly cdsClientsFile?: string;
  /** `true`: the state database is a SQLite file in the temp folder (readable by the test); else in memory. */
  readonly fileStateStore?: boolean;
  /** A temp folder made beforehand (e.g. to hold the clients file); one is made when absent. */
  readonly tempDir?: string;
}

/** A fresh temp folder under the OS temp dir. */
export function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-integration-'));
}

/** A port free on 127.0.0.1 right now (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The state database file used when `fileStateStore` is set. */
export function stateFileIn(tempDir: string): string {
  return path.join(tempDir, 'state.sqlite');
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Boots the whole sandbox (FHIR, SMART auth, EHR simulator, CDS service), seeded, memory-only FHIR store, on a free
 * port of 127.0.0.1 whose URL is also its `publicBaseUrl` (JWT audiences and issuers depend on it).
 */
export async function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const tempDir = options.tempDir ?? (await makeTempDir());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config: SandboxConfig = {
    port,
    host: '127.0.0.1',
    publicBaseUrl: base,
    dataDir: undefined,
    databaseUrl: options.fileStateStore ? stateFileIn(tempDir) : undefined,
    cdsClientsFile: options.cdsClientsFile,
    seed: true,
  };
  const events: LoggedEvent[] = [];
  const log: SandboxLog = (event, fields = {}) => {
    events.push({ event, fields });
  };
  const sandbox = await createSandbox(config, log);
  const { server } = await listen(sandbox.app, port, '127.0.0.1');
  return {
    sandbox,
    base,
    fhirBase: `${base}/fhir`,
    tempDir,
    events,
    token: (grant) => sandbox.auth.mintAccessToken(grant),
    async stop() {
      await closeServer(server);
      await sandbox.close();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
