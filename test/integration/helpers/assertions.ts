import type { OperationOutcome } from 'fhir/r4.js';
import { expect } from 'vitest';
import type { JsonReply } from './cds-client.ts';

/** Signs of a leaked stack trace or source path in a response body. */
const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)|node_modules|\.ts:\d+/;

/** The reply is an OperationOutcome with the given status, an error issue, and no stack trace. */
export function expectOperationOutcome(reply: JsonReply<unknown>, status: number): OperationOutcome {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type') ?? '').toMatch(/^application\/(fhir\+)?json/);
  expect(reply.text).not.toMatch(STACK_TRACE);
  const outcome = reply.body as OperationOutcome | undefined;
  expect(outcome?.resourceType).toBe('OperationOutcome');
  expect(outcome?.issue.some((i) => i.severity === 'error' || i.severity === 'fatal')).toBe(true);
  return outcome as OperationOutcome;
}
