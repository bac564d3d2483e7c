import { randomUUID } from 'node:crypto';
import type { Bundle, Observation, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { type ConformanceClient, idOfReference, TEST_SYSTEM, uniqueValue } from './conformance-client.ts';

function patientWith(identifier: string): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: TEST_SYSTEM, value: identifier }],
    name: [{ family: 'Tx' }],
  };
}

function observationFor(reference: string): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'https://fhir.safe-enquiry.org/conformance/measure', code: 'measure-a' }] },
    subject: { reference },
    effectiveDateTime: '2024-03-01',
  };
}

function identifierQuery(identifier: string): string {
  return `Patient?identifier=${encodeURIComponent(`${TEST_SYSTEM}|${identifier}`)}`;
}

/** Transactions (urn:uuid rewriting, atomic rollback, conditional entries) and batches. */
export function describeTransactions(client: ConformanceClient): void {
  describe('transaction and batch', () => {
    it('creates linked resources and rewrites urn:uuid references', async () => {
      const patientUrn = `urn:uuid:${randomUUID()}`;
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: patientUrn,
            resource: patientWith(uniqueValue('tx')),
            request: { method: 'POST', url: 'Patient' },
          },
          { resource: observationFor(patientUrn), request: { method: 'POST', url: 'Observation' } },
        ],
      };
      const reply = await client.request<Bundle>('POST', '', { body: bundle });
      expect(reply.status).toBe(200);
      expect(reply.body?.type).toBe('transaction-response');
      const [patientEntry, observationEntry] = reply.body?.entry ?? [];
      expect(patientEntry?.response?.status).toMatch(/^201/);
      const patientId = idOfReference(patientEntry?.response?.location, 'Patient');
      const observationId = idOfReference(observationEntry?.response?.location, 'Observation');
      const read = await client.get<Observation>(`Observation/${observationId}`);
      expect(read.body?.subject?.reference).toBe(`Patient/${patientId}`);
    });

    it('rolls back every entry when one entry is invalid', async () => {
      const identifier = uniqueValue('rollback');
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { resource: patientWith(identifier), request: { method: 'POST', url: 'Patient' } },
          {
            resource: { resourceType: 'Observation', status: 'final' } as Observation,
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      };
      const reply = await client.request('POST', '', { body: bundle });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      const found = await client.search(identifierQuery(identifier));
      expect(found.entry ?? []).toHaveLength(0);
    });

    it('resolves a conditional create inside a transaction to the existing resource', async () => {
      const identifier = uniqueValue('txcond');
      const criteria = `identifier=${encodeURIComponent(`${TEST_SYSTEM}|${identifier}`)}`;
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: patientWith(identifier),
            request: { method: 'POST', url: 'Patient', ifNoneExist: criteria },
          },
        ],
      };
      const first = await client.request<Bundle>('POST', '', { body: bundle });
      const second = await client.request<Bundle>('POST', '', { body: bundle });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      const location = (b: Bundle | undefined) => idOfReference(b?.entry?.[0]?.response?.location, 'Patient');
      expect(location(second.body)).toBe(location(first.body));
      const found = await client.search(identifierQuery(identifier));
      expect(found.entry ?? []).toHaveLength(1);
    });

    it('answers a batch entry by entry', async () => {
      const existing = await client.create(patientWith(uniqueValue('batch')));
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: `Patient/${existing.id}` } },
          { request: { method: 'GET', url: `Patient/${uniqueValue('missing').slice(0, 60)}` } },
          { resource: patientWith(uniqueValue('batch')), request: { method: 'POST', url: 'Patient' } },
        ],
      };
      const reply = await client.request<Bundle>('POST', '', { body: bundle });
      expect(reply.status).toBe(200);
      expect(reply.body?.type).toBe('batch-response');
      const statuses = (reply.body?.entry ?? []).map((e) => e.response?.status?.slice(0, 3));
      expect(statuses).toEqual(['200', '404', '201']);
    });
  });
}
