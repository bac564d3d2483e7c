import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdsDiscoveryResponse } from '../../../src/hooks/index.ts';
import { type Harness, startCds } from '../cds-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startCds();
});
afterAll(async () => {
  await h.close();
});

/** Tokens allowed in 2.0 prefetch templates (spec "Prefetch tokens"); first-level context fields only. */
const ALLOWED_TOKEN =
  /^(context\.[A-Za-z]+|userPractitionerId|userPractitionerRoleId|userPatientId|userRelatedPersonId)$/;
/** The hook's context fields (CDS Hooks Library 1.0). */
const CONTEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'patient-view': ['userId', 'patientId', 'encounterId'],
  'encounter-start': ['userId', 'patientId', 'encounterId'],
};
/** The RECOMMENDED query subset: instance read, or type search with reference/token/date params, _count, _sort. */
const QUERY = /^[A-Z][A-Za-z]+(\/\{\{context\.[A-Za-z]+\}\}|\?([a-z_:-]+=[^&]+)(&[a-z_:-]+=[^&]+)*)$/;

describe('discovery (CDS Hooks 2.0 "Discovery")', () => {
  it('lists services for patient-view and encounter-start with the required fields', async () => {
    const res = await h.get('/cds-services');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as CdsDiscoveryResponse;
    expect(doc.services.map((s) => s.hook).sort()).toEqual(['encounter-start', 'patient-view']);
    for (const s of doc.services) {
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.title?.length).toBeGreaterThan(0);
    }
  });

  it('prefetch templates use only valid 2.0 tokens of the hook context, in the recommended query subset', async () => {
    const doc = (await (await h.get('/cds-services')).json()) as CdsDiscoveryResponse;
    for (const s of doc.services) {
      for (const template of Object.values(s.prefetch ?? {})) {
        expect(template).toMatch(QUERY);
        for (const [, token] of template.matchAll(/\{\{([^}]*)\}\}/g)) {
          expect(token).toMatch(ALLOWED_TOKEN);
          const field = token?.replace(/^context\./, '') ?? '';
          if (token?.startsWith('context.')) expect(CONTEXT_FIELDS[s.hook]).toContain(field);
        }
      }
    }
  });
});
