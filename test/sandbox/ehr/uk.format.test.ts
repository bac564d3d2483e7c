import type { Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  formatPatientName,
  formatUkDate,
  nhsNumber,
} from '../../../src/sandbox/ehr/uk.format.ts';

describe('UK formats', () => {
  it.each([
    ['1988-03-07', '07 Mar 1988'],
    ['1988-03', 'Mar 1988'],
    ['1988', '1988'],
    ['2026-07-01T13:05:00Z', '01 Jul 2026, 14:05'],
    ['2026-01-15T13:05:00Z', '15 Jan 2026, 13:05'],
    ['not a date', 'not a date'],
    [undefined, ''],
  ])('formatUkDate(%s) = %s', (input, expected) => {
    expect(formatUkDate(input)).toBe(expected);
  });

  it.each([
    ['1990-06-15', '2026-06-14', 35],
    ['1990-06-15', '2026-06-15', 36],
    ['2008-02-29', '2026-02-28', 17],
    ['unknown', '2026-01-01', undefined],
  ])('age of someone born %s on %s is %s', (birth, today, age) => {
    expect(ageInYears(birth, new Date(`${today}T12:00:00Z`))).toBe(age);
  });

  it('formats names the NHS way and NHS numbers 3-3-4', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      name: [
        { use: 'old', family: 'Former' },
        { use: 'official', family: 'Sandbox', given: ['Samira', 'Jane'], prefix: ['Ms'] },
      ],
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
    };
    expect(formatPatientName(patient)).toBe('SANDBOX, Samira Jane (Ms)');
    expect(nhsNumber(patient.identifier)).toBe('999 000 0018');
    expect(formatPatientName({ resourceType: 'Patient' })).toBe('Unnamed patient');
  });
});
