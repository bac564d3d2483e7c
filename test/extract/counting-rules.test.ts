import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  CODE,
  condition,
  encounter,
  flag,
  ICD10,
  observation,
  patient,
  procedure,
  SNOMED,
  serviceRequest,
} from './helpers/fhir-builders.ts';
import { allCounts, extractFrom } from './helpers/memory-source.ts';

const P = 'p1';

interface Case {
  readonly name: string;
  readonly resources: readonly Resource[];
  readonly expected: Record<string, number>;
}

/** dataset.md "Counting rules": one row per rule; `expected` lists every non-zero `all` count. */
const cases: readonly Case[] = [
  {
    name: 'Observation.code qualifies',
    resources: [observation('o', P, CODE.disclosure, '2024-03-02')],
    expected: { 'disclosure 2024-03': 1 },
  },
  {
    name: 'Condition.code qualifies',
    resources: [condition('c', P, { system: SNOMED, code: CODE.disclosure }, '2024-03-02')],
    expected: { 'disclosure 2024-03': 1 },
  },
  {
    name: 'Procedure.code qualifies',
    resources: [procedure('x', P, CODE.enquiryAsked, '2024-03-02')],
    expected: { 'enquiry-asked 2024-03': 1 },
  },
  {
    name: 'ServiceRequest.code qualifies',
    resources: [serviceRequest('s', P, CODE.marac, '2024-03-02')],
    expected: { 'marac-referral 2024-03': 1 },
  },
  {
    name: 'Flag.code qualifies',
    resources: [flag('f', P, CODE.disclosure, '2024-03-02')],
    expected: { 'disclosure 2024-03': 1 },
  },
  {
    name: 'Encounter.reasonCode qualifies',
    resources: [
      encounter('e', P, '600', { reasonCode: [{ coding: [{ system: SNOMED, code: CODE.selfHarm }] }] }),
    ],
    expected: { 'self-harm 2024-03': 1 },
  },
  {
    name: 'any coding of the concept counts (second coding)',
    resources: [
      observation('o', P, CODE.unrelated, '2024-03-02', {
        code: {
          coding: [
            { system: SNOMED, code: CODE.unrelated },
            { system: SNOMED, code: CODE.idva },
          ],
        },
      }),
    ],
    expected: { 'idva-referral 2024-03': 1 },
  },
  {
    name: 'ICD-10 category without a dot (X60)',
    resources: [condition('c', P, { system: ICD10, code: 'X60' }, '2024-03-02')],
    expected: { 'self-harm 2024-03': 1 },
  },
  {
    name: 'ICD-10 subcode with a dot matches its category (X60.2)',
    resources: [condition('c', P, { system: ICD10, code: 'X60.2' }, '2024-03-02')],
    expected: { 'self-harm 2024-03': 1 },
  },
  {
    name: 'ICD-10 subcode without a dot (X842)',
    resources: [condition('c', P, { system: ICD10, code: 'X842' }, '2024-03-02')],
    expected: { 'self-harm 2024-03': 1 },
  },
  {
    name: 'ICD-10 outside X60–X84 (X85)',
    resources: [condition('c', P, { system: ICD10, code: 'X85' }, '2024-03-02')],
    expected: {},
  },
  {
    name: 'a SNOMED code under another system does not count',
    resources: [
      condition('c', P, { system: 'http://example.org/local', code: CODE.disclosure }, '2024-03-02'),
    ],
    expected: {},
  },
  {
    name: 'EMIS-local code never counts',
    resources: [observation('o', P, CODE.emisLocal, '2024-03-02')],
    expected: {},
  },
  {
    name: 'unrelated code does not count',
    resources: [observation('o', P, CODE.unrelated, '2024-03-02')],
    expected: {},
  },
  {
    name: 'month as written, no time-zone conversion',
    resources: [observation('o', P, CODE.disclosure, '2024-03-31T23:30:00-05:00')],
    expected: { 'disclosure 2024-03': 1 },
  },
  {
    name: 'distinct patients: two records in a month count once',
    resources: [
      observation('o1', P, CODE.disclosure, '2024-03-02'),
      observation('o2', P, CODE.disclosure, '2024-03-20'),
    ],
    expected: { 'disclosure 2024-03': 1 },
  },
  {
    name: 'distinct patients per month: once in each month',
    resources: [
      observation('o1', P, CODE.disclosure, '2024-03-02'),
      observation('o2', P, CODE.disclosure, '2024-05-01'),
    ],
    expected: { 'disclosure 2024-03': 1, 'disclosure 2024-05': 1 },
  },
  {
    name: 'two patients count twice',
    resources: [
      observation('o1', 'a', CODE.disclosure, '2024-03-02'),
      observation('o2', 'b', CODE.disclosure, '2024-03-02'),
    ],
    expected: { 'disclosure 2024-03': 2 },
  },
  {
    name: 'no date: not counted',
    resources: [observation('o', P, CODE.disclosure, '', { effectiveDateTime: undefined })],
    expected: {},
  },
  {
    name: 'year-only date: no month, not counted',
    resources: [observation('o', P, CODE.disclosure, '2024')],
    expected: {},
  },
  {
    name: 'entered-in-error Observation excluded',
    resources: [observation('o', P, CODE.disclosure, '2024-03-02', { status: 'entered-in-error' })],
    expected: {},
  },
  {
    name: 'cancelled Observation excluded',
    resources: [observation('o', P, CODE.disclosure, '2024-03-02', { status: 'cancelled' })],
    expected: {},
  },
  {
    name: 'refuted Condition excluded',
    resources: [
      condition('c', P, { system: SNOMED, code: CODE.disclosure }, '2024-03-02', {
        verificationStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
        },
      }),
    ],
    expected: {},
  },
  {
    name: 'entered-in-error Condition excluded',
    resources: [
      condition('c', P, { system: SNOMED, code: CODE.disclosure }, '2024-03-02', {
        verificationStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
              code: 'entered-in-error',
            },
          ],
        },
      }),
    ],
    expected: {},
  },
  {
    name: 'revoked ServiceRequest excluded',
    resources: [serviceRequest('s', P, CODE.marac, '2024-03-02', 'revoked')],
    expected: {},
  },
  {
    name: 'entered-in-error ServiceRequest excluded',
    resources: [serviceRequest('s', P, CODE.marac, '2024-03-02', 'entered-in-error')],
    expected: {},
  },
  {
    name: 'not-done Procedure excluded',
    resources: [procedure('x', P, CODE.selfHarm, '2024-03-02', 'not-done')],
    expected: {},
  },
  {
    name: 'enquiry 700410005 not-done counts as enquiry-not-made only',
    resources: [procedure('x', P, CODE.enquiryAsked, '2024-03-02', 'not-done')],
    expected: { 'enquiry-not-made 2024-03': 1 },
  },
  {
    name: 'enquiry 700410005 done counts as enquiry-asked only',
    resources: [observation('o', P, CODE.enquiryAsked, '2024-03-02')],
    expected: { 'enquiry-asked 2024-03': 1 },
  },
  {
    name: 'enquiry-not-made code counts as not made',
    resources: [observation('o', P, CODE.enquiryNotMade, '2024-03-02')],
    expected: { 'enquiry-not-made 2024-03': 1 },
  },
  {
    name: 'enquiry declined',
    resources: [observation('o', P, CODE.enquiryDeclined, '2024-03-02')],
    expected: { 'enquiry-declined 2024-03': 1 },
  },
  {
    name: 'subject that is a Group is not counted',
    resources: [observation('o', P, CODE.disclosure, '2024-03-02', { subject: { reference: 'Group/g1' } })],
    expected: {},
  },
  {
    name: 'absolute and versioned Patient references count',
    resources: [
      observation('o1', P, CODE.disclosure, '2024-03-02', {
        subject: { reference: `https://ehr.example/fhir/Patient/${P}/_history/3` },
      }),
      observation('o2', P, CODE.disclosure, '2024-03-09'),
    ],
    expected: { 'disclosure 2024-03': 1 },
  },
];

describe('counting rules (shared/docs/dataset.md)', () => {
  it.each(cases)('$name', async ({ resources, expected }) => {
    const partial = await extractFrom([...resources, patient(P), patient('a'), patient('b')]);
    expect(allCounts(partial)).toEqual(expected);
  });
});

const DATE_FIELDS: readonly [string, Record<string, unknown>][] = [
  ['effectiveDateTime', { effectiveDateTime: '2024-01-05' }],
  ['effectivePeriod.start', { effectivePeriod: { start: '2024-01-05' } }],
  ['onsetDateTime', { onsetDateTime: '2024-01-05' }],
  ['onsetPeriod.start', { onsetPeriod: { start: '2024-01-05' } }],
  ['performedDateTime', { performedDateTime: '2024-01-05' }],
  ['performedPeriod.start', { performedPeriod: { start: '2024-01-05' } }],
  ['authoredOn', { authoredOn: '2024-01-05' }],
  ['period.start', { period: { start: '2024-01-05' } }],
  ['recordedDate', { recordedDate: '2024-01-05' }],
  ['issued', { issued: '2024-01-05T10:00:00Z' }],
];

describe('record date: the first present of the ten fields, in order', () => {
  it.each(DATE_FIELDS.map((entry, i) => ({ field: entry[0], i })))(
    '$field wins over every later field',
    async ({ i }) => {
      const later = Object.assign(
        {},
        ...DATE_FIELDS.slice(i + 1).map(([, v]) =>
          JSON.parse(JSON.stringify(v).replaceAll('2024-01', '2024-09')),
        ),
      );
      const record = {
        resourceType: 'Observation',
        id: 'o',
        status: 'final',
        code: { coding: [{ system: SNOMED, code: CODE.disclosure }] },
        subject: { reference: `Patient/${P}` },
        ...later,
        ...DATE_FIELDS[i]?.[1],
      } as unknown as Resource;
      expect(allCounts(await extractFrom([record, patient(P)]))).toEqual({ 'disclosure 2024-01': 1 });
    },
  );
});

describe('data quality of counting', () => {
  it('counts records without a date, without a month, with a non-Patient subject, excluded and EMIS-local', async () => {
    const partial = await extractFrom([
      observation('o1', P, CODE.disclosure, '', { effectiveDateTime: undefined }),
      observation('o2', P, CODE.disclosure, '2024'),
      observation('o3', P, CODE.disclosure, '2024-03-02', { subject: { reference: 'Group/g' } }),
      observation('o4', P, CODE.disclosure, '2024-03-02', { status: 'cancelled' }),
      observation('o5', P, CODE.emisLocal, '2024-03-02'),
      observation('o6', P, '12345', '2024-03-02'),
      observation('o7', P, CODE.disclosure, '2024-03-02', { code: { coding: [{ code: CODE.disclosure }] } }),
    ]);
    expect(partial.dataQuality).toMatchObject({
      recordsWithoutDate: 1,
      recordsWithoutMonth: 1,
      recordsSubjectNotPatient: 1,
      recordsExcludedByStatus: 1,
      emisLocalCodes: 1,
      invalidSnomedCodes: 1,
      codingsWithoutSystem: 1,
      recordsCounted: 0,
      patientsNotFound: 0,
    });
  });

  it('counts referenced patients and encounters that never arrive, and other resource types', async () => {
    const partial = await extractFrom([
      observation('o', 'ghost', CODE.disclosure, '2024-03-02', {
        encounter: { reference: 'Encounter/nowhere' },
      }),
      { resourceType: 'MedicationRequest', id: 'm' } as Resource,
    ]);
    expect(partial.dataQuality).toMatchObject({
      patientsNotFound: 1,
      encountersNotFound: 1,
      otherResourceTypes: { MedicationRequest: 1 },
    });
    expect(allCounts(partial)).toEqual({ 'disclosure 2024-03': 1 });
  });

  it('--from/--to: records outside the period are not counted', async () => {
    const partial = await extractFrom(
      [
        observation('o1', P, CODE.disclosure, '2023-12-31'),
        observation('o2', P, CODE.disclosure, '2024-01-01'),
        patient(P),
      ],
      { from: '2024-01', to: '2024-02' },
    );
    expect(allCounts(partial)).toEqual({ 'disclosure 2024-01': 1 });
    expect(partial.dataQuality.recordsOutsidePeriod).toBe(1);
  });
});
