import type { Bundle, OperationOutcome, Patient } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, FHIR_JSON_HEADERS, startFhirServer, type TestFhirServer } from './fhir-test-server.ts';

let server: TestFhirServer;
const APP_ORIGIN = 'https://app.example.test';

beforeAll(async () => {
  server = await startFhirServer({ allowedOrigins: [APP_ORIGIN], maxBodyBytes: 64 * 1024 });
});

afterAll(async () => {
  await server.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(`${server.base}/${path}`, {
    method: 'POST',
    headers: { ...FHIR_JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
}

const patient: Patient = { resourceType: 'Patient', name: [{ family: 'Adapter' }] };

describe('write responses', () => {
  it('honours Prefer: return=minimal, OperationOutcome and representation', async () => {
    const minimal = await post('Patient', patient, { prefer: 'return=minimal' });
    const outcome = await post('Patient', patient, { prefer: 'return=OperationOutcome' });
    const representation = await post('Patient', patient, { prefer: 'return=representation' });
    expect(minimal.status).toBe(201);
    expect(minimal.text).toBe('');
    expect(minimal.headers.get('location')).toMatch(/\/fhir\/Patient\/[^/]+\/_history\/[^/]+$/);
    expect((outcome.json as OperationOutcome).resourceType).toBe('OperationOutcome');
    expect((representation.json as Patient).name?.[0]?.family).toBe('Adapter');
  });

  it('sends ETag, Last-Modified and an absolute Location on create', async () => {
    const reply = await post('Patient', { ...patient, id: 'client-chosen' });
    const created = reply.json as Patient;
    expect(created.id).not.toBe('client-chosen');
    expect(reply.headers.get('etag')).toBe(`W/"${created.meta?.versionId}"`);
    expect(reply.headers.get('last-modified')).toBe(new Date(created.meta?.lastUpdated ?? '').toUTCString());
    expect(reply.headers.get('location')).toBe(
      `${server.base}/Patient/${created.id}/_history/${created.meta?.versionId}`,
    );
    expect(reply.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
  });

  it('answers 201 for an update that creates, then 200', async () => {
    const put = () =>
      call(`${server.base}/Patient/chosen-id`, {
        method: 'PUT',
        headers: FHIR_JSON_HEADERS,
        body: JSON.stringify({ ...patient, id: 'chosen-id' }),
      });
    expect((await put()).status).toBe(201);
    expect((await put()).status).toBe(200);
  });

  it('applies a JSON Patch and refuses a patch body of the wrong shape', async () => {
    const created = (await post('Patient', patient)).json as Patient;
    const patch = (body: unknown) =>
      call(`${server.base}/Patient/${created.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json-patch+json' },
        body: JSON.stringify(body),
      });
    const ok = await patch([{ op: 'add', path: '/gender', value: 'female' }]);
    expect(ok.status).toBe(200);
    expect((ok.json as Patient).gender).toBe('female');
    expect((await patch({ op: 'add' })).status).toBe(400);
  });

  it('decorates transaction-response entries with fullUrl, versioned location and etag', async () => {
    const reply = await post('', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: patient, request: { method: 'POST', url: 'Patient' } }],
    });
    const entry = (reply.json as Bundle).entry?.[0];
    const id = entry?.resource?.id;
    const version = entry?.resource?.meta?.versionId;
    expect(entry?.fullUrl).toBe(`${server.base}/Patient/${id}`);
    expect(entry?.response?.location).toBe(`Patient/${id}/_history/${version}`);
    expect(entry?.response?.etag).toBe(`W/"${version}"`);
  });
});

describe('reads and pages', () => {
  it('answers HEAD like GET without a body', async () => {
    const created = (await post('Patient', patient)).json as Patient;
    const reply = await call(`${server.base}/Patient/${created.id}`, { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(reply.headers.get('etag')).toBe(`W/"${created.meta?.versionId}"`);
  });

  it('defaults _count to 20, caps it at 1000 and links pages from the public base', async () => {
    for (let i = 0; i < 3; i++) await post('Patient', { ...patient, name: [{ family: 'Paged' }] });
    const byDefault = (await call(`${server.base}/Patient?family=Paged`)).json as Bundle;
    const capped = (await call(`${server.base}/Patient?family=Paged&_count=5000`)).json as Bundle;
    const middle = (await call(`${server.base}/Patient?family=Paged&_count=1&_offset=1`)).json as Bundle;
    const link = (b: Bundle, relation: string) => b.link?.find((l) => l.relation === relation)?.url;
    expect(link(byDefault, 'self')).toBe(`${server.base}/Patient?family=Paged&_count=20`);
    expect(link(capped, 'self')).toContain('_count=1000');
    expect(link(middle, 'next')).toBe(`${server.base}/Patient?family=Paged&_count=1&_offset=2`);
    expect(link(middle, 'previous')).toBe(`${server.base}/Patient?family=Paged&_count=1`);
    expect(middle.entry?.[0]?.fullUrl).toMatch(new RegExp(`^${server.base}/Patient/`));
  });

  it('serves type-level history with _since', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    await post('Patient', { ...patient, name: [{ family: 'Historic' }] });
    const all = (await call(`${server.base}/Patient/_history?_since=${encodeURIComponent(before)}`))
      .json as Bundle;
    const none = (await call(`${server.base}/Patient/_history?_since=2999-01-01`)).json as Bundle;
    expect(all.type).toBe('history');
    expect(all.total).toBeGreaterThan(0);
    expect(none.total).toBe(0);
  });
});

describe('refusals', () => {
  it.each([
    ['an unknown type', 'GET', 'Unicorn', undefined, 404],
    ['an unsupported operation', 'GET', 'Patient/$everything', undefined, 404],
    ['a malformed escape', 'GET', 'Patient/%E0%A4%A', undefined, 400],
    ['a bad _count', 'GET', 'Patient?_count=-1', undefined, 400],
    ['a bad _since', 'GET', 'Patient/_history?_since=yesterday', undefined, 400],
    ['an unsupported method', 'DELETE', 'Patient/_history', undefined, 405],
    ['a write with no body', 'POST', 'Patient', '', 400],
    ['a non-Bundle at the base', 'POST', '', '{"resourceType":"Patient"}', 400],
    [
      'a Bundle of the wrong type',
      'POST',
      '',
      '{"resourceType":"Bundle","type":"collection","entry":[]}',
      400,
    ],
    ['a mismatched type', 'POST', 'Patient', '{"resourceType":"Observation"}', 400],
    ['an invalid resource', 'POST', 'Patient', '{"resourceType":"Patient","birthDate":"soon"}', 400],
    ['a mismatched id', 'PUT', 'Patient/a', '{"resourceType":"Patient","id":"b"}', 400],
    ['a JSON scalar', 'POST', 'Patient', '"Patient"', 400],
    [
      'deep nonsense',
      'POST',
      'Patient',
      `{"resourceType":"Patient","contained":${'['.repeat(500)}${']'.repeat(500)}}`,
      400,
    ],
  ])('refuses %s with an OperationOutcome', async (_name, method, path, body, status) => {
    const init: RequestInit = { method, headers: FHIR_JSON_HEADERS };
    if (body !== undefined) init.body = body;
    const reply = await call(`${server.base}/${path}`, init);
    expect(reply.status).toBe(status);
    expect((reply.json as OperationOutcome).resourceType).toBe('OperationOutcome');
    expect(reply.text).not.toMatch(/\n\s+at /);
  });

  it('refuses a batch entry of a non-R4 (Medplum-only) type', async () => {
    const reply = await post('', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'POST', url: 'Project' }, resource: { resourceType: 'Project' } }],
    });
    expect(reply.status).toBe(200);
    expect((reply.json as Bundle).entry?.[0]?.response?.status).toMatch(/^4/);
  });

  it('names the allowed methods on 405', async () => {
    const reply = await call(`${server.base}/Patient/_history`, { method: 'DELETE' });
    expect(reply.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses a non-JSON body with 415 and an oversized one with 413', async () => {
    const text = await call(`${server.base}/Patient`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    const big = await post('Patient', { ...patient, text: { status: 'generated', div: 'x'.repeat(70_000) } });
    expect(text.status).toBe(415);
    expect(big.status).toBe(413);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    call(`${server.base}/Patient`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });

  it('allows the base origin and configured app origins, with Authorization', async () => {
    for (const origin of [server.origin, APP_ORIGIN]) {
      const reply = await preflight(origin);
      expect(reply.status).toBe(204);
      expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
      expect(reply.headers.get('access-control-allow-headers')).toContain('Authorization');
    }
  });

  it('gives other origins no CORS headers', async () => {
    const reply = await preflight('https://evil.example.test');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes Location and ETag to allowed browsers', async () => {
    const reply = await call(`${server.base}/metadata`, { headers: { origin: APP_ORIGIN } });
    expect(reply.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(reply.headers.get('access-control-expose-headers')).toContain('Location');
  });
});
