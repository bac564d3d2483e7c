import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CARD_UUID,
  type EhrHarness,
  hookCall,
  REASONS,
  SUGGESTION_UUID,
  startEhrHarness,
} from './support/ehr.harness.ts';

let h: EhrHarness;
beforeAll(async () => {
  h = await startEhrHarness();
});
afterAll(async () => {
  await h.close();
});

function post(path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${h.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function hookInstance(): Promise<string> {
  const response = await post('/ehr/api/hooks/patient-view', { patientId: 'persona-samira' });
  return ((await response.json()) as { hookInstance: string }).hookInstance;
}

function get(path: string, cookie?: string): Promise<Response> {
  return fetch(`${h.base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

describe('EHR simulator: feedback (CDS Hooks 2.0 "Feedback")', () => {
  it('forwards a dismissal with its override reason, signed for the feedback endpoint', async () => {
    const instance = await hookInstance();
    const response = await post('/ehr/api/feedback', {
      hookInstance: instance,
      service: 0,
      card: 0,
      outcome: 'overridden',
      reason: 0,
    });
    expect(await response.json()).toEqual({ result: 'sent' });
    const received = h.cds.feedbackRequests.at(-1);
    expect(received?.path).toBe('/cds-services/dva-patient-view/feedback');
    expect(received?.body).toEqual({
      feedback: [
        {
          card: CARD_UUID,
          outcome: 'overridden',
          overrideReason: { reason: REASONS[0] },
          outcomeTimestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        },
      ],
    });
    const audience = `${h.cds.discoveryUrl}/dva-patient-view/feedback`;
    const jwks = createRemoteJWKSet(new URL(`${h.base}/ehr/.well-known/jwks.json`));
    const token = (received?.authorization ?? '').replace(/^Bearer /, '');
    await expect(jwtVerify(token, jwks, { issuer: `${h.base}/ehr`, audience })).resolves.toBeTruthy();
  });

  it('forwards a dismissal without a reason and an accepted suggestion', async () => {
    const instance = await hookInstance();
    await post('/ehr/api/feedback', { hookInstance: instance, service: 0, card: 0, outcome: 'overridden' });
    expect(h.cds.feedbackRequests.at(-1)?.body).toEqual({
      feedback: [{ card: CARD_UUID, outcome: 'overridden', outcomeTimestamp: expect.any(String) }],
    });
    await post('/ehr/api/feedback', {
      hookInstance: instance,
      service: 0,
      card: 0,
      outcome: 'accepted',
      suggestions: [0],
    });
    expect(h.cds.feedbackRequests.at(-1)?.body).toEqual({
      feedback: [
        {
          card: CARD_UUID,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: SUGGESTION_UUID }],
          outcomeTimestamp: expect.any(String),
        },
      ],
    });
  });

  it('refuses what the card does not offer, and cards of another user', async () => {
    const instance = await hookInstance();
    const sent = h.cds.feedbackRequests.length;
    const base = { hookInstance: instance, service: 0, card: 0 };
    const cases: [unknown, number, string?][] = [
      [{ ...base, outcome: 'overridden', comment: 'free text' }, 400],
      [{ ...base, outcome: 'overridden', reason: 9 }, 400],
      [{ ...base, outcome: 'accepted', suggestions: [3] }, 400],
      [{ ...base, outcome: 'accepted' }, 400],
      [{ ...base, card: 5, outcome: 'overridden' }, 404],
      [{ ...base, hookInstance: '00000000-0000-4000-8000-000000000000', outcome: 'overridden' }, 404],
      [{ ...base, outcome: 'overridden' }, 404, 'ehr_user=sandbox-mh-clinician'],
      [{ ...base, outcome: 'maybe' }, 400],
    ];
    for (const [body, status, cookie] of cases) {
      const response = await post('/ehr/api/feedback', body, cookie);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    }
    expect(h.cds.feedbackRequests.length).toBe(sent);
  });
});

describe('EHR simulator: SMART launches', () => {
  it('/ehr/launch?patient= makes an EHR launch of the recording app', async () => {
    const response = await get('/ehr/launch?patient=persona-samira');
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${h.base}/app/launch`);
    expect(location.searchParams.get('iss')).toBe(`${h.base}/fhir`);
    expect(location.searchParams.get('launch')).toBe(`launch-${h.launches.length}`);
    expect(h.launches.at(-1)).toEqual({
      userId: 'sandbox-gp',
      patient: 'persona-samira',
      needPatientBanner: true,
    });
  });

  it('launches as the right user for the role, with the encounter when given', async () => {
    await get('/ehr/launch?patient=persona-samira&role=safeguarding');
    expect(h.launches.at(-1)?.userId).toBe('sandbox-safeguarding-lead');
    await get('/ehr/launch?patient=persona-samira&role=clinician', 'ehr_user=sandbox-mh-clinician');
    expect(h.launches.at(-1)?.userId).toBe('sandbox-mh-clinician');
    await get('/ehr/launch?patient=persona-samira', 'ehr_user=sandbox-data-lead');
    expect(h.launches.at(-1)?.userId).toBe('sandbox-gp');
    await get('/ehr/launch?patient=persona-samira&encounter=e-old');
    expect(h.launches.at(-1)).toMatchObject({ patient: 'persona-samira', encounter: 'e-old' });
  });

  it('answers an unknown patient or a foreign encounter with a friendly 404 and no launch', async () => {
    const before = h.launches.length;
    for (const path of [
      '/ehr/launch?patient=nobody',
      '/ehr/launch',
      '/ehr/launch?patient=hostile&encounter=e-old',
    ]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Back to the patient list');
    }
    expect(h.launches.length).toBe(before);
  });

  it('launches a card smart link with the hook context and appContext', async () => {
    const instance = await hookInstance();
    const response = await get(`/ehr/smart-link?h=${instance}&s=0&c=0&l=1`);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${h.cds.url}/smart-app/launch`);
    expect(location.searchParams.get('iss')).toBe(`${h.base}/fhir`);
    expect(location.searchParams.get('launch')).toBe(`launch-${h.launches.length}`);
    expect(h.launches.at(-1)).toEqual({
      userId: 'sandbox-gp',
      patient: 'persona-samira',
      appContext: '{"card":"x"}',
      needPatientBanner: true,
    });
    expect((await get(`/ehr/smart-link?h=${instance}&s=0&c=0&l=0`)).status).toBe(404);
    expect(
      (await get(`/ehr/smart-link?h=${instance}&s=0&c=0&l=1`, 'ehr_user=sandbox-data-lead')).status,
    ).toBe(404);
  });
});

describe('EHR simulator: encounter-start', () => {
  it('creates an Encounter for the current user and fires encounter-start with it', async () => {
    const response = await fetch(`${h.base}/ehr/patients/persona-samira/encounters`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: 'ehr_user=sandbox-mh-clinician',
      },
      body: 'service=camhs',
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '', h.base);
    const encounterId = location.searchParams.get('encounter') ?? '';
    expect(location.pathname).toBe('/ehr/patients/persona-samira');
    expect(location.searchParams.get('hook')).toBe('encounter-start');
    const encounter = await h.repo.readResource('Encounter', encounterId);
    expect(encounter).toMatchObject({
      status: 'in-progress',
      subject: { reference: 'Patient/persona-samira' },
      participant: [{ individual: { reference: 'Practitioner/sandbox-mh-clinician' } }],
      serviceType: {
        coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode', code: '711' }],
      },
    });
    const chart = await (
      await fetch(location, { headers: { cookie: 'ehr_user=sandbox-mh-clinician' } })
    ).text();
    expect(chart).toContain('data-hook="encounter-start"');
    expect(chart).toContain(`data-encounter="${encounterId}"`);

    const fired = await post(
      '/ehr/api/hooks/encounter-start',
      { patientId: 'persona-samira', encounterId },
      'ehr_user=sandbox-mh-clinician',
    );
    const { hookInstance: instance } = (await fired.json()) as { hookInstance: string };
    const call = hookCall(h.cds, instance);
    expect(call.path).toBe('/cds-services/dva-encounter-start');
    expect(call.body.context).toEqual({
      userId: 'Practitioner/sandbox-mh-clinician',
      patientId: 'persona-samira',
      encounterId,
    });
  });

  it('refuses encounter-start without an encounter of that patient', async () => {
    expect((await post('/ehr/api/hooks/encounter-start', { patientId: 'persona-samira' })).status).toBe(400);
    expect(
      (await post('/ehr/api/hooks/encounter-start', { patientId: 'hostile', encounterId: 'e-old' })).status,
    ).toBe(404);
    expect((await post('/ehr/api/hooks/order-sign', { patientId: 'persona-samira' })).status).toBe(404);
    expect((await post('/ehr/api/hooks/patient-view', { patientId: 'nobody' })).status).toBe(404);
  });
});
