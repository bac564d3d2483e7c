import { IssueType, OperationOutcomeError } from '../../shared/index.ts';

/** 404 with a stable reason code; the text says no more than "Not found", so ids cannot be probed. */
export function notFound(reason: string): OperationOutcomeError {
  return OperationOutcomeError.of(404, { code: IssueType.notFound, reason, diagnostics: 'Not found' });
}

/** 400 for a request the card or the hook does not allow. */
export function invalid(reason: string, diagnostics: string, expression?: string): OperationOutcomeError {
  return OperationOutcomeError.of(400, {
    code: IssueType.invalid,
    reason,
    diagnostics,
    ...(expression === undefined ? {} : { expression }),
  });
}
