import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createFhirService,
  type FhirService,
  type FhirServiceOptions,
} from '../../../src/sandbox/fhir/index.ts';

export interface TestFhirServer {
  /** The FHIR base, `http://127.0.0.1:<port>/fhir`. */
  readonly base: string;
  readonly origin: string;
  readonly service: FhirService;
  close(): Promise<void>;
}

/** Starts an express app with the sandbox FHIR service at `/fhir` on an ephemeral port. */
export async function startFhirServer(
  options: Omit<FhirServiceOptions, 'baseUrl'> = {},
): Promise<TestFhirServer> {
  const app = express();
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const service = await createFhirService({ ...options, baseUrl: `${origin}/fhir` });
  app.use('/fhir', service.router);
  return {
    base: `${origin}/fhir`,
    origin,
    service,
    close: async () => {
      await service.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const FHIR_JSON_HEADERS = { 'content-type': 'application/fhir+json' } as const;

/** Fetches and parses JSON (when there is a body). */
export async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
  };
}
