import { describe, expect, it } from 'vitest';
import { CODE, encounter, observation, patient, withEthnicity } from './helpers/fhir-builders.ts';
import { countOf, extractFrom } from './helpers/memory-source.ts';

const M = '2024-03';

describe('breakdowns (shared/docs/dataset.md)', () => {
  it('sex from Patient.gender, unknown when absent', async () => {
    const partial = await extractFrom([
      observation('o1', 'f', CODE.disclosure, '2024-03-02'),
      observation('o2', 'm', CODE.disclosure, '2024-03-02'),
      observation('o3', 'u', CODE.disclosure, '2024-03-02'),
      patient('f'),
      patient('m', { gender: 'male' }),
      patient('u', { gender: undefined }),
    ]);
    expect([
      countOf(partial, 'disclosure', M, 'sex', 'female'),
      countOf(partial, 'disclosure', M, 'sex', 'male'),
      countOf(partial, 'disclosure', M, 'sex', 'unknown'),
    ]).toEqual([1, 1, 1]);
  });

  it.each([
    ['2008-03-03', '2024-03-02', '0-15'],
    ['2008-03-02', '2024-03-02', '16-17'],
    ['2006-03-02', '2024-03-02', '18-24'],
    ['1999-03-03', '2024-03-02', '18-24'],
    ['1999-03-02', '2024-03-02', '25-34'],
    ['1949-01-01', '2024-03-02', '75+'],
    ['1990', '2024-03-02', '25-34'],
    ['1989', '2024-03-02', 'unknown'],
    ['2030-01-01', '2024-03-02', 'unknown'],
  ])('age band at the record date: born %s, record %s → %s', async (birthDate, date, band) => {
    const partial = await extractFrom([
      observation('o', 'p', CODE.disclosure, date),
      patient('p', { birthDate }),
    ]);
    expect(countOf(partial, 'disclosure', M, 'age_band', band)).toBe(1);
  });

  it('age band unknown without a birth date or without the Patient', async () => {
    const partial = await extractFrom([
      observation('o1', 'p', CODE.disclosure, '2024-03-02'),
      observation('o2', 'ghost', CODE.disclosure, '2024-03-02'),
      patient('p', { birthDate: undefined }),
    ]);
    expect(countOf(partial, 'disclosure', M, 'age_band', 'unknown')).toBe(2);
  });

  it('a birthday within the month puts the patient in both bands on either side', async () => {
    const partial = await extractFrom([
      observation('o1', 'p', CODE.disclosure, '2024-03-01'),
      observation('o2', 'p', CODE.disclosure, '2024-03-30'),
      patient('p', { birthDate: '2008-03-15' }),
    ]);
    expect(countOf(partial, 'disclosure', M, 'age_band', '0-15')).toBe(1);
    expect(countOf(partial, 'disclosure', M, 'age_band', '16-17')).toBe(1);
    expect(countOf(partial, 'disclosure', M)).toBe(1);
  });

  it.each([
    ['A', 'White'],
    ['C', 'White'],
    ['D', 'Mixed'],
    ['G', 'Mixed'],
    ['H', 'Asian'],
    ['L', 'Asian'],
    ['M', 'Black'],
    ['P', 'Black'],
    ['R', 'Other'],
    ['S', 'Other'],
    ['Z', 'unknown'],
    ['99', 'unknown'],
  ])('ethnicity: NHS Data Dictionary letter %s → %s', async (code, group) => {
    const partial = await extractFrom([
      observation('o', 'p', CODE.disclosure, '2024-03-02'),
      patient('p', withEthnicity(code)),
    ]);
    expect(countOf(partial, 'disclosure', M, 'ethnicity', group)).toBe(1);
  });

  it('ethnicity unknown without the extension', async () => {
    const partial = await extractFrom([observation('o', 'p', CODE.disclosure, '2024-03-02'), patient('p')]);
    expect(countOf(partial, 'disclosure', M, 'ethnicity', 'unknown')).toBe(1);
  });

  it.each([
    ['600', 'general-practice'],
    ['710', 'mental-health'],
    ['711', 'mental-health'],
    ['715', 'mental-health'],
    ['601', 'other'],
    ['999', 'other'],
    [undefined, 'unknown'],
  ])('setting from the record’s Encounter service type %s → %s', async (serviceCode, setting) => {
    const partial = await extractFrom([
      observation('o', 'p', CODE.disclosure, '2024-03-02', { encounter: { reference: 'Encounter/e' } }),
      encounter('e', 'p', serviceCode),
      patient('p'),
    ]);
    expect(countOf(partial, 'disclosure', M, 'setting', setting)).toBe(1);
  });

  it('setting unknown for a record without an Encounter; an Encounter record uses its own service type', async () => {
    const partial = await extractFrom([
      observation('o', 'p', CODE.disclosure, '2024-03-02'),
      encounter('e', 'q', '710', {
        reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: CODE.disclosure }] }],
      }),
      patient('p'),
      patient('q'),
    ]);
    expect(countOf(partial, 'disclosure', M, 'setting', 'unknown')).toBe(1);
    expect(countOf(partial, 'disclosure', M, 'setting', 'mental-health')).toBe(1);
  });

  it('a patient seen in two settings in a month counts once in all and once in each setting', async () => {
    const partial = await extractFrom([
      observation('o1', 'p', CODE.disclosure, '2024-03-02', { encounter: { reference: 'Encounter/gp' } }),
      observation('o2', 'p', CODE.disclosure, '2024-03-09', { encounter: { reference: 'Encounter/mh' } }),
      encounter('gp', 'p', '600'),
      encounter('mh', 'p', '710'),
      patient('p'),
    ]);
    expect(countOf(partial, 'disclosure', M)).toBe(1);
    expect(countOf(partial, 'disclosure', M, 'setting', 'general-practice')).toBe(1);
    expect(countOf(partial, 'disclosure', M, 'setting', 'mental-health')).toBe(1);
  });

  it('file order does not matter: Patients and Encounters before or after the records', async () => {
    const records = [
      observation('o', 'p', CODE.disclosure, '2024-03-02', { encounter: { reference: 'Encounter/e' } }),
      encounter('e', 'p', '710'),
      patient('p', { gender: 'male', birthDate: '1980-01-01' }),
    ];
    const forwards = await extractFrom(records);
    const backwards = await extractFrom([...records].reverse());
    expect(backwards.counts).toEqual(forwards.counts);
    expect(countOf(forwards, 'disclosure', M, 'sex', 'male')).toBe(1);
    expect(countOf(forwards, 'disclosure', M, 'setting', 'mental-health')).toBe(1);
    expect(countOf(forwards, 'disclosure', M, 'age_band', '35-44')).toBe(1);
  });
});
