import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPilotReport } from '../../src/hooks/pilot-report.command.ts';
import { openStateStore } from '../../src/state/index.ts';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'safe-enquiry-report-'));
  file = path.join(dir, 'state.sqlite');
  const store = await openStateStore(file);
  const base = {
    hookInstance: 'h',
    serviceId: 's',
    hook: 'patient-view',
    setting: 'general-practice',
    patientPseudonym: 'p',
    userPseudonym: 'u',
  };
  await store.recordPrompts([
    {
      ...base,
      cardUuid: 'a',
      cardKind: 'enquiry',
      ruleIds: ['repeat-self-harm'],
      shownAt: new Date('2026-05-02T10:00:00Z'),
    },
    {
      ...base,
      cardUuid: 'b',
      cardKind: 'enquiry',
      ruleIds: ['repeat-self-harm', 'routine-enquiry'],
      shownAt: new Date('2026-05-03T10:00:00Z'),
    },
    {
      ...base,
      cardUuid: 'c',
      cardKind: 'enquiry',
      ruleIds: ['routine-enquiry'],
      shownAt: new Date('2026-06-01T10:00:00Z'),
    },
  ]);
  const feedback = { serviceId: 's', acceptedSuggestions: 0, receivedAt: new Date(), userComment: undefined };
  await store.recordFeedback({
    ...feedback,
    cardUuid: 'a',
    outcome: 'overridden',
    overrideReason: 'override-not-alone',
    outcomeAt: '2026-05-02T10:01:00.000Z',
  });
  await store.recordFeedback({
    ...feedback,
    cardUuid: 'b',
    outcome: 'accepted',
    overrideReason: undefined,
    acceptedSuggestions: 1,
    outcomeAt: '2026-05-03T10:01:00.000Z',
  });
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function report(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPilotReport(args, {
    env,
    cwd: dir,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('safe-enquiry pilot-report', () => {
  it('prints shown/accepted/overridden by month and rule, and overrides by reason with their display', async () => {
    const r = await report(['--database', file]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('2026-05  enquiry  repeat-self-harm      2         1           1            0');
    expect(lines).toContain('2026-06  enquiry  routine-enquiry       1         0           0            1');
    expect(r.out).toContain('Patient not alone (override-not-alone)');
  });

  it('filters by month and writes CSV or JSON', async () => {
    const csv = await report(['--database', file, '--from', '2026-06', '--format', 'csv']);
    expect(csv.out.split('\n')).toEqual([
      'month,card,rule,outcome,reason,count',
      '2026-06,enquiry,routine-enquiry,shown,,1',
      '2026-06,enquiry,routine-enquiry,accepted,,0',
      '2026-06,enquiry,routine-enquiry,no-response,,1',
    ]);
    const json = await report(['--database', file, '--to', '2026-05', '--format', 'json']);
    expect(JSON.parse(json.out)).toHaveLength(2);
  });

  it('uses DATABASE_URL when no --database is given', async () => {
    expect((await report([], { DATABASE_URL: file })).code).toBe(0);
  });

  it('usage errors exit 2; a missing database exits 1 without creating one', async () => {
    expect((await report(['--from', '2026-13'])).code).toBe(2);
    expect((await report(['--format', 'xml'])).code).toBe(2);
    const missing = await report(['--database', path.join(dir, 'nope.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no state database');
  });
});
