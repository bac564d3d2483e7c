import type { Bundle, FhirResource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { parseDvaForm } from '../../src/recording/index.ts';
import { buildFormInput } from '../../src/smart-app/web/form/draft-to-form.ts';
import { countOtherRecords, failureOf, Saver } from '../../src/smart-app/web/form/submission.ts';
import { type FhirHttp, FhirHttpError, FhirNetworkError } from '../../src/smart-app/web/session/fhir-http.ts';
import type { LaunchSession } from '../../src/smart-app/web/session/smart-session.ts';
import { disclosedDraft, PATIENT } from './helpers/drafts.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

function fakeSession(outcomes: (Error | undefined)[]): {
  session: LaunchSession;
  sent: Bundle<FhirResource>[];
} {
  const sent: Bundle<FhirResource>[] = [];
  const fhir: FhirHttp = {
    baseUrl: 'http://fhir.test/fhir',
    read: () => Promise.reject(new Error('unused')),
    searchAll: () => Promise.resolve([]),
    transaction: async (bundle) => {
      sent.push(bundle);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
    },
  };
  return {
    session: { fhir, patientId: PATIENT, authorRef: 'Practitioner/p1', needPatientBanner: true },
    sent,
  };
}

const form = () => parseDvaForm(buildFormInput(disclosedDraft(), PATIENT), { patientId: PATIENT });

describe('saving the recording', () => {
  it('sends the very same Bundle again when a save is retried', async () => {
    const { session, sent } = fakeSession([new FhirNetworkError(), undefined]);
    const saver = new Saver(session, 'Device/app-1');
    const first = await saver.save(form(), 'submission-1', NOW);
    expect(first).toMatchObject({ ok: false, retryable: true });
    const second = await saver.save(form(), 'submission-1', new Date(NOW.getTime() + 60_000));
    expect(second).toEqual({ ok: true, entries: sent[0]?.entry?.length, otherRecords: 3 });
    expect(sent[1]).toBe(sent[0]);
  });

  it('keeps the resource ids when changed answers are mapped again', async () => {
    const { session } = fakeSession([]);
    const saver = new Saver(session, undefined);
    const before = saver.bundleFor(form(), 'submission-2', NOW);
    const changed = {
      ...form(),
      actions: { ...form().actions, safetyPlan: false, referrals: [], informationGiven: true },
    };
    const after = saver.bundleFor(
      parseDvaForm({ ...changed, consent: undefined }, { patientId: PATIENT }),
      'submission-2',
      NOW,
    );
    const ids = (b: Bundle<FhirResource>) => new Set((b.entry ?? []).map((e) => e.resource?.id));
    const enquiryId = (b: Bundle<FhirResource>) =>
      b.entry?.find((e) => e.resource?.resourceType === 'Procedure')?.resource?.id;
    expect(enquiryId(after)).toBe(enquiryId(before));
    expect([...ids(after)].every((id) => ids(before).has(id))).toBe(true);
  });

  it.each([
    [new FhirNetworkError(), true],
    [new FhirHttpError(401), false],
    [new FhirHttpError(403), false],
    [new FhirHttpError(422), true],
    [new FhirHttpError(503), true],
  ])('says whether trying again can help after %o', (error, retryable) => {
    const failure = failureOf(error);
    expect(failure.retryable).toBe(retryable);
    expect(failure.message).not.toMatch(/Bundle|OperationOutcome|\d{3}/);
  });

  it('counts the entries that go on other records (linked children), with their Provenance', () => {
    const { session } = fakeSession([]);
    const bundle = new Saver(session, undefined).bundleFor(form(), 'submission-3', NOW);
    expect(countOtherRecords(bundle, PATIENT)).toBe(3);
    expect(countOtherRecords(bundle, 'child-test-1')).toBe((bundle.entry?.length ?? 0) - 3);
  });
});
