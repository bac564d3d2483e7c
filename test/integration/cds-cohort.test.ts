import type { Bundle } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CdsCard, checkResponseInvariants } from '../../src/hooks/index.ts';
import {
  SEED_RULE_IDS,
  type SeedExpectation,
  type SeedRuleId,
  seedExpectations,
} from '../../src/sandbox/seed/index.ts';
import { type CdsTestClient, createCdsTestClient, fetchJson, getSigned } from './helpers/cds-client.ts';
import { callHook, type DiscoveredService, firedSeedRules, type HookCall } from './helpers/cds-hook.ts';
import { makeTempDir, type RunningSandbox, startSandbox } from './helpers/sandbox.ts';

/** The seeded cohort through the real CDS service, as an outside EHR calls it (own ES384 key, CDS_CLIENTS_FILE). */

let s: RunningSandbox;
let ehr: CdsTestClient;
let services: Readonly<Record<'patient-view' | 'encounter-start', DiscoveredService>>;
/** Rules fired per patient (patient-view with prefetch), for the prompt rate. */
const fired = new Map<string, readonly SeedRuleId[]>();

const SURFACE_WORDS = /abuse|domestic|violence|dva|perpetrator/i;

beforeAll(async () => {
  const tempDir = await makeTempDir();
  ehr = await createCdsTestClient();
  s = await startSandbox({ tempDir, cdsClientsFile: await ehr.writeClientsFile(tempDir) });
  const discovery = await getSigned<{ services: DiscoveredService[] }>(ehr, `${s.base}/cds-services`);
  const byHook = (hook: string) => {
    const found = discovery.body?.services.find((svc) => svc.hook === hook);
    if (!found) throw new Error(`discovery lists no ${hook} service (status ${discovery.status})`);
    return found;
  };
  services = { 'patient-view': byHook('patient-view'), 'encounter-start': byHook('encounter-start') };
});

afterAll(async () => {
  await s?.stop();
});

/** Everything on a card's surface (seen before it is opened) must be discreet. */
function surfaceTexts(card: CdsCard): string[] {
  return [
    card.summary,
    card.source.label,
    ...(card.suggestions ?? []).map((x) => x.label),
    ...(card.links ?? []).map((l) => l.label),
    ...(card.overrideReasons ?? []).map((r) => r.display ?? ''),
  ];
}

/** Calls the service and returns the rules it fired, checking the answer on the way. */
async function firedBy(call: HookCall): Promise<SeedRuleId[]> {
  const reply = await callHook(s, ehr, services[call.hook], call);
  expect(
    reply.status,
    `${call.hook} ${call.withPrefetch ? 'with' : 'without'} prefetch: ${reply.text.slice(0, 300)}`,
  ).toBe(200);
  const response = reply.body;
  const answered = s.events.find(
    (e) => e.event === 'cds.hook.answered' && e.fields.hookInstance === reply.hookInstance,
  );
  if (call.withPrefetch) expect(answered?.fields.fetched, 'no callback when prefetch is complete').toBe(0);
  else expect(answered?.fields.prefetched, 'everything by callback').toBe(0);
  expect(checkResponseInvariants(response).filter((v) => v.severity === 'error')).toEqual([]);
  expect(response?.cards.length ?? 0).toBeLessThanOrEqual(1);
  for (const card of response?.cards ?? []) {
    for (const text of surfaceTexts(card)) expect(text).not.toMatch(SURFACE_WORDS);
  }
  return firedSeedRules(response);
}

function rowCall(row: SeedExpectation, withPrefetch: boolean): HookCall {
  return {
    hook: 'patient-view',
    userId: row.userId,
    patientId: row.patientId,
    encounterId: row.encounterId,
    withPrefetch,
  };
}

describe('seed cohort through /cds-services', () => {
  it.for(seedExpectations)(
    '$patientId fires exactly its expected rules, with and without prefetch',
    async (row) => {
      const expected = [...row.expectedRules].sort();
      const withPrefetch = await firedBy(rowCall(row, true));
      const withoutPrefetch = await firedBy(rowCall(row, false));
      expect(withPrefetch, row.note).toEqual(expected);
      expect(withoutPrefetch, 'callback path').toEqual(withPrefetch);
      if (row.encounterId !== undefined) {
        const atStart = await firedBy({ ...rowCall(row, true), hook: 'encounter-start' });
        expect(atStart, 'encounter-start').toEqual(expected);
      }
      fired.set(row.patientId, withPrefetch);
    },
  );

  it('prompts for some of the cohort, never all, and reports the prompt rate per rule', () => {
    expect(fired.size).toBe(seedExpectations.length);
    const total = fired.size;
    const prompted = [...fired.values()].filter((rules) => rules.length > 0).length;
    const perRule = Object.fromEntries(
      SEED_RULE_IDS.map((rule) => [rule, [...fired.values()].filter((rules) => rules.includes(rule)).length]),
    );
    const pct = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
    const lines = [
      `cohort prompt rate: ${prompted}/${total} (${pct(prompted)}) patients with >= 1 card`,
      ...Object.entries(perRule).map(([rule, n]) => `  ${rule}: ${n}/${total} (${pct(n)})`),
    ];
    console.log(lines.join('\n'));
    expect(prompted).toBeGreaterThan(0);
    expect(prompted).toBeLessThan(total);
    for (const rule of SEED_RULE_IDS) expect(perRule[rule], rule).toBeGreaterThan(0);
  });
});

describe('no prompt for a patient or proxy user', () => {
  /** Kate's son (whole-family card for a clinician) and his mother's RelatedPerson on his record. */
  const SON = 'seed-004';

  async function relatedPersonOfSon(): Promise<string> {
    const token = await s.token({ clientId: 'safe-enquiry-service', role: 'system', scope: 'system/*.rs' });
    const reply = await fetchJson<Bundle>(`${s.fhirBase}/RelatedPerson?patient=${SON}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const id = reply.body?.entry?.[0]?.resource?.id;
    if (!id) throw new Error(`no RelatedPerson on ${SON}`);
    return `RelatedPerson/${id}`;
  }

  it('answers { cards: [] } to Patient/persona-kate and to a RelatedPerson, with a clinician’s full data', async () => {
    const kate = { hook: 'patient-view', patientId: 'persona-kate', withPrefetch: true } as const;
    const son = { hook: 'patient-view', patientId: SON, withPrefetch: true } as const;
    const control = await firedBy({ ...kate, userId: 'Practitioner/sandbox-mh-clinician' });
    expect(control.length).toBeGreaterThan(0);
    const sonControl = await firedBy({ ...son, userId: 'Practitioner/sandbox-mh-clinician' });
    expect(sonControl).toEqual(['camhs-whole-family']);
    const asPatient = await callHook(s, ehr, services['patient-view'], {
      ...kate,
      userId: 'Patient/persona-kate',
      dataUserId: 'Practitioner/sandbox-mh-clinician',
    });
    const asProxy = await callHook(s, ehr, services['patient-view'], {
      ...son,
      userId: await relatedPersonOfSon(),
      dataUserId: 'Practitioner/sandbox-mh-clinician',
    });
    for (const reply of [asPatient, asProxy]) {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ cards: [] });
    }
  });

  it('answers { cards: [] } to Patient/persona-samira viewing her own record', async () => {
    const reply = await callHook(s, ehr, services['patient-view'], {
      hook: 'patient-view',
      patientId: 'persona-samira',
      userId: 'Patient/persona-samira',
      dataUserId: 'Practitioner/sandbox-gp',
      withPrefetch: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ cards: [] });
  });
});
