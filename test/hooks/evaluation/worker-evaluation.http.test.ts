import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, hookBody, SERVICE_ID, startCds, userAuthorization } from '../cds-harness.ts';
import { CODES, encounter, flag, observation, patient } from '../fhir-builders.ts';
import { fullPrefetch, repeatSelfHarm } from '../prefetch-builders.ts';

/**
 * The same requests to the service evaluating on the request thread and in a worker thread (as `safe-enquiry
 * serve` runs it): every answer must be the same, cards (but for their random uuids), errors, statuses and the
 * pilot store's record of the prompt.
 */
const PATH = `/cds-services/${SERVICE_ID}`;
let inline: Harness;
let worker: Harness;
beforeAll(async () => {
  [inline, worker] = await Promise.all([
    startCds({ config: { evaluationThreads: 0 } }),
    startCds({ config: { evaluationThreads: 1 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([inline.close(), worker.close()]);
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

interface Case {
  readonly body: string | Buffer;
  readonly headers?: Record<string, string>;
}

const json = (value: unknown, headers?: Record<string, string>): Case => ({
  body: JSON.stringify(value),
  ...(headers ? { headers } : {}),
});
const withPrefetch = (prefetch: unknown, extra: Record<string, unknown> = {}) =>
  json(hookBody({ hookInstance: 'f3d7a2b0-8c1e-4a55-9a0e-3f1c2b4d5e6f', prefetch, ...extra }));

const CASES: Record<string, Case> = {
  'enquiry card (repeat self-harm)': withPrefetch(fullPrefetch(repeatSelfHarm())),
  'whole-family card (CAMHS, 16)': withPrefetch(
    fullPrefetch(
      [
        encounter('2026-06-10T08:30:00Z', { setting: '711', status: 'in-progress' }),
        flag(CODES.victimInHousehold, '2026-01-01'),
      ],
      patient('2010-01-15'),
    ),
  ),
  'review card (disclosure on record, user entitled)': withPrefetch(
    fullPrefetch([...repeatSelfHarm(), observation(CODES.victimOfDomesticAbuse, '2025-03-01')]),
    userAuthorization,
  ),
  'no card (nothing on record)': withPrefetch(fullPrefetch([])),
  'no card (patient viewing their own record)': json(
    hookBody({
      context: { userId: 'Patient/test-patient', patientId: 'test-patient' },
      prefetch: fullPrefetch(repeatSelfHarm()),
    }),
  ),
  'gzip body (decompressed chunks)': {
    body: gzipSync(JSON.stringify(hookBody({ prefetch: fullPrefetch(repeatSelfHarm()) }))),
    headers: { 'content-encoding': 'gzip' },
  },
  '400 malformed JSON': { body: '{"hook": "patient-view",' },
  '400 not an object': { body: '"patient-view"' },
  '400 schema (no context)': json({
    hookInstance: 'f3d7a2b0-8c1e-4a55-9a0e-3f1c2b4d5e6f',
    hook: 'patient-view',
  }),
  '400 not declared as JSON': { body: '{}', headers: { 'content-type': 'text/plain' } },
  '412 prefetch missing and no fhirServer': withPrefetch(undefined),
  '415 charset': { body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
};

async function answer(h: Harness, c: Case): Promise<{ status: number; body: string }> {
  const res = await h.post(PATH, c.body, c.headers ? { headers: c.headers } : {});
  return { status: res.status, body: (await res.text()).replace(UUID, 'UUID') };
}

describe('evaluation in a worker thread answers exactly as on the request thread', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const [a, b] = await Promise.all([answer(inline, c), answer(worker, c)]);
    expect(b).toEqual(a);
    expect(b.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('records the prompts for the pilot the same way', async () => {
    const c = withPrefetch(fullPrefetch(repeatSelfHarm()));
    await Promise.all([answer(inline, c), answer(worker, c)]);
    const [a, b] = await Promise.all([inline.state.pilotReport(), worker.state.pilotReport()]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
