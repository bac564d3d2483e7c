import { describe, expect, it } from 'vitest';
import type { FeedbackInput, PromptEventInput, StateStore } from '../../src/state/index.ts';

/** The behaviour every StateStore must have; run against SQLite and PostgreSQL. */
export function describeStateStoreContract(name: string, getStore: () => StateStore): void {
  const prompt = (cardUuid: string, overrides: Partial<PromptEventInput> = {}): PromptEventInput => ({
    cardUuid,
    hookInstance: `hook-${cardUuid}`,
    serviceId: 'safe-enquiry-patient-view',
    hook: 'patient-view',
    cardKind: 'enquiry',
    ruleIds: ['repeat-self-harm'],
    setting: 'general-practice',
    patientPseudonym: 'p1',
    userPseudonym: 'u1',
    shownAt: new Date('2026-03-10T10:00:00Z'),
    ...overrides,
  });
  const feedback = (cardUuid: string, overrides: Partial<FeedbackInput> = {}): FeedbackInput => ({
    cardUuid,
    serviceId: 'safe-enquiry-patient-view',
    outcome: 'overridden',
    overrideReason: 'override-not-alone',
    acceptedSuggestions: 0,
    outcomeAt: '2026-03-10T10:05:00.000Z',
    receivedAt: new Date('2026-03-10T10:05:01Z'),
    userComment: undefined,
    ...overrides,
  });

  describe(`${name} state store`, () => {
    it('claims a jti once and rejects the replay, per issuer', async () => {
      const store = getStore();
      const exp = new Date(Date.now() + 60_000);
      expect(await store.claimJti('https://ehr.example', 'jti-1', exp)).toBe(true);
      expect(await store.claimJti('https://ehr.example', 'jti-1', exp)).toBe(false);
      expect(await store.claimJti('https://other.example', 'jti-1', exp)).toBe(true);
    });

    it('claims a jti exactly once under concurrent attempts', async () => {
      const store = getStore();
      const exp = new Date(Date.now() + 60_000);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.claimJti('https://ehr.example', 'race', exp)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('stores feedback only for known cards of the same service, and ignores duplicates', async () => {
      const store = getStore();
      await store.recordPrompts([prompt('card-a')]);
      expect(await store.recordFeedback(feedback('card-a'))).toBe('stored');
      expect(await store.recordFeedback(feedback('card-a'))).toBe('duplicate');
      expect(await store.recordFeedback(feedback('card-unknown'))).toBe('unknown-card');
      expect(await store.recordFeedback(feedback('card-a', { serviceId: 'other-service' }))).toBe(
        'unknown-card',
      );
    });

    it('reports shown, accepted, overridden and reasons by month, kind and rule (latest outcome wins)', async () => {
      const store = getStore();
      await store.recordPrompts([
        prompt('r1', { ruleIds: ['repeat-self-harm', 'diagnostic-overshadowing'] }),
        prompt('r2', { ruleIds: ['repeat-self-harm'] }),
        prompt('r3', { ruleIds: ['repeat-self-harm'] }),
        prompt('r4', { ruleIds: ['routine-enquiry'], shownAt: new Date('2026-04-01T08:00:00Z') }),
        prompt('r5', {
          ruleIds: ['whole-family'],
          cardKind: 'whole-family',
          shownAt: new Date('2025-12-31T23:00:00Z'),
        }),
      ]);
      await store.recordFeedback(
        feedback('r1', { outcome: 'overridden', overrideReason: 'override-not-alone' }),
      );
      await store.recordFeedback(
        feedback('r1', {
          outcome: 'accepted',
          overrideReason: undefined,
          acceptedSuggestions: 1,
          outcomeAt: '2026-03-10T11:00:00.000Z',
        }),
      );
      await store.recordFeedback(feedback('r2', { overrideReason: 'override-not-safe-now' }));
      await store.recordFeedback(feedback('r4', { overrideReason: undefined }));
      const report = await store.pilotReport({ fromMonth: '2026-01', toMonth: '2026-12' });
      expect(report).toEqual([
        expect.objectContaining({
          month: '2026-03',
          cardKind: 'enquiry',
          ruleId: 'diagnostic-overshadowing',
          shown: 1,
          accepted: 1,
          overridden: 0,
          noResponse: 0,
        }),
        {
          month: '2026-03',
          cardKind: 'enquiry',
          ruleId: 'repeat-self-harm',
          shown: 3,
          accepted: 1,
          overridden: 1,
          noResponse: 1,
          overrideReasons: { 'override-not-safe-now': 1 },
        },
        {
          month: '2026-04',
          cardKind: 'enquiry',
          ruleId: 'routine-enquiry',
          shown: 1,
          accepted: 0,
          overridden: 1,
          noResponse: 0,
          overrideReasons: { none: 1 },
        },
      ]);
      const all = await store.pilotReport();
      expect(all.map((r) => r.month)).toContain('2025-12');
    });

    it('records prompts idempotently per card uuid', async () => {
      const store = getStore();
      await store.recordPrompts([prompt('same', { shownAt: new Date('2027-01-05T00:00:00Z') })]);
      await store.recordPrompts([prompt('same', { shownAt: new Date('2027-01-05T00:00:00Z') })]);
      const report = await store.pilotReport({ fromMonth: '2027-01', toMonth: '2027-01' });
      expect(report).toEqual([expect.objectContaining({ shown: 1 })]);
    });

    it('creates a named secret once and returns the same value afterwards', async () => {
      const store = getStore();
      const first = await store.getOrCreateSecret('pseudonym-key', () => 'first-value');
      const second = await store.getOrCreateSecret('pseudonym-key', () => 'second-value');
      expect(first).toBe('first-value');
      expect(second).toBe('first-value');
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
