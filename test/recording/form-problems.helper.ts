import { expect } from 'vitest';
import { type DvaForm, parseDvaForm } from '../../src/recording/index.ts';
import { ERROR_CODE_SYSTEM, OperationOutcomeError } from '../../src/shared/index.ts';

/** Builders for form-validation tests. */

export interface Problem {
  readonly reason: string | undefined;
  readonly expression: string | undefined;
}

/** Parses and returns the problems reported (reason and expression), or [] when valid. */
export function problems(input: unknown, patientId = 'p1'): Problem[] {
  try {
    parseDvaForm(input, { patientId });
    return [];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    expect(error.status).toBe(422);
    return error.outcome.issue.map((issue) => ({
      reason: issue.details?.coding?.find((c) => c.system === ERROR_CODE_SYSTEM)?.code,
      expression: issue.expression?.[0],
    }));
  }
}

export const ASKED = {
  setting: 'general-practice',
  patientAlone: true,
  privateSpace: true,
  interpreter: 'not-needed',
};
export const DISCLOSED: DvaForm = {
  enquiry: { ...ASKED, interpreter: 'not-needed', setting: 'general-practice', outcome: 'asked-disclosed' },
  disclosure: { timing: 'current', abuseTypes: ['physical'], relationships: ['husband'] },
};
export const yes = (n: number) => Array.from({ length: 24 }, (_, i) => (i < n ? 'yes' : 'no'));
export const withRisk = (risk: object) => ({ ...DISCLOSED, risk });
export const withReferrals = (
  referrals: object[],
  consent: object | null = { decision: 'given', lawfulBasis: 'consent' },
) => ({
  ...DISCLOSED,
  actions: { referrals, safetyPlan: false, informationGiven: false },
  ...(consent ? { consent } : {}),
});
