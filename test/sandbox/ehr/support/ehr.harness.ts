import express from 'express';
import {
  createEhrSimulator,
  type EhrLaunchContext,
  type EhrOptions,
  type EhrSimulator,
  type MintAccessTokenRequest,
} from '../../../../src/sandbox/ehr/index.ts';
import { createFhirService, type SandboxRepository } from '../../../../src/sandbox/fhir/index.ts';
import {
  createFhirRecorder,
  type FakeCdsService,
  type FakeCdsSpec,
  listen,
  type RecordedRequest,
  startFakeCdsService,
} from './fake-servers.ts';
import { SEED } from './records.fixture.ts';

export const CARD_UUID = '3f1d7a52-6c1e-4f1b-9d0a-8a5e2b7c9d10';
export const SUGGESTION_UUID = 'b7e3c1d2-1111-4a2b-8c3d-4e5f6a7b8c9d';
export const REASONS = [
  { system: 'https://example.org/override', code: 'not-alone', display: 'Patient not alone' },
  { system: 'https://example.org/override', code: 'not-relevant', display: 'Not relevant' },
];

/** The card the fake service returns: every renderable part, with hostile markdown in the detail. */
export function sampleCard(smartUrl: string): Record<string, unknown> {
  return {
    uuid: CARD_UUID,
    summary: 'Consider a private conversation',
    indicator: 'warning',
    detail:
      '**Evidence**: anxiety\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) [good](https://example.org/guide)',
    source: { label: 'Safe Enquiry', topic: { code: 'safe-enquiry', display: 'Safe enquiry' } },
    selectionBehavior: 'at-most-one',
    suggestions: [{ label: 'Book a longer appointment', uuid: SUGGESTION_UUID, actions: [] }],
    overrideReasons: REASONS,
    links: [
      { label: 'Guidance', url: 'https://example.org/guide', type: 'absolute' },
      { label: 'Open Safe Enquiry', url: smartUrl, type: 'smart', appContext: '{"card":"x"}' },
    ],
  };
}

export function defaultCdsSpec(): FakeCdsSpec & { smartUrl: { value: string } } {
  const smartUrl = { value: '' };
  return {
    smartUrl,
    services: [
      {
        hook: 'patient-view',
        id: 'dva-patient-view',
        title: 'Safe enquiry',
        description: 'Prompts for safe enquiry',
        prefetch: {
          patient: 'Patient/{{context.patientId}}',
          conditions: 'Condition?patient={{context.patientId}}',
          user: '{{context.userId}}',
          encounter: 'Encounter/{{context.encounterId}}',
        },
      },
      { hook: 'encounter-start', id: 'dva-encounter-start', description: 'Routine enquiry in MH' },
      { hook: 'order-sign', id: 'unrelated', description: 'Not called' },
    ],
    cards: () => [sampleCard(smartUrl.value)],
  };
}

export interface EhrHarness {
  readonly base: string;
  readonly ehr: EhrSimulator;
  readonly cds: FakeCdsService;
  readonly repo: SandboxRepository;
  readonly fhirRequests: RecordedRequest[];
  readonly failingFhir: Set<string>;
  readonly launches: EhrLaunchContext[];
  readonly tokens: MintAccessTokenRequest[];
  close(): Promise<void>;
}

/** The simulator mounted at /ehr beside a fake FHIR endpoint at /fhir, with a fake CDS service elsewhere. */
export async function startEhrHarness(
  spec: FakeCdsSpec & { smartUrl?: { value: string } } = defaultCdsSpec(),
  options: Partial<EhrOptions> = {},
): Promise<EhrHarness> {
  const cds = await startFakeCdsService(spec);
  if (spec.smartUrl) spec.smartUrl.value = `${cds.url}/smart-app/launch`;
  const app = express();
  const server = await listen(app);
  const fhirService = await createFhirService({ baseUrl: `${server.url}/fhir` });
  const { repo } = fhirService;
  for (const resource of SEED) await repo.createResource(resource);
  const fhir = createFhirRecorder();
  const launches: EhrLaunchContext[] = [];
  const tokens: MintAccessTokenRequest[] = [];
  const ehr = await createEhrSimulator(
    { publicBaseUrl: server.url, cdsDiscoveryUrls: [cds.discoveryUrl], ...options },
    {
      repo,
      createLaunch: async (ctx) => {
        launches.push(ctx);
        return `launch-${launches.length}`;
      },
      mintAccessToken: async (request) => {
        tokens.push(request);
        return `token-${tokens.length}`;
      },
    },
  );
  app.use('/fhir', fhir.middleware, fhirService.router);
  app.use('/ehr', ehr.router);
  return {
    base: server.url,
    ehr,
    cds,
    repo,
    fhirRequests: fhir.requests,
    failingFhir: fhir.failing,
    launches,
    tokens,
    async close() {
      await ehr.close();
      await server.close();
      await cds.close();
      await fhirService.close();
    },
  };
}

export interface HookCall {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

/** The one request the fake CDS service received for a hook instance (fails the test otherwise). */
export function hookCall(cds: FakeCdsService, hookInstance: string): HookCall {
  const calls = cds.hookRequests.filter(
    (r) =>
      typeof r.body === 'object' &&
      r.body !== null &&
      'hookInstance' in r.body &&
      r.body.hookInstance === hookInstance,
  );
  const [call] = calls;
  if (calls.length !== 1 || call === undefined)
    throw new Error(`expected one call for ${hookInstance}, got ${calls.length}`);
  return { path: call.path, authorization: call.authorization, body: call.body as Record<string, unknown> };
}
