import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEhrSimulator } from '../../../src/sandbox/ehr/index.ts';
import { CARD_UUID, defaultCdsSpec, type EhrHarness, startEhrHarness } from './support/ehr.harness.ts';

let h: EhrHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function firePatientView(harness: EhrHarness) {
  const response = await fetch(`${harness.base}/ehr/api/hooks/patient-view`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patientId: 'persona-samira' }),
  });
  return (await response.json()) as { hookInstance: string; html: string; services: { status: string }[] };
}

describe('EHR simulator options', () => {
  it('gives up on a service that does not answer within hookTimeoutMs', async () => {
    h = await startEhrHarness({ ...defaultCdsSpec(), silent: ['dva-patient-view'] }, { hookTimeoutMs: 300 });
    const started = Date.now();
    const result = await firePatientView(h);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.services).toEqual([{ id: 'dva-patient-view', status: 'failed', cards: 0 }]);
    expect(result.html).toContain('Decision support unavailable');
  });

  it('sends accepted feedback for a launched smart link only when configured to', async () => {
    h = await startEhrHarness(defaultCdsSpec(), { smartLinkFeedback: 'accepted' });
    const { hookInstance } = await firePatientView(h);
    const response = await fetch(`${h.base}/ehr/smart-link?h=${hookInstance}&s=0&c=0&l=1`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(h.cds.feedbackRequests.at(-1)?.body).toEqual({
      feedback: [{ card: CARD_UUID, outcome: 'accepted', outcomeTimestamp: expect.any(String) }],
    });
  });

  it('sends no feedback for a smart link by default', async () => {
    h = await startEhrHarness();
    const { hookInstance } = await firePatientView(h);
    await fetch(`${h.base}/ehr/smart-link?h=${hookInstance}&s=0&c=0&l=1`, { redirect: 'manual' });
    expect(h.cds.feedbackRequests).toEqual([]);
  });

  it('keeps its signing key across restarts when given a dataDir', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ehr-sim-'));
    try {
      const deps = {
        repo: {
          readResource: async () => undefined,
          searchResources: async () => [],
          createResource: async () => undefined,
        },
        createLaunch: async () => 'l',
        mintAccessToken: async () => 't',
      };
      const first = await createEhrSimulator({ publicBaseUrl: 'http://localhost:8080/', dataDir: dir }, deps);
      const second = await createEhrSimulator({ publicBaseUrl: 'http://localhost:8080', dataDir: dir }, deps);
      expect(first.issuer).toBe('http://localhost:8080/ehr');
      expect(second.jwks).toEqual(first.jwks);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
