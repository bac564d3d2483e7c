import type { AuditEvent, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import type { AccessTokenClaims } from '../../../src/sandbox/auth/access-token.verifier.ts';
import { createFhirAccessControl } from '../../../src/sandbox/auth/fhir-access.control.ts';
import { parseSmartScopes } from '../../../src/sandbox/auth/smart-scope.parser.ts';
import type { FhirHttpRequest } from '../../../src/sandbox/fhir/access.ts';
import { dvaSecurityLabels, OperationOutcomeError } from '../../../src/shared/index.ts';

const FHIR = 'http://sandbox.test/fhir';
const NOW = new Date('2026-11-23T10:00:00Z');

const TOKENS: Readonly<Record<string, AccessTokenClaims>> = {
  gpUser: { clientId: 'app', role: 'gp', scope: 'user/*.rs', fhirUser: 'Practitioner/sandbox-gp', jti: 'j1' },
  gpPatient: {
    clientId: 'app',
    role: 'gp',
    scope: 'patient/*.rs patient/Observation.cruds',
    fhirUser: 'Practitioner/sandbox-gp',
    patient: 'persona-samira',
    jti: 'j2',
  },
  gpPatientNoContext: { clientId: 'app', role: 'gp', scope: 'patient/*.rs', jti: 'j3' },
  gpObservationUser: {
    clientId: 'app',
    role: 'gp',
    scope: 'user/Observation.cruds user/Patient.rs',
    jti: 'j4',
  },
  dataLead: { clientId: 'app', role: 'data-lead', scope: 'user/*.cruds', jti: 'j5' },
  patient: {
    clientId: 'app',
    role: 'patient',
    scope: 'patient/*.cruds',
    fhirUser: 'Patient/persona-samira',
    jti: 'j6',
  },
  v1: { clientId: 'app', role: 'gp', scope: 'patient/*.read', patient: 'persona-samira', jti: 'j7' },
};

function control(audits: AuditEvent[] = []) {
  return createFhirAccessControl({
    fhirBase: FHIR,
    now: () => NOW,
    writeAuditEvent: async (e) => {
      audits.push(e);
    },
    verify: async (token) => {
      const claims = TOKENS[token];
      if (!claims) throw new Error('bad token');
      return claims;
    },
  });
}

function request(
  token: string,
  method: string,
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
): FhirHttpRequest {
  const url = new URL(target, `${FHIR}/`);
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) query[k] = [...(query[k] ?? []), v];
  return {
    method,
    path: url.pathname.replace(/^\/fhir\/?/, ''),
    query,
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  };
}

async function outcome(req: FhirHttpRequest): Promise<string> {
  try {
    const principal = await control().authorize(req);
    return `ok${principal.patient ? `:${principal.patient}` : ''}`;
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return `${error.status}:${error.outcome.issue[0]?.details?.coding?.[0]?.code}`;
  }
}

const obsFor = (patient: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'x' },
  subject: { reference: `Patient/${patient}` },
});

describe('authorize', () => {
  it.each<[string, FhirHttpRequest, string]>([
    ['user scope reads any patient', request('gpUser', 'GET', 'Patient/persona-tara'), 'ok'],
    [
      'patient scope: own Patient',
      request('gpPatient', 'GET', 'Patient/persona-samira'),
      'ok:persona-samira',
    ],
    [
      'patient scope: other Patient',
      request('gpPatient', 'GET', 'Patient/persona-tara'),
      '403:patient-compartment',
    ],
    [
      'patient scope: HEAD other Patient',
      request('gpPatient', 'HEAD', 'Patient/persona-tara'),
      '403:patient-compartment',
    ],
    [
      'patient scope: search without patient',
      request('gpPatient', 'GET', 'Observation?code=x'),
      '403:patient-param-required',
    ],
    [
      'patient scope: search by subject',
      request('gpPatient', 'GET', 'Observation?subject=Patient/persona-samira'),
      'ok:persona-samira',
    ],
    [
      'patient scope: search by absolute subject',
      request('gpPatient', 'GET', `Observation?subject=${FHIR}/Patient/persona-samira`),
      'ok:persona-samira',
    ],
    [
      'patient scope: search OR-ing another patient',
      request('gpPatient', 'GET', 'Observation?patient=persona-samira,persona-tara'),
      '403:patient-param-required',
    ],
    [
      'patient scope: chained patient param',
      request('gpPatient', 'GET', 'Observation?patient.name=Samira'),
      '403:patient-param-required',
    ],
    [
      'patient scope: own compartment search',
      request('gpPatient', 'GET', 'Patient/persona-samira/Condition'),
      'ok:persona-samira',
    ],
    [
      'patient scope: other compartment search',
      request('gpPatient', 'GET', 'Patient/persona-tara/Condition'),
      '403:patient-compartment',
    ],
    [
      'patient scope: _search with the patient in the form',
      request('gpPatient', 'POST', 'Observation/_search', { patient: 'persona-samira' }),
      'ok:persona-samira',
    ],
    [
      'patient scope: type outside the compartment',
      request('gpPatient', 'GET', 'Practitioner?name=x'),
      'ok:persona-samira',
    ],
    [
      'patient scope: system-wide search',
      request('gpPatient', 'GET', '?_type=Observation'),
      '403:patient-param-required',
    ],
    [
      'patient scope without a patient',
      request('gpPatientNoContext', 'GET', 'Observation?patient=x'),
      '403:no-patient-context',
    ],
    [
      'patient scope: create for own patient',
      request('gpPatient', 'POST', 'Observation', obsFor('persona-samira')),
      'ok:persona-samira',
    ],
    [
      'patient scope: create for another patient',
      request('gpPatient', 'POST', 'Observation', obsFor('persona-tara')),
      '403:patient-compartment',
    ],
    [
      'patient scope: create body of another type',
      request('gpPatient', 'POST', 'Observation', {
        resourceType: 'Condition',
        subject: { reference: 'Patient/persona-samira' },
      }),
      '403:patient-compartment',
    ],
    [
      'patient scope: conditional create',
      request('gpPatient', 'POST', 'Observation', obsFor('persona-samira'), {
        'if-none-exist': 'identifier=a|b',
      }),
      'ok:persona-samira',
    ],
    [
      'patient scope: delete by id',
      request('gpPatient', 'DELETE', 'Observation/o1'),
      '403:patient-compartment',
    ],
    [
      'patient scope: conditional delete pinned',
      request('gpPatient', 'DELETE', 'Observation?patient=persona-samira&code=x'),
      'ok:persona-samira',
    ],
    [
      'write outside the scopes',
      request('gpObservationUser', 'POST', 'Condition', {}),
      '403:insufficient-scope',
    ],
    ['delete inside the scopes', request('gpObservationUser', 'DELETE', 'Observation/o1'), 'ok'],
    [
      '_revinclude of a type outside the scopes',
      request('gpObservationUser', 'GET', 'Patient?_revinclude=Flag:patient'),
      '403:insufficient-scope',
    ],
    [
      '_include target outside the scopes',
      request('gpObservationUser', 'GET', 'Observation?_include=Observation:subject:Group'),
      '403:insufficient-scope',
    ],
    [
      '_has on a type outside the scopes',
      request('gpObservationUser', 'GET', 'Patient?_has:Condition:subject:code=x'),
      '403:insufficient-scope',
    ],
    [
      'data lead writes',
      request('dataLead', 'POST', 'Observation', obsFor('persona-samira')),
      '403:read-only-role',
    ],
    ['data lead reads', request('dataLead', 'GET', 'Observation'), 'ok'],
    [
      'data lead reverse-chains',
      request('dataLead', 'GET', 'Patient?_has:Condition:subject:_security=SDV'),
      '403:reverse-chain-refused',
    ],
    [
      'data lead reverse-chains inside a chain',
      request('dataLead', 'GET', 'Encounter?subject:Patient._has:Flag:patient:code=x'),
      '403:reverse-chain-refused',
    ],
    ['clinician reverse-chains', request('gpUser', 'GET', 'Patient?_has:Condition:subject:code=x'), 'ok'],
    [
      'patient writes',
      request('patient', 'PUT', 'Patient/persona-samira', { resourceType: 'Patient', id: 'persona-samira' }),
      '403:read-only-role',
    ],
    [
      'patient is confined by fhirUser',
      request('patient', 'GET', 'Patient/persona-tara'),
      '403:patient-compartment',
    ],
    [
      'v1 read scope: search',
      request('v1', 'GET', 'Observation?patient=persona-samira'),
      'ok:persona-samira',
    ],
    [
      'v1 read scope: write',
      request('v1', 'POST', 'Observation', obsFor('persona-samira')),
      '403:insufficient-scope',
    ],
    ['metadata needs no scope', request('gpObservationUser', 'GET', 'metadata'), 'ok'],
    [
      'unrecognised path needs everything',
      request('gpObservationUser', 'GET', 'Observation/o1/foo/bar'),
      '403:insufficient-scope',
    ],
    [
      'batch entry outside the scopes',
      request('gpObservationUser', 'POST', '', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: 'Observation?code=x' } },
          { request: { method: 'DELETE', url: 'Flag/f1' } },
        ],
      }),
      '403:insufficient-scope',
    ],
    [
      'transaction entry for another patient',
      request('gpPatient', 'POST', '', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ request: { method: 'POST', url: 'Observation' }, resource: obsFor('persona-tara') }],
      }),
      '403:patient-compartment',
    ],
    [
      'POST to the base that is not a batch',
      request('gpUser', 'POST', '', { resourceType: 'Patient' }),
      '400:not-batch-or-transaction',
    ],
    [
      'batch entry with an absolute URL',
      request('gpUser', 'POST', '', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: 'http://elsewhere.example/fhir/Patient' } }],
      }),
      '400:absolute-entry-url',
    ],
    [
      'batch entry whose URL does not parse (found by fuzzing)',
      request('gpUser', 'POST', '', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: '//' } }],
      }),
      '400:invalid-entry-url',
    ],
  ])('%s → %s', async (_name, req, expected) => {
    expect(await outcome(req)).toBe(expected);
  });

  it('carries the 403 insufficient_scope challenge', async () => {
    const error = await control()
      .authorize(request('gpObservationUser', 'POST', 'Condition', {}))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationOutcomeError);
    expect((error as OperationOutcomeError).headers['WWW-Authenticate']).toBe(
      `Bearer realm="${FHIR}", error="insufficient_scope"`,
    );
  });

  it('parses the principal from the claims', async () => {
    const principal = await control().authorize(request('gpPatient', 'GET', 'Patient/persona-samira'));
    expect(principal).toMatchObject({
      clientId: 'app',
      role: 'gp',
      fhirUser: 'Practitioner/sandbox-gp',
      tokenId: 'j2',
      patient: 'persona-samira',
    });
    expect(principal.scopes).toEqual(parseSmartScopes('patient/*.rs patient/Observation.cruds'));
  });
});

describe('recordDisclosure', () => {
  const restricted = (id: string, patient: string): Resource =>
    ({
      resourceType: 'Condition',
      id,
      meta: { security: dvaSecurityLabels() },
      subject: { reference: `Patient/${patient}` },
    }) as Resource;

  it('writes one AuditEvent per patient, only for restricted resources, never for AuditEvents', async () => {
    const audits: AuditEvent[] = [];
    const access = control(audits);
    const principal = await access.authorize(request('gpUser', 'GET', 'Condition'));
    await access.recordDisclosure(principal, 'search', [
      restricted('c1', 'persona-samira'),
      restricted('c2', 'persona-samira'),
      restricted('c3', 'persona-tara'),
      { resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/persona-samira' } } as Resource,
      { resourceType: 'AuditEvent', id: 'a1', meta: { security: dvaSecurityLabels() } } as Resource,
    ]);
    expect(audits.map((a) => a.entity?.map((e) => e.what?.reference))).toEqual([
      ['Condition/c1', 'Condition/c2', 'Patient/persona-samira'],
      ['Condition/c3', 'Patient/persona-tara'],
    ]);
    expect(audits.every((a) => a.recorded === NOW.toISOString() && a.action === 'R')).toBe(true);
    await access.recordDisclosure(principal, 'read', [{ resourceType: 'Observation', id: 'o1' } as Resource]);
    expect(audits).toHaveLength(2);
  });
});
