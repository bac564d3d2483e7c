import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Resource as MedplumResource } from '@medplum/fhirtypes';
import express, { type Express } from 'express';
import type { AuditEvent } from 'fhir/r4.js';
import { createCdsApp, readTrustedClientsFile, type TrustedClient } from '../hooks/index.ts';
import { createFhirErrorHandler, notFoundHandler } from '../http/index.ts';
import { createSmartAppRouter } from '../smart-app/server/index.ts';
import { DEFAULT_STATE_FILE, openStateStore } from '../state/index.ts';
import { createSmartAuth, defaultSandboxClients, defaultSandboxUsers, type SmartAuth } from './auth/index.ts';
import type { SandboxConfig } from './config.ts';
import { createEhrSimulator } from './ehr/index.ts';
import { applyTransaction, createFhirService, type FhirService } from './fhir/index.ts';
import { createPatientPortal } from './patient-portal/index.ts';
import { seedSandbox } from './seed/index.ts';

/** The whole sandbox in one express app: FHIR server, SMART auth, EHR simulator and CDS service. */
export interface Sandbox {
  readonly app: Express;
  readonly fhir: FhirService;
  readonly auth: SmartAuth;
  /** Patients seeded at this start (0 when the store already had data or seeding is off). */
  readonly seededPatients: number;
  close(): Promise<void>;
}

export type SandboxLog = (
  event: string,
  fields?: Readonly<Record<string, string | number | boolean>>,
) => void;

/** The built SMART app (`npm run build:app`), resolved from this module so the working directory does not matter. */
const APP_DIST_DIR = fileURLToPath(new URL('../../dist/app', import.meta.url));

const silent: SandboxLog = () => undefined;

async function seedIfEmpty(fhir: FhirService, now: Date): Promise<number> {
  const existing = await fhir.repo.searchResources({ resourceType: 'Patient', count: 1 });
  if (existing.length > 0) return 0;
  const result = await seedSandbox(async (bundle) => {
    await applyTransaction(fhir.repo, bundle);
  }, now);
  return result.patients;
}

function oauthUris(smart: Record<string, unknown>): { authorize: string; token: string } {
  const { authorization_endpoint: authorize, token_endpoint: token } = smart;
  if (typeof authorize !== 'string' || typeof token !== 'string') {
    throw new Error('SMART configuration lacks authorization_endpoint or token_endpoint');
  }
  return { authorize, token };
}

async function trustedCdsClients(config: SandboxConfig, ehr: TrustedClient): Promise<TrustedClient[]> {
  const extra = config.cdsClientsFile ? await readTrustedClientsFile(config.cdsClientsFile) : [];
  return [ehr, ...extra];
}

/** Builds the sandbox without listening; `main.ts` listens. */
export async function createSandbox(config: SandboxConfig, log: SandboxLog = silent): Promise<Sandbox> {
  const base = config.publicBaseUrl;
  const dataDir = config.dataDir;
  const fhirBase = `${base}/fhir`;
  let fhirService: FhirService | undefined;
  const auth = await createSmartAuth({
    publicBaseUrl: base,
    ...(dataDir ? { dataDir } : {}),
    clients: defaultSandboxClients(base),
    users: defaultSandboxUsers,
    writeAuditEvent: async (event: AuditEvent) => {
      await fhirService?.repo.createResource(event as unknown as MedplumResource);
    },
  });
  const fhir = await createFhirService({
    baseUrl: fhirBase,
    ...(dataDir ? { dataDir } : {}),
    access: auth.access,
    smartConfiguration: () => auth.smartConfiguration(),
    oauthUris: oauthUris(auth.smartConfiguration()),
    onUnexpected: (name) => log('fhir.unexpected_error', { name }),
  });
  fhirService = fhir;
  const seededPatients = config.seed ? await seedIfEmpty(fhir, new Date()) : 0;
  const ehr = await createEhrSimulator(
    { publicBaseUrl: base, ...(dataDir ? { dataDir } : {}) },
    {
      repo: fhir.repo,
      createLaunch: (ctx) => auth.createLaunch(ctx),
      mintAccessToken: (request) => auth.mintAccessToken(request),
      log,
    },
  );
  const state = await openStateStore(
    config.databaseUrl ?? (dataDir ? `${dataDir}/${DEFAULT_STATE_FILE}` : undefined),
  );
  const cds = await createCdsApp(
    {
      publicBaseUrl: base,
      trustedClients: await trustedCdsClients(config, { iss: ehr.issuer, jwks: ehr.jwks }),
      appLaunchUrl: `${base}/app/launch`,
    },
    { state, log },
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/', (_req, res) => {
    res.redirect(302, '/ehr/');
  });
  app.use('/auth', auth.router);
  app.use('/fhir', fhir.router);
  app.use('/ehr', ehr.router);
  app.use('/cds-services', cds.router);
  app.use(
    '/app',
    createSmartAppRouter({
      distDir: APP_DIST_DIR,
      publicBaseUrl: base,
      appDevice: 'Device/safe-enquiry-app',
    }),
  );
  const portal = createPatientPortal(
    { publicBaseUrl: base },
    { mintAccessToken: (g) => auth.mintAccessToken(g), log },
  );
  app.use('/portal', portal.router);
  app.use(notFoundHandler);
  app.use(createFhirErrorHandler({ onUnexpected: (name) => log('http.unexpected_error', { name }) }));

  return {
    app,
    fhir,
    auth,
    seededPatients,
    close: async () => {
      await cds.close();
      await ehr.close();
      await auth.close();
      await fhir.close();
      await state.close();
    },
  };
}

/** Listens and resolves with the bound port (use port 0 in tests). */
export function listen(app: Express, port: number, host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : port });
    });
    server.once('error', reject);
  });
}
