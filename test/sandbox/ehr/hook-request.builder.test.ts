import { describe, expect, it } from 'vitest';
import { buildHookContext, buildHookRequest } from '../../../src/sandbox/ehr/hook-request.builder.ts';

const AUTH = {
  access_token: 'tok',
  token_type: 'Bearer' as const,
  expires_in: 300,
  scope: 'patient/*.rs',
  subject: 'safe-enquiry-service',
  patient: 'p1',
};

describe('hook request (CDS Hooks 2.0 "Calling a CDS Service")', () => {
  it('carries hook, hookInstance, fhirServer, fhirAuthorization, context and prefetch', () => {
    const context = buildHookContext('encounter-start', {
      userId: 'Practitioner/sandbox-gp',
      patientId: 'p1',
      encounterId: 'e1',
    });
    const request = buildHookRequest({
      hook: 'encounter-start',
      hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
      fhirServer: 'http://localhost:8080/fhir',
      fhirAuthorization: AUTH,
      context,
      prefetch: { patient: { resourceType: 'Patient', id: 'p1' }, user: null },
    });
    expect(request).toEqual({
      hook: 'encounter-start',
      hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
      fhirServer: 'http://localhost:8080/fhir',
      fhirAuthorization: AUTH,
      context: { userId: 'Practitioner/sandbox-gp', patientId: 'p1', encounterId: 'e1' },
      prefetch: { patient: { resourceType: 'Patient', id: 'p1' }, user: null },
    });
  });

  it('omits an empty or absent prefetch instead of sending {}', () => {
    const base = {
      hook: 'patient-view' as const,
      hookInstance: 'x',
      fhirServer: 'http://localhost:8080/fhir',
      fhirAuthorization: AUTH,
      context: buildHookContext('patient-view', { userId: 'Practitioner/sandbox-gp', patientId: 'p1' }),
    };
    expect(buildHookRequest({ ...base, prefetch: {} })).not.toHaveProperty('prefetch');
    expect(buildHookRequest(base)).not.toHaveProperty('prefetch');
    expect(base.context).toEqual({ userId: 'Practitioner/sandbox-gp', patientId: 'p1' });
  });

  it('refuses encounter-start without an encounter (encounterId is REQUIRED for that hook)', () => {
    expect(() =>
      buildHookContext('encounter-start', { userId: 'Practitioner/sandbox-gp', patientId: 'p1' }),
    ).toThrow(/encounterId/);
  });
});
