import { describe, expect, it } from 'vitest';
import { fetchPrefetch } from '../../../src/sandbox/ehr/prefetch.fetcher.ts';

const BASE = 'http://fhir.test/fhir';
const CONTEXT = { userId: 'Practitioner/sandbox-gp', patientId: 'p1' };
const TODAY = new Date('2026-03-07T00:00:00Z');

type Route = (url: string) => Response | Promise<Response>;

function fakeFetch(
  routes: Record<string, Route>,
  seen: { url: string; auth: string | null }[],
): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const route = routes[url];
    if (!route) return new Response('{}', { status: 404 });
    return route(url);
  };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json' } });

function target(fetchFn: typeof fetch) {
  return { fhirBaseUrl: BASE, accessToken: 'tok', fetch: fetchFn, signal: AbortSignal.timeout(5000) };
}

describe('fetchPrefetch', () => {
  it('sends what the FHIR server returned, with the service token, and null for a read with no data', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const patient = { resourceType: 'Patient', id: 'p1' };
    const bundle = { resourceType: 'Bundle', type: 'searchset', total: 0 };
    const fetchFn = fakeFetch(
      { [`${BASE}/Patient/p1`]: json(patient), [`${BASE}/Condition?patient=p1`]: json(bundle) },
      seen,
    );
    const result = await fetchPrefetch(
      {
        patient: 'Patient/{{context.patientId}}',
        conditions: 'Condition?patient={{context.patientId}}',
        user: '{{context.userId}}',
      },
      CONTEXT,
      TODAY,
      target(fetchFn),
    );
    expect(result.prefetch).toEqual({ patient, conditions: bundle, user: null });
    expect(result.outcomes).toEqual({ patient: 'sent', conditions: 'sent', user: 'null' });
    expect(seen.every((s) => s.auth === 'Bearer tok')).toBe(true);
  });

  it('omits keys whose query failed or could not be resolved', async () => {
    const fetchFn = fakeFetch(
      {
        [`${BASE}/Condition?patient=p1`]: json({ resourceType: 'OperationOutcome' }, 500),
        [`${BASE}/Observation?patient=p1`]: () => Promise.reject(new TypeError('network down')),
        [`${BASE}/Flag?patient=p1`]: json({ resourceType: 'OperationOutcome' }, 403),
      },
      [],
    );
    const result = await fetchPrefetch(
      {
        conditions: 'Condition?patient={{context.patientId}}',
        observations: 'Observation?patient={{context.patientId}}',
        flags: 'Flag?patient={{context.patientId}}',
        encounter: 'Encounter/{{context.encounterId}}',
      },
      CONTEXT,
      TODAY,
      target(fetchFn),
    );
    expect(result.prefetch).toEqual({});
    expect(result.outcomes).toEqual({
      conditions: 'failed',
      observations: 'failed',
      flags: 'failed',
      encounter: 'skipped',
    });
  });

  it('merges all pages of a search into one page without next links', async () => {
    const page1 = {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [
        { relation: 'self', url: `${BASE}/Condition?patient=p1` },
        { relation: 'next', url: `${BASE}/Condition?patient=p1&_offset=1` },
      ],
      entry: [{ resource: { resourceType: 'Condition', id: 'a' } }],
    };
    const page2 = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: { resourceType: 'Condition', id: 'b' } }],
    };
    const fetchFn = fakeFetch(
      {
        [`${BASE}/Condition?patient=p1`]: json(page1),
        [`${BASE}/Condition?patient=p1&_offset=1`]: json(page2),
      },
      [],
    );
    const result = await fetchPrefetch(
      { c: 'Condition?patient={{context.patientId}}' },
      CONTEXT,
      TODAY,
      target(fetchFn),
    );
    expect(result.prefetch.c).toEqual({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: { resourceType: 'Condition', id: 'a' } },
        { resource: { resourceType: 'Condition', id: 'b' } },
      ],
    });
  });

  it('does not follow a next link to another server', async () => {
    const page1 = {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [{ relation: 'next', url: 'http://elsewhere.test/fhir/Condition?page=2' }],
    };
    const seen: { url: string; auth: string | null }[] = [];
    const fetchFn = fakeFetch({ [`${BASE}/Condition?patient=p1`]: json(page1) }, seen);
    const result = await fetchPrefetch(
      { c: 'Condition?patient={{context.patientId}}' },
      CONTEXT,
      TODAY,
      target(fetchFn),
    );
    expect(result.outcomes.c).toBe('failed');
    expect(seen.map((s) => s.url)).toEqual([`${BASE}/Condition?patient=p1`]);
  });
});
