import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullSandbox, startFullSandbox } from './full-sandbox.harness.ts';
import { anyText, bodies, bodyHeaders, clean, deepJson } from './fuzz.arbitraries.ts';
import { FUZZ_RUNS, FuzzClient } from './fuzz.client.ts';

const SERVICES = ['safe-enquiry-patient-view', 'safe-enquiry-encounter-start'];
type Jwt = 'valid' | 'none' | 'garbage' | 'wrong-aud' | 'alg-none';

describe('hardening: /cds-services under random input, with and without a valid client JWT', () => {
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

  async function authorization(jwt: Jwt, audPath: string): Promise<Record<string, string>> {
    switch (jwt) {
      case 'none':
        return {};
      case 'valid':
        return { authorization: `Bearer ${await sandbox.cdsJwt(audPath)}` };
      case 'wrong-aud':
        return { authorization: `Bearer ${await sandbox.cdsJwt('/cds-services/another-service')}` };
      case 'alg-none':
        return { authorization: 'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJ4In0.' };
      case 'garbage':
        return { authorization: 'Bearer not.a.jwt' };
      default: {
        const unreachable: never = jwt;
        return unreachable;
      }
    }
  }

  const jwts = fc.constantFrom<Jwt>('valid', 'valid', 'valid', 'none', 'garbage', 'wrong-aud', 'alg-none');
  const serviceIds = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SERVICES) }, clean(fc.webSegment()));

  /** Hook requests that look right at a glance: valid and broken fields mixed. */
  const hookLike = (fhirServer: string, token: string) =>
    fc
      .record(
        {
          hook: fc.oneof(fc.constantFrom('patient-view', 'encounter-start'), anyText),
          hookInstance: fc.oneof(fc.uuid(), anyText),
          fhirServer: fc.constantFrom(fhirServer, 'http://127.0.0.1:9/fhir', 'ftp://x', 'not a url'),
          fhirAuthorization: fc.record(
            {
              access_token: fc.constantFrom(token, 'garbage'),
              token_type: fc.constantFrom('Bearer', 'MAC'),
              expires_in: fc.integer(),
              scope: anyText,
              subject: anyText,
            },
            { requiredKeys: [] },
          ),
          context: fc.record(
            {
              userId: fc.oneof(
                fc.constantFrom(
                  'Practitioner/sandbox-gp',
                  'Patient/persona-samira',
                  'RelatedPerson/rp-seed-001-001',
                ),
                anyText,
              ),
              patientId: fc.oneof(
                fc.constantFrom('persona-samira', 'seed-001', 'persona-tara', 'nobody'),
                anyText,
              ),
              encounterId: fc.oneof(fc.constantFrom('enc-persona-samira-001'), anyText),
            },
            { requiredKeys: [] },
          ),
          prefetch: fc.dictionary(
            fc.oneof(fc.constantFrom('patient', 'conditions', 'observations', 'encounters'), anyText),
            fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(null)),
            { maxKeys: 4 },
          ),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v));

  it('answers random hook calls without a crash or a stack, and refuses every bad JWT with a bare 401', async () => {
    const hookBodies = fc.oneof(
      hookLike(`${sandbox.baseUrl}/fhir`, sandbox.tokens.service),
      bodies.map((b) => b.body),
      deepJson,
    );
    await fc.assert(
      fc.asyncProperty(serviceIds, jwts, hookBodies, async (id, jwt, body) => {
        const path = `/cds-services/${id}`;
        const reply = await client.send('cds-services', {
          method: 'POST',
          path,
          headers: { ...(await authorization(jwt, path)), 'content-type': 'application/json' },
          body,
        });
        if (jwt !== 'valid' && SERVICES.includes(id)) expect([reply.status, reply.body]).toEqual([401, '']);
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });

  it('answers random feedback and discovery calls without a crash or a stack', async () => {
    const item = fc.record(
      {
        card: fc.oneof(fc.uuid(), anyText),
        outcome: fc.oneof(fc.constantFrom('accepted', 'overridden'), anyText),
        outcomeTimestamp: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          anyText,
        ),
        acceptedSuggestions: fc.array(fc.record({ id: anyText }), { maxLength: 3 }),
        overrideReason: fc.record(
          { reason: fc.record({ code: anyText, system: anyText }), userComment: anyText },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    const feedback = fc.oneof(
      fc.array(item, { maxLength: 4 }).map((feedbackItems) => JSON.stringify({ feedback: feedbackItems })),
      bodies.map((b) => b.body),
    );
    await fc.assert(
      fc.asyncProperty(serviceIds, jwts, feedback, fc.boolean(), async (id, jwt, body, discovery) => {
        const path = discovery ? '/cds-services' : `/cds-services/${id}/feedback`;
        await client.send('cds-services', {
          method: discovery ? 'GET' : 'POST',
          path,
          headers: { ...(await authorization(jwt, path)), 'content-type': 'application/json' },
          body,
        });
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });

  it('answers any content type and encoding behind a valid JWT with a 4xx outcome or a response', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const path = `/cds-services/${SERVICES[0]}`;
        await client.send('cds-services', {
          method: 'POST',
          path,
          headers: { ...(await authorization('valid', path)), ...bodyHeaders(body) },
          body: body.body,
        });
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });
});
