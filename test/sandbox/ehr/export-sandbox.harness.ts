import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExportPeriod } from '../../../src/sandbox/ehr/export-job.store.ts';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox.app.ts';
import { waitFor } from './export-extractor.fixture.ts';

export interface ExportSandbox {
  /** `http://127.0.0.1:{port}`, the sandbox's public base. */
  readonly base: string;
  readonly sandbox: Sandbox;
  /** A GET as `user` (a sandbox user id), without following redirects. */
  get(path: string, user?: string): Promise<Response>;
  /** Posts the export form as `user`; resolves with the response (a 303 to the run when started). */
  postExport(form: Readonly<Record<string, string>> | ExportPeriod, user?: string): Promise<Response>;
  /** Polls a run's page until it no longer refreshes itself; resolves with its HTML. */
  finishedRun(location: string): Promise<string>;
  close(): Promise<void>;
}

export const DATA_LEAD = 'sandbox-data-lead';

/** The whole seeded sandbox in memory (real FHIR server, SMART auth, EHR simulator), listening on 127.0.0.1. */
export async function startExportSandbox(): Promise<ExportSandbox> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sandbox = await createSandbox({
    port: 0,
    host: '127.0.0.1',
    publicBaseUrl: base,
    dataDir: undefined,
    databaseUrl: undefined,
    cdsClientsFile: undefined,
    seed: true,
  });
  server.on('request', sandbox.app);
  const get = (path: string, user = DATA_LEAD) =>
    fetch(`${base}${path}`, { headers: { cookie: `ehr_user=${user}` }, redirect: 'manual' });
  return {
    base,
    sandbox,
    get,
    postExport: (form, user = DATA_LEAD) =>
      fetch(`${base}/ehr/export`, {
        method: 'POST',
        headers: { cookie: `ehr_user=${user}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...form }).toString(),
        redirect: 'manual',
      }),
    finishedRun: (location) =>
      waitFor(async () => {
        const body = await (await get(location)).text();
        return body.includes('http-equiv="refresh"') ? undefined : body;
      }, 20_000),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}
