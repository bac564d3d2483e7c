import type { Server } from 'node:http';
import express from 'express';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox.app.ts';
import { createSmartAppRouter } from '../../../src/smart-app/server/index.ts';

export interface AppSandbox {
  readonly base: string;
  readonly sandbox: Sandbox;
  close(): Promise<void>;
}

function listen(app: express.Express): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
    server.once('error', reject);
  });
}

/**
 * The whole sandbox (seeded FHIR server, SMART auth, EHR simulator, CDS service) with the recording app mounted at
 * `/app`, on an ephemeral port, as the lead's composition root will mount it.
 */
export async function startAppSandbox(distDir: string): Promise<AppSandbox> {
  const outer = express();
  const { server, port } = await listen(outer);
  const base = `http://127.0.0.1:${port}`;
  const sandbox = await createSandbox({
    port,
    host: '127.0.0.1',
    publicBaseUrl: base,
    dataDir: undefined,
    databaseUrl: undefined,
    cdsClientsFile: undefined,
    seed: true,
  });
  outer.use('/app', createSmartAppRouter({ distDir, publicBaseUrl: base }));
  outer.use(sandbox.app);
  return {
    base,
    sandbox,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}
