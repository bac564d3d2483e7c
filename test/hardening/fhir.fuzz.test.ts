import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullSandbox, startFullSandbox } from './full-sandbox.harness.ts';
import { bodies, bodyHeaders, METHODS, pathUnder, queryOf } from './fuzz.arbitraries.ts';
import { FUZZ_RUNS, FuzzClient } from './fuzz.client.ts';

const KNOWN_SEGMENTS = [
  '',
  'metadata',
  'Patient/persona-samira',
  'Condition/cond-persona-samira-004',
  'Patient/persona-samira/_history',
  'Patient',
  'Condition',
  'Observation',
  'Encounter',
  'Flag',
  'AuditEvent',
  'persona-samira',
  'seed-001',
  '_history',
  '_search',
  '.well-known',
  'smart-configuration',
];
const KNOWN_PARAMS = [
  '_count',
  '_offset',
  '_sort',
  '_include',
  '_revinclude',
  '_elements',
  '_summary',
  '_security',
  '_id',
  '_has:Observation:patient:code',
  'patient',
  'subject',
  'code',
  'date',
  'name',
  'birthdate',
  'identifier',
  '_format',
];

type Credential = 'none' | 'gp' | 'patient' | 'garbage' | 'basic';

describe('hardening: /fhir under random input', () => {
  let sandbox: FullSandbox;
  let client: FuzzClient;

  beforeAll(async () => {
    sandbox = await startFullSandbox();
    client = new FuzzClient(sandbox.baseUrl);
  });
  afterAll(async () => {
    console.info(client.report());
    await sandbox.close();
  });

  function authorization(credential: Credential): Record<string, string> {
    switch (credential) {
      case 'none':
        return {};
      case 'gp':
        return { authorization: `Bearer ${sandbox.tokens.gp}` };
      case 'patient':
        return { authorization: `Bearer ${sandbox.tokens.patient}` };
      case 'garbage':
        return { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' };
      case 'basic':
        return { authorization: 'Basic dXNlcjpwYXNz' };
      default: {
        const unreachable: never = credential;
        return unreachable;
      }
    }
  }

  const credentials = fc.constantFrom<Credential>('none', 'gp', 'gp', 'patient', 'garbage', 'basic');

  it('answers random paths, queries, methods and bodies without a crash, a stack or a non-FHIR error', async () => {
    const request = fc.record({
      method: METHODS,
      path: pathUnder('/fhir', KNOWN_SEGMENTS),
      query: queryOf(KNOWN_PARAMS),
      credential: credentials,
      body: bodies,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        await client.send('fhir', {
          method: r.method,
          path: `${r.path}${r.query}`,
          headers: { ...authorization(r.credential), ...bodyHeaders(r.body) },
          body: r.body.body,
        });
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });

  it('answers random searches by an authorised clinician with a Bundle or an OperationOutcome', async () => {
    const search = fc.record({
      type: fc.constantFrom('Patient', 'Condition', 'Observation', 'Encounter', 'Flag'),
      query: queryOf(KNOWN_PARAMS),
    });
    await fc.assert(
      fc.asyncProperty(search, async ({ type, query }) => {
        const reply = await client.send('fhir', {
          method: 'GET',
          path: `/fhir/${type}${query}`,
          headers: authorization('gp'),
        });
        if (reply.status === 431) return;
        const body = JSON.parse(reply.body) as { resourceType?: string };
        expect(body.resourceType).toBe(reply.status < 300 ? 'Bundle' : 'OperationOutcome');
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });

  it('answers transactions and batches of random entries entry by entry or not at all', async () => {
    const entry = fc.record({
      resource: fc.jsonValue({ maxDepth: 4 }),
      request: fc.record({ method: METHODS, url: pathUnder('', KNOWN_SEGMENTS) }, { requiredKeys: [] }),
    });
    const bundle = fc.record({
      type: fc.constantFrom('transaction', 'batch', 'collection', 'searchset'),
      entry: fc.array(entry, { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(bundle, fc.constantFrom<Credential>('gp', 'patient'), async (b, credential) => {
        await client.send('fhir', {
          method: 'POST',
          path: '/fhir',
          headers: { ...authorization(credential), 'content-type': 'application/fhir+json' },
          body: JSON.stringify({ resourceType: 'Bundle', ...b }),
        });
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });
});
