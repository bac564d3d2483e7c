import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPilotReport } from '../../src/hooks/pilot-report.command.ts';
import { seedExpectations } from '../../src/sandbox/seed/index.ts';
import type { PilotReportRow } from '../../src/state/index.ts';
import { fetchJson } from './helpers/cds-client.ts';
import { type RunningSandbox, startSandbox, stateFileIn } from './helpers/sandbox.ts';

/**
 * EHR simulator → CDS service → feedback → state store, driven through the simulator's own JSON API exactly as its
 * chart page script (src/sandbox/ehr/static/ehr.js) calls it; the store is read back with the pilot-report command.
 */

let s: RunningSandbox;

beforeAll(async () => {
  s = await startSandbox({ fileStateStore: true });
});

afterAll(async () => {
  await s?.stop();
});

interface HookAnswer {
  readonly hookInstance: string;
  readonly html: string;
  readonly services: readonly { id: string; status: string; cards: number }[];
}

function rowOf(patientId: string) {
  const row = seedExpectations.find((r) => r.patientId === patientId);
  if (!row) throw new Error(`${patientId} is not in the seed`);
  return row;
}

/** The user switcher's cookie: the chart acts as this sandbox user. */
function asUser(userId: string): Record<string, string> {
  return {
    cookie: `ehr_user=${userId.replace(/^Practitioner\//, '')}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
}

async function fireFromChart(patientId: string, sendPrefetch = true): Promise<HookAnswer> {
  const row = rowOf(patientId);
  const body = { patientId, sendPrefetch, ...(row.encounterId ? { encounterId: row.encounterId } : {}) };
  const reply = await fetchJson<HookAnswer>(`${s.base}/ehr/api/hooks/patient-view`, {
    method: 'POST',
    headers: asUser(row.userId),
    body: JSON.stringify(body),
  });
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  if (!reply.body) throw new Error('no JSON from the chart API');
  expect(reply.body.services.every((svc) => svc.status === 'ok')).toBe(true);
  return reply.body;
}

/** The (service, card) position of the first rendered card, as the page reads it from the article. */
function firstCard(html: string): { service: number; card: number } {
  const match = /data-service="(\d+)" data-card="(\d+)"/.exec(html);
  if (!match) throw new Error('no card rendered');
  return { service: Number(match[1]), card: Number(match[2]) };
}

/** The value of the dismiss form's `<option>` with this label. */
function reasonIndex(html: string, display: string): number {
  const options = [...html.matchAll(/<option value="(\d+)">([^<]*)<\/option>/g)];
  const found = options.find((m) => m[2] === display);
  if (!found) throw new Error(`no override reason "${display}" offered`);
  return Number(found[1]);
}

async function sendFeedback(patientId: string, body: Record<string, unknown>): Promise<string | undefined> {
  const reply = await fetchJson<{ result: string }>(`${s.base}/ehr/api/feedback`, {
    method: 'POST',
    headers: asUser(rowOf(patientId).userId),
    body: JSON.stringify(body),
  });
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  return reply.body?.result;
}

/** `npx safe-enquiry pilot-report --database <state> --format json`, in process. */
async function pilotReport(): Promise<PilotReportRow[]> {
  let out = '';
  let err = '';
  const code = await runPilotReport(['--database', stateFileIn(s.tempDir), '--format', 'json'], {
    env: {},
    cwd: s.tempDir,
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  expect(code, err).toBe(0);
  return JSON.parse(out) as PilotReportRow[];
}

function totals(rows: readonly PilotReportRow[], cardKind: string, ruleId: string) {
  const matching = rows.filter((r) => r.cardKind === cardKind && r.ruleId === ruleId);
  const sum = (pick: (r: PilotReportRow) => number) => matching.reduce((n, r) => n + pick(r), 0);
  const reasons: Record<string, number> = {};
  for (const r of matching)
    for (const [code, n] of Object.entries(r.overrideReasons)) reasons[code] = (reasons[code] ?? 0) + n;
  return {
    shown: sum((r) => r.shown),
    accepted: sum((r) => r.accepted),
    overridden: sum((r) => r.overridden),
    reasons,
  };
}

/** The user switcher form; returns the `name=value` of the user cookie it sets. */
async function signIn(userId: string): Promise<string> {
  const response = await fetch(`${s.base}/ehr/user`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ userId, returnTo: '/ehr/' }),
  });
  await response.body?.cancel();
  expect(response.status).toBe(303);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The chart's "Start encounter" form; returns the new Encounter id from the redirect. */
async function startEncounter(cookie: string, patientId: string, service: string): Promise<string> {
  const response = await fetch(`${s.base}/ehr/patients/${patientId}/encounters`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ service }),
  });
  await response.body?.cancel();
  expect(response.status).toBe(303);
  const encounterId = new URL(response.headers.get('location') ?? '', s.base).searchParams.get('encounter');
  if (!encounterId) throw new Error('starting an encounter gave no encounter id');
  return encounterId;
}

describe('EHR chart → CDS service → feedback → pilot store', () => {
  it('shows Kate’s card in the chart panel, stores the prompt and then the override with its reason', async () => {
    const rules = ['repeat-self-harm', 'diagnostic-overshadowing', 'routine-enquiry'];
    const before = await pilotReport();
    const answer = await fireFromChart('persona-kate');
    expect(answer.services.reduce((n, svc) => n + svc.cards, 0)).toBe(1);
    expect(answer.html).toContain('Consider a private wellbeing conversation');
    const afterPrompt = await pilotReport();
    for (const rule of rules) {
      expect(totals(afterPrompt, 'enquiry', rule).shown - totals(before, 'enquiry', rule).shown, rule).toBe(
        1,
      );
    }
    const result = await sendFeedback('persona-kate', {
      hookInstance: answer.hookInstance,
      ...firstCard(answer.html),
      outcome: 'overridden',
      reason: reasonIndex(answer.html, 'Patient not alone'),
    });
    expect(result).toBe('sent');
    const afterFeedback = await pilotReport();
    for (const rule of rules) {
      const now = totals(afterFeedback, 'enquiry', rule);
      const was = totals(before, 'enquiry', rule);
      expect(now.overridden - was.overridden, rule).toBe(1);
      expect((now.reasons['override-not-alone'] ?? 0) - (was.reasons['override-not-alone'] ?? 0), rule).toBe(
        1,
      );
    }
  });

  it('stores an accepted suggestion for a whole-family card (CAMHS), with the prompt fetched by callback', async () => {
    const before = totals(await pilotReport(), 'whole-family', 'whole-family');
    const answer = await fireFromChart('seed-004', false);
    expect(answer.html).toContain('Family context to consider');
    const result = await sendFeedback('seed-004', {
      hookInstance: answer.hookInstance,
      ...firstCard(answer.html),
      outcome: 'accepted',
      suggestions: [0],
    });
    expect(result).toBe('sent');
    const after = totals(await pilotReport(), 'whole-family', 'whole-family');
    expect(after.shown - before.shown).toBe(1);
    expect(after.accepted - before.accepted).toBe(1);
  });

  it('runs the chart flow: sign in, open the chart, start an encounter, encounter-start shows the card', async () => {
    const cookie = await signIn('sandbox-mh-clinician');
    expect(cookie).toBe('ehr_user=sandbox-mh-clinician');
    const chart = await fetch(`${s.base}/ehr/patients/persona-kate`, { headers: { cookie } });
    expect(chart.status).toBe(200);
    const page = await chart.text();
    expect(page).toContain('data-cds-panel');
    expect(page).toContain('data-api="/ehr/api"');
    const encounterId = await startEncounter(cookie, 'persona-kate', 'mh');
    const before = totals(await pilotReport(), 'enquiry', 'repeat-self-harm');
    const reply = await fetchJson<HookAnswer>(`${s.base}/ehr/api/hooks/encounter-start`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ patientId: 'persona-kate', encounterId, sendPrefetch: true }),
    });
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    expect(reply.body?.services.map((svc) => [svc.status, svc.cards])).toEqual([['ok', 1]]);
    expect(reply.body?.html).toContain('Consider a private wellbeing conversation');
    expect(totals(await pilotReport(), 'enquiry', 'repeat-self-harm').shown - before.shown).toBe(1);
  });

  it('shows nothing and stores nothing for a patient with no indicators', async () => {
    const quiet = seedExpectations.find((r) => r.expectedRules.length === 0 && r.encounterId === undefined);
    if (!quiet) throw new Error('the seed has no patient without a card');
    const before = await pilotReport();
    const answer = await fireFromChart(quiet.patientId);
    expect(answer.services.reduce((n, svc) => n + svc.cards, 0)).toBe(0);
    expect(answer.html).not.toContain('<article');
    expect(await pilotReport()).toEqual(before);
  });

  it('never prompts the data lead (who cannot see restricted records) to ask a patient who has disclosed', async () => {
    const disclosed = seedExpectations.filter((r) => r.expectedRules.includes('disclosure-on-record-review'));
    expect(disclosed.length).toBeGreaterThan(0);
    const cardsShown: Record<string, number> = {};
    for (const row of disclosed) {
      const body = {
        patientId: row.patientId,
        sendPrefetch: true,
        ...(row.encounterId ? { encounterId: row.encounterId } : {}),
      };
      const reply = await fetchJson<HookAnswer>(`${s.base}/ehr/api/hooks/patient-view`, {
        method: 'POST',
        headers: asUser('Practitioner/sandbox-data-lead'),
        body: JSON.stringify(body),
      });
      expect(reply.status).toBe(200);
      cardsShown[row.patientId] = (reply.body?.services ?? []).reduce((n, svc) => n + svc.cards, 0);
    }
    expect(cardsShown).toEqual(Object.fromEntries(disclosed.map((r) => [r.patientId, 0])));
  });

  it('refuses feedback for a card shown to another user (404, an OperationOutcome)', async () => {
    const answer = await fireFromChart('persona-kate');
    const reply = await fetchJson(`${s.base}/ehr/api/feedback`, {
      method: 'POST',
      headers: asUser('Practitioner/sandbox-data-lead'),
      body: JSON.stringify({
        hookInstance: answer.hookInstance,
        ...firstCard(answer.html),
        outcome: 'overridden',
      }),
    });
    expect(reply.status).toBe(404);
    expect((reply.body as { resourceType?: string } | undefined)?.resourceType).toBe('OperationOutcome');
  });
});
