import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createPatientPortal, type PortalTokenGrant } from '../../src/sandbox/patient-portal/index.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.app.ts';
import { proxyTolerantMinter } from '../sandbox/patient-portal/portal.harness.ts';

/** The issuer of the test's own trusted CDS client (its public key goes in the CDS_CLIENTS_FILE). */
export const FUZZ_ISSUER = 'https://fuzz-client.test/ehr';

export interface FullSandbox {
  readonly baseUrl: string;
  readonly sandbox: Sandbox;
  /** Bearer tokens: a GP (user scopes, read-write), the patient user, and a CDS `fhirAuthorization` token. */
  readonly tokens: { readonly gp: string; readonly patient: string; readonly service: string };
  /** A fresh client JWT (own `jti`) for a CDS endpoint, signed with the trusted test key. */
  cdsJwt(audPath: string, claims?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

async function listen(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function trustedClientFile(dir: string) {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
  const file = path.join(dir, 'cds-clients.json');
  await writeFile(file, JSON.stringify([{ iss: FUZZ_ISSUER, jwks: { keys: [jwk] } }]));
  return { file, privateKey, kid };
}

async function mintTokens(sandbox: Sandbox) {
  const mint = sandbox.auth.mintAccessToken;
  return {
    gp: await mint({
      clientId: 'safe-enquiry-app',
      role: 'gp',
      fhirUser: 'Practitioner/sandbox-gp',
      scope: 'user/*.cruds',
      ttlSeconds: 3600,
    }),
    patient: await mint({
      clientId: 'safe-enquiry-app',
      role: 'patient',
      fhirUser: 'Patient/persona-samira',
      patient: 'persona-samira',
      scope: 'patient/*.rs',
      ttlSeconds: 3600,
    }),
    service: await mint({
      clientId: 'safe-enquiry-service',
      role: 'system',
      scope: 'system/*.rs',
      ttlSeconds: 3600,
    }),
  };
}

/**
 * The whole sandbox in process as `npm start` composes it (seeded, memory only; the recording app at `/app`), with
 * the patient portal mounted in front at `/portal`. The server listens first (port 0), so the public base URL is the
 * real one.
 */
export async function startFullSandbox(): Promise<FullSandbox> {
  const { server, baseUrl } = await listen();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-hardening-'));
  const client = await trustedClientFile(dir);
  const sandbox = await createSandbox({
    port: 0,
    host: '127.0.0.1',
    publicBaseUrl: baseUrl,
    dataDir: undefined,
    databaseUrl: undefined,
    cdsClientsFile: client.file,
    seed: true,
  });
  const grants: PortalTokenGrant[] = [];
  const portal = createPatientPortal(
    { publicBaseUrl: baseUrl },
    { mintAccessToken: proxyTolerantMinter(sandbox, grants) },
  );
  const app = express();
  app.disable('x-powered-by');
  app.use('/portal', portal.router);
  app.use(sandbox.app);
  server.on('request', app);
  return {
    baseUrl,
    sandbox,
    tokens: await mintTokens(sandbox),
    cdsJwt: (audPath, claims = {}) =>
      new SignJWT({ jti: randomUUID(), ...claims })
        .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: client.kid })
        .setIssuer(FUZZ_ISSUER)
        .setAudience(`${baseUrl}${audPath}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(client.privateKey),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
