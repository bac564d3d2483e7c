import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullSandbox, startFullSandbox } from './full-sandbox.harness.ts';
import { anyText, bodies, bodyHeaders, METHODS, pathUnder, queryOf } from './fuzz.arbitraries.ts';
import { FUZZ_RUNS, FuzzClient } from './fuzz.client.ts';

interface Surface {
  readonly target: string;
  readonly prefix: string;
  readonly segments: readonly string[];
  readonly params: readonly string[];
}

/** Each page-serving surface: known routes (whole sub-paths, half of the generated paths) and its parameters. */
const SURFACES: readonly Surface[] = [
  {
    target: 'ehr',
    prefix: '/ehr',
    segments: [
      '',
      'patients',
      'patients/persona-samira',
      'patients/seed-001/encounters',
      'launch',
      'smart-link',
      'user',
      'api/hooks/patient-view',
      'api/hooks/encounter-start',
      'api/feedback',
      'static/ehr.css',
      '.well-known/jwks.json',
      'export',
      'export/export.css',
      'export/runs/abc',
      'export/runs/abc/measures.csv',
    ],
    params: ['patient', 'encounter', 'role', 'h', 's', 'c', 'l', 'q', 'user', 'returnTo', 'from', 'to'],
  },
  {
    target: 'auth',
    prefix: '/auth',
    segments: [
      'authorize',
      'token',
      'jwks',
      'introspect',
      'revoke',
      'userinfo',
      'interaction/abc',
      'interaction/abc/login',
      '.well-known/openid-configuration',
    ],
    params: [
      'client_id',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
      'aud',
      'launch',
      'grant_type',
      'code',
      'code_verifier',
      'refresh_token',
    ],
  },
  {
    target: 'portal',
    prefix: '/portal',
    segments: [
      '',
      'summary',
      'proxy',
      'proxy/seed-001',
      'proxy/seed-002/summary',
      'proxy/seed-003',
      'static/portal.css',
    ],
    params: ['patient', 'page', '_count'],
  },
  {
    target: 'app',
    prefix: '/app',
    segments: [
      '',
      'launch',
      'config.json',
      'assets',
      'favicon.svg',
      'index.html',
      '..%2F..%2Fpackage.json',
      'assets/..%2f..%2fpackage.json',
    ],
    params: ['iss', 'launch', 'code', 'state', 'error'],
  },
];

describe('hardening: the EHR simulator, SMART auth, patient portal and app under random input', () => {
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

  it.each(SURFACES.map((s) => [s.target, s] as const))(
    '%s: no crash, no stack, no secret, whatever is sent',
    async (_name, surface) => {
      const request = fc.record({
        method: METHODS,
        path: pathUnder(surface.prefix, surface.segments),
        query: queryOf(surface.params),
        body: bodies,
        cookie: fc.option(
          fc.oneof(
            fc.constantFrom('ehr_user=sandbox-gp', 'ehr_user=sandbox-data-lead', 'ehr_user=nobody'),
            anyText.filter((t) => /^[\x21-\x7e]*$/.test(t)),
          ),
          { nil: undefined },
        ),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          await client.send(surface.target, {
            method: r.method,
            path: `${r.path}${r.query}`,
            headers: { ...bodyHeaders(r.body), ...(r.cookie !== undefined ? { cookie: r.cookie } : {}) },
            body: r.body.body,
          });
        }),
        { numRuns: FUZZ_RUNS * 2 },
      );
      expect(client.problems).toEqual([]);
      expect(await client.healthy()).toBe(true);
    },
  );

  it('ehr: answers random hook and feedback requests from the page with an outcome, never a stack', async () => {
    const hookBody = fc.record(
      {
        patientId: fc.oneof(fc.constantFrom('persona-samira', 'seed-001', 'nobody'), anyText),
        encounterId: fc.oneof(fc.constantFrom('enc-persona-samira-001'), anyText),
        sendPrefetch: fc.oneof(fc.boolean(), anyText),
        hookInstance: fc.oneof(fc.uuid(), anyText),
        service: fc.integer({ min: -2, max: 1200 }),
        card: fc.integer({ min: -2, max: 1200 }),
        outcome: fc.oneof(fc.constantFrom('accepted', 'overridden'), anyText),
      },
      { requiredKeys: [] },
    );
    const path = fc.constantFrom(
      '/ehr/api/hooks/patient-view',
      '/ehr/api/hooks/encounter-start',
      '/ehr/api/feedback',
    );
    await fc.assert(
      fc.asyncProperty(path, hookBody, async (p, body) => {
        await client.send('ehr', {
          method: 'POST',
          path: p,
          headers: { 'content-type': 'application/json', cookie: 'ehr_user=sandbox-gp' },
          body: JSON.stringify(body),
        });
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(client.problems).toEqual([]);
    expect(await client.healthy()).toBe(true);
  });
});
