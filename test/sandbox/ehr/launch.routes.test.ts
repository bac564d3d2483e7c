import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeguardingLaunchUrlOf } from '../../../src/sandbox/ehr/launch.routes.ts';
import { type EhrHarness, startEhrHarness } from './support/ehr.harness.ts';

let h: EhrHarness;
beforeAll(async () => {
  h = await startEhrHarness();
});
afterAll(async () => {
  await h.close();
});

function get(path: string): Promise<Response> {
  return fetch(`${h.base}${path}`, { redirect: 'manual' });
}

function target(response: Response): URL {
  return new URL(response.headers.get('location') ?? '');
}

describe('EHR simulator: the safeguarding entry (least privilege)', () => {
  it('sends role=safeguarding to the safeguarding launch URL as the safeguarding lead, without a patient', async () => {
    const response = await get('/ehr/launch?role=safeguarding');
    expect(response.status).toBe(303);
    const location = target(response);
    expect(`${location.origin}${location.pathname}`).toBe(`${h.base}/app/safeguarding/launch`);
    expect(location.searchParams.get('iss')).toBe(`${h.base}/fhir`);
    expect(h.launches.at(-1)).toEqual({ userId: 'sandbox-safeguarding-lead', needPatientBanner: false });
  });

  it('keeps a named patient in the safeguarding launch, and clinicians on the recording launch URL', async () => {
    const review = target(await get('/ehr/launch?patient=persona-samira&role=safeguarding'));
    expect(review.pathname).toBe('/app/safeguarding/launch');
    expect(h.launches.at(-1)).toMatchObject({
      userId: 'sandbox-safeguarding-lead',
      patient: 'persona-samira',
    });
    const recording = target(await get('/ehr/launch?patient=persona-samira'));
    expect(recording.pathname).toBe('/app/launch');
  });

  it('still needs a patient for a clinician, and a patient for an encounter', async () => {
    const before = h.launches.length;
    for (const path of ['/ehr/launch?role=clinician', '/ehr/launch?role=safeguarding&encounter=e-old']) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(h.launches.length).toBe(before);
  });

  it('derives the safeguarding launch URL beside the recording one unless configured', () => {
    expect(safeguardingLaunchUrlOf({ appLaunchUrl: 'https://app.test/app/launch' })).toBe(
      'https://app.test/app/safeguarding/launch',
    );
    expect(
      safeguardingLaunchUrlOf({
        appLaunchUrl: 'https://app.test/app/launch',
        safeguardingLaunchUrl: 'https://review.test/start',
      }),
    ).toBe('https://review.test/start');
  });
});
