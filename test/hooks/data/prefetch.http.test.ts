import type { Resource } from 'fhir/r4.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, hookBody, SERVICE_ID, startCds } from '../cds-harness.ts';
import { CODES, condition, encounter, flag, PATIENT_ID, patient } from '../fhir-builders.ts';
import { FHIR_TOKEN, type FhirTestServer, startFhir } from '../fhir-test-server.ts';
import { fullPrefetch, repeatSelfHarm, searchset } from '../prefetch-builders.ts';

const PATH = `/cds-services/${SERVICE_ID}`;
const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] };

let fhir: FhirTestServer;
let h: Harness;
let seeded: Resource[];

beforeAll(async () => {
  fhir = await startFhir();
  seeded = [patient('1990-04-02'), ...repeatSelfHarm(), encounter('2026-03-01')];
  await fhir.seed(seeded);
  h = await startCds({ config: { prefetchBudgetMs: 400 } });
}, 60_000);
afterAll(async () => {
  await h.close();
  await fhir.close();
});
afterEach(() => {
  fhir.requests.length = 0;
  fhir.misbehave(undefined);
});

const auth = () => ({
  fhirServer: fhir.base,
  fhirAuthorization: {
    access_token: FHIR_TOKEN,
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'patient/*.rs',
    subject: 'safe-enquiry-service',
    patient: PATIENT_ID,
  },
});

async function cardsFor(
  body: Record<string, unknown>,
): Promise<{ status: number; json: { cards?: unknown[] } }> {
  const res = await h.post(PATH, body);
  return { status: res.status, json: (await res.json()) as { cards?: unknown[] } };
}

describe('prefetch and callbacks (CDS Hooks 2.0 "Prefetch")', () => {
  it('complete prefetch: no callback at all', async () => {
    const r = await cardsFor(hookBody({ ...auth(), prefetch: fullPrefetch(repeatSelfHarm()) }));
    expect(r.status).toBe(200);
    expect(r.json.cards).toHaveLength(1);
    expect(fhir.requests).toEqual([]);
  });

  it('partial prefetch: only the missing key is fetched, with the fhirAuthorization bearer token', async () => {
    const { conditions: _omitted, ...partial } = fullPrefetch([]);
    const r = await cardsFor(hookBody({ ...auth(), prefetch: partial }));
    expect(r.status).toBe(200);
    expect(r.json.cards).toHaveLength(1);
    expect(fhir.requests).toEqual([`Condition?patient=${PATIENT_ID}&_count=1000`]);
  });

  it('absent prefetch object: every key is fetched in parallel; encounters narrowed by date', async () => {
    const r = await cardsFor(hookBody({ ...auth(), prefetch: undefined }));
    expect(r.status).toBe(200);
    expect(r.json.cards).toHaveLength(1);
    expect(fhir.requests.sort()).toEqual([
      `Condition?patient=${PATIENT_ID}&_count=1000`,
      `Encounter?patient=${PATIENT_ID}&_count=1000&date=ge2024-06-10`,
      `Flag?patient=${PATIENT_ID}&_count=1000`,
      `Observation?patient=${PATIENT_ID}&_count=1000`,
      `Patient/${PATIENT_ID}`,
      `Procedure?patient=${PATIENT_ID}&_count=1000`,
    ]);
  });

  it('null prefetch values mean "no data", not "missing": no callback', async () => {
    const prefetch = {
      patient: null,
      encounters: null,
      conditions: null,
      procedures: null,
      observations: null,
      flags: null,
    };
    const r = await cardsFor(hookBody({ ...auth(), prefetch }));
    expect(r).toEqual({ status: 200, json: { cards: [] } });
    expect(fhir.requests).toEqual([]);
  });

  it('an OperationOutcome in place of a key (the client failed) → the service fetches that key itself', async () => {
    const prefetch = { ...fullPrefetch([]), conditions: outcome };
    const r = await cardsFor(hookBody({ ...auth(), prefetch }));
    expect(r.json.cards).toHaveLength(1);
    expect(fhir.requests).toEqual([`Condition?patient=${PATIENT_ID}&_count=1000`]);
  });

  it('a searchset carrying an error OperationOutcome entry is refetched', async () => {
    const broken = searchset([]);
    broken.entry = [{ resource: outcome as never, search: { mode: 'outcome' } }];
    const r = await cardsFor(hookBody({ ...auth(), prefetch: { ...fullPrefetch([]), conditions: broken } }));
    expect(r.json.cards).toHaveLength(1);
  });

  it('a paginated prefetch Bundle is completed by following its next link on fhirServer', async () => {
    const page = searchset([seeded[1] as Resource], {
      link: [{ relation: 'next', url: `${fhir.base}/Condition?patient=${PATIENT_ID}&_count=1&_offset=1` }],
    });
    const r = await cardsFor(hookBody({ ...auth(), prefetch: { ...fullPrefetch([]), conditions: page } }));
    expect(r.json.cards).toHaveLength(1);
    expect(fhir.requests).toEqual([`Condition?patient=${PATIENT_ID}&_count=1&_offset=1`]);
  });

  it("re-checks locally: another patient's entries in the prefetch are ignored", async () => {
    const elsewhere = repeatSelfHarm().map((c) => ({ ...c, subject: { reference: 'Patient/someone-else' } }));
    const r = await cardsFor(hookBody({ ...auth(), prefetch: fullPrefetch(elsewhere) }));
    expect(r.json.cards).toEqual([]);
  });

  it('encounter-start reads the context encounter', async () => {
    const mh = encounter('2026-06-10T08:00:00Z', { setting: '710', status: 'in-progress' });
    await fhir.seed([mh]);
    const body = hookBody({
      ...auth(),
      hook: 'encounter-start',
      context: { userId: 'Practitioner/sandbox-mh-clinician', patientId: PATIENT_ID, encounterId: mh.id },
    });
    const res = await h.post(`/cds-services/safe-enquiry-encounter-start`, body);
    expect(res.status).toBe(200);
    expect(fhir.requests).toEqual([`Encounter/${mh.id}`]);
  });
});

describe('412 Precondition Failed when required data cannot be had', () => {
  const expect412 = async (body: Record<string, unknown>, reason: string) => {
    const res = await h.post(PATH, body);
    expect(res.status).toBe(412);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const oo = (await res.json()) as {
      resourceType: string;
      issue: { code: string; details: { coding: { code: string }[] } }[];
    };
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(oo.issue[0]?.code).toBe('incomplete');
    expect(oo.issue[0]?.details.coding[0]?.code).toBe(reason);
  };

  it('missing keys and no fhirServer', async () => {
    await expect412(hookBody({ prefetch: undefined }), 'prefetch-missing');
  });

  it('a callback fails (HTTP 500)', async () => {
    fhir.misbehave({ prefix: 'Flag', status: 500 });
    await expect412(hookBody({ ...auth(), prefetch: undefined }), 'callback-failed');
  });

  it('the FHIR server refuses the token (401)', async () => {
    const body = hookBody({ ...auth(), prefetch: undefined });
    (body.fhirAuthorization as { access_token: string }).access_token = 'wrong-token';
    await expect412(body, 'callback-failed');
  });

  it('callbacks exceed the time budget (answers within the budget)', async () => {
    fhir.misbehave({ prefix: 'Observation', delayMs: 1_500 });
    const started = performance.now();
    await expect412(hookBody({ ...auth(), prefetch: undefined }), 'callback-timeout');
    expect(performance.now() - started).toBeLessThan(1_200);
  });

  it('a plain-http fhirServer when https is required (production)', async () => {
    const strict = await startCds({ config: { requireHttpsFhirServer: true } });
    try {
      const res = await strict.post(PATH, hookBody({ ...auth(), prefetch: undefined }));
      expect(res.status).toBe(412);
    } finally {
      await strict.close();
    }
  });

  it('a prefetch of the wrong type is treated as missing (here: no fhirServer → 412)', async () => {
    await expect412(
      hookBody({ prefetch: { ...fullPrefetch([]), patient: condition(CODES.depression, '2020-01-01') } }),
      'prefetch-missing',
    );
  });
});

describe('safety: never a prompt for a patient or proxy', () => {
  it.each(['Patient/test-patient', 'RelatedPerson/mother-1'])(
    'patient-view with userId %s → no cards, no data fetched',
    async (userId) => {
      const r = await cardsFor(
        hookBody({ ...auth(), prefetch: undefined, context: { userId, patientId: PATIENT_ID } }),
      );
      expect(r).toEqual({ status: 200, json: { cards: [] } });
      expect(fhir.requests).toEqual([]);
    },
  );

  it('encounter-start with a Patient user is invalid for that hook (400)', async () => {
    const mh = encounter('2026-06-10T08:00:00Z', { setting: '710' });
    const body = hookBody({
      hook: 'encounter-start',
      context: { userId: 'Patient/test-patient', patientId: PATIENT_ID, encounterId: mh.id },
    });
    expect((await h.post('/cds-services/safe-enquiry-encounter-start', body)).status).toBe(400);
  });

  it('a disclosure flag on record gives a review card only when the data came under the user’s authorization', async () => {
    const resources = [...repeatSelfHarm(), flag(CODES.victimOfDomesticAbuse, '2025-01-01')];
    const withAuth = await cardsFor(hookBody({ ...auth(), prefetch: fullPrefetch(resources) }));
    expect(withAuth.json.cards).toEqual([
      expect.objectContaining({ summary: 'A care plan on file may need review (open for details)' }),
    ]);
    const withoutAuth = await cardsFor(hookBody({ prefetch: fullPrefetch(resources) }));
    expect(withoutAuth.json.cards).toEqual([]);
  });
});
