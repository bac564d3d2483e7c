import type { Bundle, CapabilityStatement, Coding, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  type ConformanceClient,
  type FhirReply,
  idOfReference,
  TEST_SYSTEM,
  uniqueValue,
} from './conformance-client.ts';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

function codes(codings: readonly Coding[] | undefined): string[] {
  return (codings ?? []).map((c) => `${c.system}|${c.code}`).sort();
}

function newPatient(family: string): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: TEST_SYSTEM, value: uniqueValue('pat') }],
    name: [{ family, given: ['Conformance'] }],
    birthDate: '1980-02-03',
  };
}

/** Create, read, update, delete, versioning (ETag, Location, vread, history), If-Match and conditional create. */
export function describeCrud(client: ConformanceClient): void {
  describe('capabilities', () => {
    it('serves an R4 CapabilityStatement at /metadata', async () => {
      const reply = await client.get<CapabilityStatement>('metadata');
      expect(reply.status).toBe(200);
      expect(reply.body?.resourceType).toBe('CapabilityStatement');
      expect(reply.body?.fhirVersion).toMatch(/^4\.0\./);
    });
  });

  describe('create, read, update, delete', () => {
    it('creates with 201, an absolute versioned Location and a weak ETag', async () => {
      const reply = await client.request<Patient>('POST', 'Patient', { body: newPatient('Create') });
      expect(reply.status).toBe(201);
      const { id, meta } = reply.body ?? {};
      expect(id).toBeTruthy();
      expect(reply.headers.get('location')).toBe(client.url(`Patient/${id}/_history/${meta?.versionId}`));
      expect(reply.headers.get('etag')).toBe(`W/"${meta?.versionId}"`);
    });

    it('reads what was created, with its ETag and a FHIR JSON content type', async () => {
      const created = await client.create(newPatient('Read'));
      const reply = await client.get<Patient>(`Patient/${created.id}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/fhir+json');
      expect(reply.headers.get('etag')).toBe(`W/"${created.meta?.versionId}"`);
      expect(reply.body?.name?.[0]?.family).toBe('Read');
    });

    it('updates to a new version; vread still returns the old one', async () => {
      const created = await client.create(newPatient('Before'));
      const reply = await client.request<Patient>('PUT', `Patient/${created.id}`, {
        body: { ...created, name: [{ family: 'After' }] },
      });
      expect(reply.status).toBe(200);
      const newVersion = reply.body?.meta?.versionId;
      expect(newVersion).toBeTruthy();
      expect(newVersion).not.toBe(created.meta?.versionId);
      expect(reply.headers.get('etag')).toBe(`W/"${newVersion}"`);
      const old = await client.get<Patient>(`Patient/${created.id}/_history/${created.meta?.versionId}`);
      expect(old.status).toBe(200);
      expect(old.body?.name?.[0]?.family).toBe('Before');
    });

    it('lists instance history newest first, the same on every call', async () => {
      const created = await client.create(newPatient('V1'));
      await client.request('PUT', `Patient/${created.id}`, {
        body: { ...created, name: [{ family: 'V2' }] },
      });
      const first = await client.get<Bundle<Patient>>(`Patient/${created.id}/_history`);
      const second = await client.get<Bundle<Patient>>(`Patient/${created.id}/_history`);
      expect(first.body?.type).toBe('history');
      const families = (b: Bundle<Patient> | undefined) =>
        (b?.entry ?? []).map((e) => e.resource?.name?.[0]?.family);
      expect(families(first.body)).toEqual(['V2', 'V1']);
      expect(families(second.body)).toEqual(['V2', 'V1']);
    });

    it('answers 412 to an update with a stale If-Match and applies a current one', async () => {
      const created = await client.create(newPatient('Match'));
      const stale = await client.request('PUT', `Patient/${created.id}`, {
        body: { ...created, gender: 'female' },
        headers: { 'if-match': 'W/"not-the-current-version"' },
      });
      expect(stale.status).toBe(412);
      const current = await client.request('PUT', `Patient/${created.id}`, {
        body: { ...created, gender: 'female' },
        headers: { 'if-match': `W/"${created.meta?.versionId}"` },
      });
      expect(current.status).toBe(200);
    });

    it('deletes; a later read answers 404 or 410', async () => {
      const created = await client.create(newPatient('Delete'));
      const reply = await client.request('DELETE', `Patient/${created.id}`);
      expect([200, 202, 204]).toContain(reply.status);
      const read = await client.get(`Patient/${created.id}`);
      expect([404, 410]).toContain(read.status);
    });

    it('preserves security labels and tags on read', async () => {
      const security: Coding[] = [
        { system: CONFIDENTIALITY, code: 'R' },
        { system: ACT_CODE, code: 'SDV' },
        { system: ACT_CODE, code: 'NOPAT' },
      ];
      const tag: Coding[] = [{ system: TEST_SYSTEM, code: 'conformance' }];
      const created = await client.create({ ...newPatient('Labelled'), meta: { security, tag } });
      const read = await client.get<Patient>(`Patient/${created.id}`);
      expect(codes(read.body?.meta?.security)).toEqual(codes(security));
      expect(codes(read.body?.meta?.tag)).toEqual(codes(tag));
    });
  });

  describe('conditional create (If-None-Exist)', () => {
    it('creates once (201), then answers 200 with the same id', async () => {
      const patient = newPatient('Conditional');
      const identifier = patient.identifier?.[0];
      const criteria = `identifier=${encodeURIComponent(`${TEST_SYSTEM}|${identifier?.value}`)}`;
      const headers = { 'if-none-exist': criteria };
      const first = await client.request<Patient>('POST', 'Patient', { body: patient, headers });
      const second = await client.request<Patient>('POST', 'Patient', { body: patient, headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      const idOf = (reply: FhirReply<Patient>) =>
        reply.body?.id ?? idOfReference(reply.headers.get('location') ?? undefined, 'Patient');
      expect(idOf(second)).toBe(idOf(first));
      const found = await client.search(`Patient?${criteria}`);
      expect(found.entry?.length).toBe(1);
    });
  });
}
