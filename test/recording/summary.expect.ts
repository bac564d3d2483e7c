import { expect } from 'vitest';
import { type DvaForm, type DvaSummary, dashScore } from '../../src/recording/index.ts';

/** What the reader must say about the patient's record after the form alone was written to it. */
export function expectSummaryMatchesForm(summary: DvaSummary, form: DvaForm, patientId: string): void {
  const { enquiry, disclosure, risk, actions, consent, suspectedPerpetration } = form;
  expect(summary.latestEnquiry?.outcome).toBe(enquiry?.outcome);
  expect(summary.latestEnquiry?.notAskedReason).toBe(enquiry?.notAskedReason);
  expect(summary.disclosures.map((d) => d.timing)).toEqual(disclosure ? [disclosure.timing] : []);
  expect([...(summary.disclosures[0]?.abuseTypes ?? [])].sort()).toEqual(
    [...(disclosure?.abuseTypes ?? [])].sort(),
  );
  expect([...(summary.disclosures[0]?.relationships ?? [])].sort()).toEqual(
    [...(disclosure?.relationships ?? [])].sort(),
  );
  expect(summary.risk?.level).toBe(risk?.level);
  expect(summary.risk?.score).toBe(risk ? dashScore(risk) : undefined);
  const made = (actions?.referrals ?? []).filter((r) => r.status === 'made');
  expect(summary.openReferrals.map((r) => r.target).sort()).toEqual(made.map((r) => r.target).sort());
  const marac = made.find((r) => r.target === 'marac');
  expect(summary.marac.status).toBe(marac ? 'referred' : 'none');
  expect(summary.openReferrals.find((r) => r.target === 'marac')?.maracCriterion).toBe(marac?.maracCriterion);
  expect(summary.safetyPlan).toBe(actions?.safetyPlan ?? false);
  expect(summary.followUps).toEqual(actions?.followUpDate ? [actions.followUpDate] : []);
  expect(summary.consent?.decision).toBe(consent?.decision);
  expect(summary.consent?.lawfulBasis).toBe(consent?.lawfulBasis);
  const ownRecord = suspectedPerpetration?.patientId === patientId;
  expect(summary.suspectedPerpetrator).toBe(ownRecord);
  const expectedFlags =
    (disclosure ? 1 : 0) +
    (ownRecord ? 1 : 0) +
    (ownRecord && suspectedPerpetration?.riskToOthers ? 1 : 0) +
    (ownRecord && suspectedPerpetration?.riskToChildren ? 1 : 0);
  expect(summary.activeFlags).toHaveLength(expectedFlags);
  expect(summary.dvaInHousehold).toBe(false);
}
