import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll } from 'vitest';
import { createFhirService, type FhirService } from '../../src/sandbox/fhir/index.ts';
import { type ConformanceTarget, describeFhirConformance } from './fhir-conformance.ts';

const external = process.env.FHIR_BASE;
let target: ConformanceTarget = { base: external ?? '', token: process.env.FHIR_TOKEN };
let server: Server | undefined;
let service: FhirService | undefined;

beforeAll(async () => {
  if (external) return;
  const app = express();
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/fhir`;
  service = await createFhirService({ baseUrl: base });
  app.use('/fhir', service.router);
  target = { base };
});

afterAll(async () => {
  await service?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describeFhirConformance(() => target);
