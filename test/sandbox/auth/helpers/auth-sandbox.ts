import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import express, { type Express } from 'express';
import type { AuditEvent } from 'fhir/r4.js';
import { createFhirErrorHandler, notFoundHandler } from '../../../../src/http/index.ts';
import {
  createSmartAuth,
  defaultSandboxClients,
  defaultSandboxUsers,
  type SmartAuth,
  type SmartClientConfig,
} from '../../../../src/sandbox/auth/index.ts';
import { createFhirService, type FhirService } from '../../../../src/sandbox/fhir/index.ts';

export interface AuthSandbox {
  readonly baseUrl: string;
  readonly fhirBase: string;
  readonly auth: SmartAuth;
  readonly fhir: FhirService;
  readonly app: Express;
  readonly audits: AuditEvent[];
  close(): Promise<void>;
}

export interface AuthSandboxOptions {
  readonly clients?: (baseUrl: string) => readonly SmartClientConfig[];
  /** Extra routes (the test's own "app" and "EHR"), mounted after the auth and FHIR routers. */
  readonly routes?: (app: Express, baseUrl: string) => void;
  readonly dataDir?: string;
  /** Extra CORS origins for the FHIR server (a browser app on another origin). */
  readonly allowedOrigins?: (baseUrl: string) => readonly string[];
}

async function listen(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

/** The sandbox's auth + FHIR wiring, as the lead mounts it, on an ephemeral port. */
export async function startAuthSandbox(options: AuthSandboxOptions = {}): Promise<AuthSandbox> {
  const { server, baseUrl } = await listen();
  const audits: AuditEvent[] = [];
  let fhirRef: FhirService | undefined;
  const auth = await createSmartAuth({
    publicBaseUrl: baseUrl,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    clients: options.clients?.(baseUrl) ?? defaultSandboxClients(baseUrl),
    users: defaultSandboxUsers,
    writeAuditEvent: async (event) => {
      audits.push(event);
      // @types/fhir and Medplum describe the same JSON with types that do not assign to each other.
      await fhirRef?.repo.createResource(event as unknown as MedplumResource);
    },
  });
  const fhir = await createFhirService({
    baseUrl: `${baseUrl}/fhir`,
    access: auth.access,
    smartConfiguration: () => auth.smartConfiguration(),
    oauthUris: { authorize: `${baseUrl}/auth/authorize`, token: `${baseUrl}/auth/token` },
    allowedOrigins: options.allowedOrigins?.(baseUrl) ?? [],
  });
  fhirRef = fhir;
  const app = express();
  app.use('/auth', auth.router);
  app.use('/fhir', fhir.router);
  options.routes?.(app, baseUrl);
  app.use(notFoundHandler);
  app.use(createFhirErrorHandler());
  server.on('request', app);
  return {
    baseUrl,
    fhirBase: `${baseUrl}/fhir`,
    auth,
    fhir,
    app,
    audits,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await auth.close();
      await fhir.close();
    },
  };
}
