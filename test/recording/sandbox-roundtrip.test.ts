import type { Server } from 'node:http';
import express from 'express';
import type { Bundle, FhirResource } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DvaForm, mapFormToBundle, readDvaSummary } from '../../src/recording/index.ts';
import { createFhirService, type FhirService } from '../../src/sandbox/fhir/index.ts';
import { labelProblems } from './bundle.invariants.ts';
import { contextFor, GOLDEN_CASES, KATE, SAMIRA } from './forms.fixture.ts';
import { expectSummaryMatchesForm } from './summary.expect.ts';

/**
 * Round trip against the real sandbox FHIR server (Medplum FhirRouter behind src/sandbox/fhir, in memory, open:
 * no SMART layer): map → POST the transaction → read the patient's record back by search → the reader's summary
 * matches the form. Also proves that a retried submit creates nothing twice.
 */

const SEARCHES: ReadonlyArray<readonly [string, string]> = [
  ['Procedure', 'subject'],
  ['Observation', 'subject'],
  ['Condition', 'subject'],
  ['QuestionnaireResponse', 'subject'],
  ['RiskAssessment', 'subject'],
  ['ServiceRequest', 'subject'],
  ['CarePlan', 'subject'],
  ['Task', 'subject'],
  ['Flag', 'subject'],
  ['Consent', 'patient'],
];

let server: Server;
let service: FhirService;
let base = '';

beforeAll(async () => {
  const app = express();
  server = app.listen(0);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}/fhir`;
  service = await createFhirService({ baseUrl: base });
  app.use('/fhir', service.router);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.close();
});

async function submit(bundle: Bundle<FhirResource>): Promise<Bundle> {
  const response = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Bundle;
}

/** Every resource on a patient's record, by one search per type. */
async function readRecord(patientId: string): Promise<FhirResource[]> {
  const pages = await Promise.all(
    SEARCHES.map(async ([type, param]) => {
      const response = await fetch(`${base}/${type}?${param}=Patient/${patientId}&_count=500`);
      expect(response.status).toBe(200);
      const bundle = (await response.json()) as Bundle<FhirResource>;
      return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    }),
  );
  return pages.flat();
}

describe('round trip through the sandbox FHIR server', () => {
  it.each(GOLDEN_CASES)('$name: submit, read back, summary matches the form', async ({ form, patientId }) => {
    const bundle = mapFormToBundle(form, contextFor(patientId));
    const response = await submit(bundle);
    expect(response.type).toBe('transaction-response');
    expect(response.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(
      bundle.entry?.map(() => expect.stringMatching(/^20[01]$/)),
    );
    const record = await readRecord(patientId);
    expect(record.flatMap(labelProblems)).toEqual([]);
    expectSummaryMatchesForm(readDvaSummary(record), form, patientId);
  });

  it('creates nothing twice when the same submission is retried', async () => {
    const form: DvaForm = { ...SAMIRA };
    const context = contextFor('retry-patient', { submissionId: 'retry-submission-1' });
    await submit(mapFormToBundle(form, context));
    const first = await readRecord('retry-patient');
    await submit(mapFormToBundle(form, context));
    await submit(mapFormToBundle(structuredClone(form), { ...context, now: new Date(context.now) }));
    const after = await readRecord('retry-patient');
    expect(after.map((r) => `${r.resourceType}/${r.id}`).sort()).toEqual(
      first.map((r) => `${r.resourceType}/${r.id}`).sort(),
    );
    await submit(mapFormToBundle(form, { ...context, submissionId: 'retry-submission-2' }));
    expect(await readRecord('retry-patient')).toHaveLength(first.length * 2);
  });

  it('writes household DVA to the child and suspected perpetration to the perpetrator only', async () => {
    const children = { count: 1, ages: [4], linkedPatientIds: ['rt-kate-child'] };
    const form: DvaForm = {
      ...KATE,
      ...(KATE.disclosure ? { disclosure: { ...KATE.disclosure, children } } : {}),
      ...(KATE.suspectedPerpetration
        ? { suspectedPerpetration: { ...KATE.suspectedPerpetration, patientId: 'rt-kate-partner' } }
        : {}),
    };
    await submit(mapFormToBundle(form, contextFor('rt-kate', { submissionId: 'rt-kate-submission' })));
    const child = readDvaSummary(await readRecord('rt-kate-child'));
    expect(child.dvaInHousehold).toBe(true);
    expect(child.activeFlags.map((f) => f.code.code)).toEqual(['881081000000100']);
    const perpetratorRecord = await readRecord('rt-kate-partner');
    const perpetrator = readDvaSummary(perpetratorRecord);
    expect(perpetrator.suspectedPerpetrator).toBe(true);
    expect(perpetrator.disclosures).toEqual([]);
    expect(JSON.stringify(perpetratorRecord)).not.toMatch(/rt-kate"|encounter-rt-kate|rt-kate-submission/);
    const victim = await readRecord('rt-kate');
    expect(readDvaSummary(victim).suspectedPerpetrator).toBe(false);
    expect(JSON.stringify(victim)).not.toContain('rt-kate-partner');
  });
});
