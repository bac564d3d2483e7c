import { describe, expect, it } from 'vitest';
import {
  formatScopeGrant,
  parseSmartScope,
  parseSmartScopes,
  scopeCovers,
} from '../../../src/sandbox/auth/smart-scope.parser.ts';

describe('parseSmartScope', () => {
  it.each([
    ['patient/Observation.rs', 'patient/Observation.rs'],
    ['patient/Observation.crs', 'patient/Observation.crs'],
    ['user/*.cruds', 'user/*.cruds'],
    ['system/*.rs', 'system/*.rs'],
    ['user/DocumentReference.cu', 'user/DocumentReference.cu'],
    ['patient/Observation.read', 'patient/Observation.rs'],
    ['patient/Observation.write', 'patient/Observation.cud'],
    ['user/*.*', 'user/*.cruds'],
    ['system/Condition.read', 'system/Condition.rs'],
  ])('reads %s as %s', (scope, normalised) => {
    const grant = parseSmartScope(scope);
    expect(grant && formatScopeGrant(grant)).toBe(normalised);
  });

  it.each([
    'openid',
    'fhirUser',
    'launch',
    'launch/patient',
    'offline_access',
    'patient/Observation.dus',
    'patient/Observation.rr',
    'patient/Observation.',
    'patient/observation.rs',
    'practitioner/Observation.rs',
    'patient/Observation.rs?category=laboratory',
    'patient/Observation.readwrite',
    'patient/.rs',
  ])('does not honour %s as a resource scope', (scope) => {
    expect(parseSmartScope(scope)).toBeUndefined();
  });

  it('keeps only resource scopes from a scope string', () => {
    const grants = parseSmartScopes('launch openid  fhirUser patient/*.rs user/Flag.read offline_access');
    expect(grants.map(formatScopeGrant)).toEqual(['patient/*.rs', 'user/Flag.rs']);
  });

  it.each([
    ['user/*.cruds', 'user/Flag.rs', true],
    ['user/*.rs', 'user/Flag.c', false],
    ['user/Flag.cruds', 'user/Observation.r', false],
    ['patient/*.cruds', 'user/Flag.r', false],
    ['system/*.cruds', 'system/*.rs', true],
    ['user/Flag.rs', 'user/*.rs', false],
  ])('%s covers %s: %s', (allowed, requested, expected) => {
    const a = parseSmartScope(allowed);
    const r = parseSmartScope(requested);
    if (!a || !r) throw new Error('test scopes must parse');
    expect(scopeCovers(a, r)).toBe(expected);
  });
});
