import { afterEach, describe, expect, it } from 'vitest';
import { defaultCdsSpec, type EhrHarness, sampleCard, startEhrHarness } from './support/ehr.harness.ts';

let h: EhrHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function fire(harness: EhrHarness) {
  const response = await fetch(`${harness.base}/ehr/api/hooks/patient-view`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patientId: 'persona-samira' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    html: string;
    services: { id: string; status: string; cards: number }[];
  };
}

describe('EHR simulator: CDS failures stay discreet', () => {
  it('shows "Decision support unavailable" without detail when a service fails', async () => {
    h = await startEhrHarness({ ...defaultCdsSpec(), failing: ['dva-patient-view'] });
    const result = await fire(h);
    expect(result.html).toContain('Decision support unavailable');
    expect(result.html).not.toMatch(/boom|secret|500/);
    expect(result.services).toEqual([{ id: 'dva-patient-view', status: 'failed', cards: 0 }]);
  });

  it('shows the same when discovery cannot be reached', async () => {
    h = await startEhrHarness(defaultCdsSpec(), { cdsDiscoveryUrls: ['http://127.0.0.1:9/cds-services'] });
    const result = await fire(h);
    expect(result.html).toContain('Decision support unavailable');
    expect(result.services).toEqual([{ id: '', status: 'failed', cards: 0 }]);
  });

  it('drops a card that breaks a MUST and keeps the valid ones', async () => {
    const spec = defaultCdsSpec();
    h = await startEhrHarness({
      ...spec,
      cards: () => [
        { summary: 'No indicator', source: { label: 'x' } },
        { ...sampleCard(spec.smartUrl.value), selectionBehavior: undefined },
        { summary: 'Valid info card', indicator: 'info', source: { label: 'Safe Enquiry' } },
      ],
    });
    const result = await fire(h);
    expect(result.services).toEqual([{ id: 'dva-patient-view', status: 'ok', cards: 1 }]);
    expect(result.html).toContain('Valid info card');
    expect(result.html).not.toContain('Decision support unavailable');
  });

  it('offers a comment box only to cards that ask for it', async () => {
    const spec = defaultCdsSpec();
    h = await startEhrHarness({
      ...spec,
      cards: () => [
        { ...sampleCard(spec.smartUrl.value), extension: { 'org.safe-enquiry.override-comment': true } },
      ],
    });
    expect((await fire(h)).html).toContain('<textarea');
  });
});
