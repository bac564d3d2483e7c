import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import { CANONICAL_BASE } from './canonical.ts';

/** FHIR issue-type codes we use (http://hl7.org/fhir/R4/valueset-issue-type.html). */
export const IssueType = {
  invalid: 'invalid',
  structure: 'structure',
  required: 'required',
  value: 'value',
  invariant: 'invariant',
  businessRule: 'business-rule',
  security: 'security',
  login: 'login',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  tooLong: 'too-long',
  notSupported: 'not-supported',
  duplicate: 'duplicate',
  processing: 'processing',
  exception: 'exception',
  timeout: 'timeout',
  incomplete: 'incomplete',
  transient: 'transient',
} as const;
export type IssueType = (typeof IssueType)[keyof typeof IssueType];

export interface IssueInput {
  readonly code: IssueType;
  /** Stable machine-readable code (goes into `details.coding[0].code`). */
  readonly reason?: string;
  readonly diagnostics: string;
  /** FHIRPath-like location of the problem, e.g. `disclosure.abuseTypes[2]`. */
  readonly expression?: string;
  readonly severity?: OperationOutcomeIssue['severity'];
}

/** Code system for the stable machine codes in `OperationOutcome.issue.details`. */
export const ERROR_CODE_SYSTEM = `${CANONICAL_BASE}/CodeSystem/error-code`;

/** Builds an OperationOutcome with one issue per input, reporting every problem at once. */
export function createOperationOutcome(issues: readonly IssueInput[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: issue.severity ?? 'error',
      code: issue.code,
      ...(issue.reason ? { details: { coding: [{ system: ERROR_CODE_SYSTEM, code: issue.reason }] } } : {}),
      diagnostics: issue.diagnostics,
      ...(issue.expression ? { expression: [issue.expression] } : {}),
    })),
  };
}

/**
 * An expected failure that carries its HTTP status and a FHIR OperationOutcome.
 * Edges turn it into an `application/fhir+json` response; nothing else about it (no stack) leaves the process.
 */
export class OperationOutcomeError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  /** Extra response headers, e.g. `WWW-Authenticate` on a 401. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, outcome: OperationOutcome, headers: Readonly<Record<string, string>> = {}) {
    super(outcome.issue[0]?.diagnostics ?? 'error');
    this.name = 'OperationOutcomeError';
    this.status = status;
    this.outcome = outcome;
    this.headers = headers;
  }

  static of(status: number, ...issues: IssueInput[]): OperationOutcomeError {
    return new OperationOutcomeError(status, createOperationOutcome(issues));
  }
}

/** The generic outcome for anything unexpected: no stack, no diagnostics, no PHI. */
export function internalErrorOutcome(): OperationOutcome {
  return createOperationOutcome([{ code: IssueType.exception, diagnostics: 'Internal server error' }]);
}
