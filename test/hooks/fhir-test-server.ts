import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Resource } from 'fhir/r4.js';
import type { AccessPrincipal, FhirAccessControl } from '../../src/sandbox/fhir/index.ts';
import { createFhirService } from '../../src/sandbox/fhir/index.ts';
import { IssueType, OperationOutcomeError } from '../../src/shared/index.ts';

/** The sandbox FHIR server (Medplum FhirRouter) in process, with a fake access layer that checks one bearer token. */
export interface FhirTestServer {
  readonly base: string;
  /** Paths and queries of the requests received, e.g. `Condition?patient=…`. */
  readonly requests: string[];
  seed(resources: readonly Resource[]): Promise<void>;
  /** Make requests whose path starts with `prefix` fail with `status`, or answer after `delayMs`. */
  misbehave(rule: { prefix: string; status?: number; delayMs?: number } | undefined): void;
  close(): Promise<void>;
}

export const FHIR_TOKEN = 'test-fhir-access-token';

function tokenAccess(token: string): FhirAccessControl {
  const principal: AccessPrincipal = { clientId: 'safe-enquiry-service', role: 'system', scopes: [] };
  return {
    async authorize(request) {
      if (request.headers.authorization !== `Bearer ${token}`) {
        throw OperationOutcomeError.of(401, {
          code: IssueType.login,
          reason: 'no-token',
          diagnostics: 'Unauthorized',
        });
      }
      return principal;
    },
    mayDisclose: () => true,
    recordDisclosure: async () => undefined,
  };
}

export async function startFhir(): Promise<FhirTestServer> {
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const service = await createFhirService({ baseUrl: base, access: tokenAccess(FHIR_TOKEN) });
  const requests: string[] = [];
  let rule: { prefix: string; status?: number; delayMs?: number } | undefined;
  app.use('/fhir', async (req, res, next) => {
    const path = req.url.replace(/^\//, '');
    requests.push(path);
    if (rule && path.startsWith(rule.prefix)) {
      if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule?.delayMs));
      if (rule.status) {
        res
          .status(rule.status)
          .json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] });
        return;
      }
    }
    next();
  });
  app.use('/fhir', service.router);
  return {
    base,
    requests,
    async seed(resources) {
      for (const r of resources) await service.repo.createResource(r as never);
    },
    misbehave(next) {
      rule = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.close();
    },
  };
}
