import type { Coding, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { mayDisclose } from '../../../src/sandbox/auth/label-policy.ts';
import { parseSmartScopes } from '../../../src/sandbox/auth/smart-scope.parser.ts';
import type { AccessPrincipal, SandboxRole } from '../../../src/sandbox/fhir/access.ts';
import {
  dvaSecurityLabels,
  LABEL_NOPAT,
  LABEL_RESTRICTED,
  LABEL_SDV,
  LABEL_VERY_RESTRICTED,
} from '../../../src/shared/index.ts';

const SAMIRA = { reference: 'Patient/persona-samira' };
const TARA = { reference: 'Patient/persona-tara' };

function condition(security: Coding[] | undefined, subject = SAMIRA): Resource {
  return {
    resourceType: 'Condition',
    id: 'c1',
    subject,
    ...(security ? { meta: { security } } : {}),
  } as Resource;
}

const plain = condition(undefined);
const nopat = condition([{ ...LABEL_NOPAT }]);
const restricted = condition([{ ...LABEL_RESTRICTED }]);
const veryRestricted = condition([{ ...LABEL_VERY_RESTRICTED }]);
const sdv = condition([{ ...LABEL_SDV }]);
const dva = condition(dvaSecurityLabels());
const otherPatient = condition(undefined, TARA);
const practitioner = { resourceType: 'Practitioner', id: 'sandbox-gp' } as Resource;
const samira = { resourceType: 'Patient', id: 'persona-samira' } as Resource;
const tara = { resourceType: 'Patient', id: 'persona-tara' } as Resource;
const group = { resourceType: 'Group', id: 'g1', member: [{ entity: SAMIRA }] } as Resource;

function who(role: SandboxRole, extra: Partial<AccessPrincipal> = {}): AccessPrincipal {
  const fhirUser =
    role === 'patient'
      ? 'Patient/persona-samira'
      : role === 'system'
        ? undefined
        : `Practitioner/sandbox-${role}`;
  return {
    clientId: 'test',
    role,
    scopes: parseSmartScopes(role === 'patient' ? 'patient/*.rs' : 'user/*.rs'),
    ...(fhirUser ? { fhirUser } : {}),
    ...(role === 'patient' ? { patient: 'persona-samira' } : {}),
    ...extra,
  };
}

const gp = who('gp');
const mh = who('mh-clinician');
const lead = who('safeguarding-lead');
const dataLead = who('data-lead');
const patient = who('patient');
const system = {
  clientId: 'svc',
  role: 'system',
  scopes: parseSmartScopes('system/*.rs'),
} as AccessPrincipal;
const proxy = who('gp', {
  role: 'gp',
  fhirUser: 'RelatedPerson/rp-1',
  patient: 'persona-samira',
  scopes: parseSmartScopes('patient/*.rs'),
});
const dataLeadBreakGlass = who('data-lead', { breakGlassReason: 'curious' });
const patientBreakGlass = who('patient', { breakGlassReason: 'curious' });
const confinedGp = who('gp', { patient: 'persona-samira', scopes: parseSmartScopes('patient/*.rs') });
const observationOnly = who('gp', { scopes: parseSmartScopes('user/Observation.rs') });

describe('mayDisclose', () => {
  it.each<[string, AccessPrincipal, Resource, boolean]>([
    ['gp / plain', gp, plain, true],
    ['gp / NOPAT', gp, nopat, true],
    ['gp / R', gp, restricted, true],
    ['gp / V', gp, veryRestricted, true],
    ['gp / SDV', gp, sdv, true],
    ['gp / full DVA labels', gp, dva, true],
    ['mh clinician / full DVA labels', mh, dva, true],
    ['safeguarding lead / full DVA labels', lead, dva, true],
    ['system / full DVA labels', system, dva, true],
    ['data lead / plain', dataLead, plain, true],
    ['data lead / NOPAT only', dataLead, nopat, true],
    ['data lead / R', dataLead, restricted, false],
    ['data lead / SDV', dataLead, sdv, false],
    ['data lead with break-glass / R', dataLeadBreakGlass, restricted, false],
    ['patient / plain own', patient, plain, true],
    ['patient / NOPAT', patient, nopat, false],
    ['patient / R', patient, restricted, false],
    ['patient / SDV', patient, sdv, false],
    ['patient with break-glass / R', patientBreakGlass, restricted, false],
    ['patient / other patient', patient, otherPatient, false],
    ['patient / own Patient', patient, samira, true],
    ['patient / other Patient', patient, tara, false],
    ['patient / Practitioner (outside the compartment)', patient, practitioner, true],
    ['patient / Group containing them', patient, group, false],
    ['proxy (RelatedPerson) / NOPAT', proxy, nopat, false],
    ['proxy (RelatedPerson) / plain', proxy, plain, true],
    ['patient-confined gp / other patient', confinedGp, otherPatient, false],
    ['patient-confined gp / own R', confinedGp, restricted, true],
    ['unconfined gp / other patient', gp, otherPatient, true],
    ['no scope for the type', observationOnly, plain, false],
  ])('%s → %s', (_name, principal, resource, expected) => {
    expect(mayDisclose(principal, resource)).toBe(expected);
  });
});
