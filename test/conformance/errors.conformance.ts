import type { OperationOutcome } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { type ConformanceClient, isOperationOutcome } from './conformance-client.ts';

/** Bad requests are refused with an OperationOutcome and a 4xx status. */
export function describeErrors(client: ConformanceClient): void {
  describe('bad requests', () => {
    it('answers malformed JSON with 400 and an OperationOutcome', async () => {
      const reply = await client.request<OperationOutcome>('POST', 'Patient', {
        rawBody: '{"resourceType": "Patient",',
      });
      expect(reply.status).toBe(400);
      expect(isOperationOutcome(reply.body)).toBe(true);
    });

    it('answers an unknown resource type with 404 and an OperationOutcome', async () => {
      const reply = await client.get<OperationOutcome>('NotAResourceType/123');
      expect(reply.status).toBe(404);
      expect(isOperationOutcome(reply.body)).toBe(true);
    });

    it('refuses an invalid resource with 400 (or 422) and an OperationOutcome', async () => {
      const reply = await client.request<OperationOutcome>('POST', 'Patient', {
        body: { resourceType: 'Patient', birthDate: 'not-a-date', notAnElement: true },
      });
      expect([400, 422]).toContain(reply.status);
      expect(isOperationOutcome(reply.body)).toBe(true);
    });

    it('answers a read of a missing resource with 404', async () => {
      const reply = await client.get('Patient/does-not-exist-0000');
      expect(reply.status).toBe(404);
    });
  });
}
