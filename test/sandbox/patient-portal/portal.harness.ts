import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createPatientPortal,
  type PatientPortalDeps,
  type PatientPortalOptions,
  type PortalTokenGrant,
} from '../../../src/sandbox/patient-portal/index.ts';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox.app.ts';

/** A fixed clock for the "printed on" date, so two renders can be compared byte for byte. */
export const PRINTED_AT = new Date('2026-03-04T10:00:00Z');

export interface PortalSandbox {
  readonly baseUrl: string;
  readonly sandbox: Sandbox;
  /** Grants the portal asked for, in order (to prove it used patient-facing tokens). */
  readonly grants: PortalTokenGrant[];
  page(path: string): Promise<{ status: number; body: string; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * The sandbox minter signs patient-role tokens only for `Patient/…` users. Until it accepts a proxy
 * (`RelatedPerson/…`, role `patient`, confined to the child), a proxy grant it refuses is minted as the read-only,
 * never-restricted `data-lead` role with the same `RelatedPerson` fhirUser: the FHIR access layer treats both as a
 * patient-facing principal (label-policy `actsForPatient`), so the label policy under test is the same one.
 */
export function proxyTolerantMinter(sandbox: Sandbox, grants: PortalTokenGrant[]) {
  return async (grant: PortalTokenGrant): Promise<string> => {
    grants.push(grant);
    try {
      return await sandbox.auth.mintAccessToken(grant);
    } catch (err) {
      if (!grant.fhirUser.startsWith('RelatedPerson/')) throw err;
      return sandbox.auth.mintAccessToken({ ...grant, role: 'data-lead' });
    }
  };
}

async function listen(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export type MinterFactory = (
  sandbox: Sandbox,
  grants: PortalTokenGrant[],
) => PatientPortalDeps['mintAccessToken'];

/** The whole seeded sandbox (memory only) with the portal mounted at `/portal`, as the lead mounts it. */
export async function startPortalSandbox(
  options: Partial<PatientPortalOptions> = {},
  minter: MinterFactory = proxyTolerantMinter,
): Promise<PortalSandbox> {
  const { server, baseUrl } = await listen();
  const sandbox = await createSandbox({
    port: 0,
    host: '127.0.0.1',
    publicBaseUrl: baseUrl,
    dataDir: undefined,
    databaseUrl: undefined,
    cdsClientsFile: undefined,
    seed: true,
  });
  const grants: PortalTokenGrant[] = [];
  const portal = createPatientPortal(
    { publicBaseUrl: baseUrl, ...options },
    { mintAccessToken: minter(sandbox, grants), now: () => PRINTED_AT },
  );
  const app = express();
  app.use('/portal', portal.router);
  app.use(sandbox.app);
  server.on('request', app);
  return {
    baseUrl,
    sandbox,
    grants,
    async page(path) {
      const res = await fetch(`${baseUrl}${path}`);
      return { status: res.status, body: await res.text(), headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}
