import { describe, expect, it } from 'vitest';
import {
  createOperationOutcome,
  ERROR_CODE_SYSTEM,
  IssueType,
  internalErrorOutcome,
  OperationOutcomeError,
} from '../../src/shared/index.ts';

describe('createOperationOutcome', () => {
  it('reports every issue with its machine code and expression', () => {
    const outcome = createOperationOutcome([
      { code: IssueType.required, reason: 'missing', diagnostics: 'a is required', expression: 'a' },
      { code: IssueType.value, diagnostics: 'b is wrong', severity: 'warning' },
    ]);
    expect(outcome).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'required',
          details: { coding: [{ system: ERROR_CODE_SYSTEM, code: 'missing' }] },
          diagnostics: 'a is required',
          expression: ['a'],
        },
        { severity: 'warning', code: 'value', diagnostics: 'b is wrong' },
      ],
    });
  });

  it('gives unexpected errors a generic outcome with no detail', () => {
    expect(internalErrorOutcome().issue).toEqual([
      { severity: 'error', code: 'exception', diagnostics: 'Internal server error' },
    ]);
  });

  it('carries status and headers on the error', () => {
    const err = new OperationOutcomeError(401, createOperationOutcome([]), { 'WWW-Authenticate': 'Bearer' });
    expect([err.status, err.headers['WWW-Authenticate']]).toEqual([401, 'Bearer']);
  });
});
