import type { FhirResource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { readDvaSummary } from '../../src/recording/index.ts';
import { SNOMED } from '../../src/shared/index.ts';
import { LOCAL_SYSTEM } from '../../src/terminology/index.ts';

/** Records as another EHR might hold them: no labels, other resource types, other codes of the same ValueSets. */
const subject = { reference: 'Patient/p1' };
const sct = (code: string) => ({ coding: [{ system: SNOMED, code }] });
let n = 0;
const nextId = () => `r${++n}`;

const condition = (code: string, date: string, verification = 'confirmed'): FhirResource => ({
  resourceType: 'Condition',
  id: nextId(),
  subject,
  code: sct(code),
  recordedDate: date,
  verificationStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: verification }],
  },
});
const observation = (
  code: string,
  date: string,
  status: 'final' | 'entered-in-error' = 'final',
): FhirResource => ({
  resourceType: 'Observation',
  id: nextId(),
  status,
  subject,
  code: sct(code),
  effectiveDateTime: date,
});
const procedure = (
  code: string,
  date: string,
  status: 'completed' | 'not-done' = 'completed',
): FhirResource => ({
  resourceType: 'Procedure',
  id: nextId(),
  status,
  subject,
  code: sct(code),
  performedDateTime: date,
});
const referral = (
  code: string,
  date: string,
  status: 'active' | 'completed' | 'revoked' = 'active',
): FhirResource => ({
  resourceType: 'ServiceRequest',
  id: nextId(),
  status,
  intent: 'order',
  subject,
  code: sct(code),
  authoredOn: date,
});
const flag = (code: string, status: 'active' | 'inactive' = 'active'): FhirResource => ({
  resourceType: 'Flag',
  id: nextId(),
  status,
  subject,
  code: sct(code),
  period: { start: '2025-01-01' },
});

describe('readDvaSummary', () => {
  it('summarises an empty record', () => {
    expect(readDvaSummary([])).toEqual({
      disclosures: [],
      openReferrals: [],
      activeFlags: [],
      marac: { status: 'none' },
      safetyPlan: false,
      followUps: [],
      suspectedPerpetrator: false,
      dvaInHousehold: false,
    });
  });

  it.each([
    ['asked without outcome', [procedure('700410005', '2025-03-01')], 'asked'],
    ['declined', [procedure('700411009', '2025-03-01')], 'declined'],
    ['not made (EHR code)', [observation('887331000000105', '2025-03-01')], 'not-asked'],
    ['not discussed', [observation('699231000', '2025-03-01')], 'not-asked'],
    ['not-done Procedure', [procedure('700410005', '2025-03-01', 'not-done')], 'not-asked'],
    ['latest wins', [procedure('700411009', '2025-05-01'), procedure('700410005', '2025-03-01')], 'declined'],
    [
      'latest wins, any order',
      [procedure('700410005', '2025-03-01'), procedure('700411009', '2025-01-01')],
      'asked',
    ],
    [
      'entered in error ignored',
      [procedure('700411009', '2025-01-01'), observation('699231000', '2025-06-01', 'entered-in-error')],
      'declined',
    ],
  ])('latest enquiry: %s → %s', (_name, resources, outcome) => {
    expect(readDvaSummary(resources).latestEnquiry?.outcome).toBe(outcome);
  });

  it('reads the not-made reason of a not-done enquiry', () => {
    const p = procedure('700410005', '2025-03-01', 'not-done');
    if (p.resourceType !== 'Procedure') throw new Error('fixture');
    p.statusReason = { coding: [{ system: LOCAL_SYSTEM, code: 'not-asked-no-private-space' }] };
    expect(readDvaSummary([p]).latestEnquiry).toEqual({
      outcome: 'not-asked',
      notAskedReason: 'not-asked-no-private-space',
      date: '2025-03-01',
    });
  });

  it.each([
    ['706893006', 'current', []],
    ['412732008', 'past', []],
    ['720741001', 'past', ['sexual']],
    ['720684005', 'current', ['physical']],
    ['1087071000000109', 'suspected', []],
  ])('disclosure %s → %s %j', (code, timing, abuseTypes) => {
    const [d] = readDvaSummary([condition(code, '2024-02-02')]).disclosures;
    expect(d?.timing).toBe(timing);
    expect(d?.abuseTypes).toEqual(abuseTypes);
  });

  it('ignores refuted and entered-in-error disclosures and lists the rest newest first', () => {
    const summary = readDvaSummary([
      condition('879911000000102', '2024-01-01', 'refuted'),
      condition('879911000000102', '2024-01-02', 'entered-in-error'),
      observation('205171000000107', '2023-01-01'),
      condition('429746005', '2024-06-01'),
    ]);
    expect(summary.disclosures.map((d) => [d.code.code, d.date])).toEqual([
      ['429746005', '2024-06-01'],
      ['205171000000107', '2023-01-01'],
    ]);
  });

  it.each([
    ['a high-risk code only', [condition('759481000000100', '2025-01-01')], 'high'],
    [
      'a RiskAssessment',
      [
        {
          resourceType: 'RiskAssessment',
          id: 'ra',
          status: 'final',
          subject,
          code: sct('886201000000108'),
          occurrenceDateTime: '2025-01-01',
          prediction: [{ qualitativeRisk: { coding: [{ code: 'moderate' }] } }],
        } satisfies FhirResource,
      ],
      'medium',
    ],
    [
      'a newer classification over an older high risk',
      [
        condition('759481000000100', '2024-01-01'),
        {
          ...observation('886231000000102', '2025-01-01'),
          valueCodeableConcept: { coding: [{ system: LOCAL_SYSTEM, code: 'dash-level-standard' }] },
        } as FhirResource,
      ],
      'standard',
    ],
  ])('risk from %s → %s', (_name, resources, level) => {
    expect(readDvaSummary(resources).risk?.level).toBe(level);
  });

  it('lists open referrals only, with their target where the codes say which', () => {
    const summary = readDvaSummary([
      referral('431719007', '2025-01-01'),
      referral('784861000000102', '2025-01-02'),
      referral('978091000000105', '2025-01-03', 'completed'),
      referral('514331000000104', '2025-01-04', 'revoked'),
    ]);
    expect(summary.openReferrals.map((r) => [r.code.code, r.target])).toEqual([
      ['431719007', 'idva'],
      ['784861000000102', undefined],
    ]);
  });

  it('lists active DVA flags only', () => {
    const summary = readDvaSummary([
      flag('879911000000102'),
      flag('206411000000103', 'inactive'),
      flag('48694002'),
    ]);
    expect(summary.activeFlags.map((f) => f.code.code)).toEqual(['879911000000102']);
  });

  it.each([
    ['referred', [referral('978091000000105', '2025-01-01')], 'referred'],
    [
      'then discussed',
      [referral('978091000000105', '2025-01-01'), observation('758941000000108', '2025-02-01')],
      'subject',
    ],
    [
      'then closed',
      [observation('758941000000108', '2025-02-01'), observation('1078361000000107', '2025-04-01')],
      'closed',
    ],
    ['a revoked referral is not a referral', [referral('978091000000105', '2025-01-01', 'revoked')], 'none'],
    [
      'a completed referral still counts',
      [referral('978091000000105', '2025-01-01', 'completed')],
      'referred',
    ],
  ])('MARAC %s → %s', (_name, resources, status) => {
    expect(readDvaSummary(resources).marac.status).toBe(status);
  });

  it('notices suspected perpetration and DVA in the household from any record type', () => {
    const summary = readDvaSummary([
      condition('205181000000109', '2025-01-01'),
      observation('895141000000105', '2025-01-01'),
    ]);
    expect(summary.suspectedPerpetrator).toBe(true);
    expect(summary.dvaInHousehold).toBe(true);
  });

  it('reads the latest DVA consent and ignores other consents', () => {
    const consent = (date: string, status: 'active' | 'rejected', category: string): FhirResource => ({
      resourceType: 'Consent',
      id: nextId(),
      status,
      scope: { coding: [{ code: 'patient-privacy' }] },
      category: [{ coding: [{ system: LOCAL_SYSTEM, code: category }] }],
      patient: subject,
      dateTime: date,
      policyRule: { coding: [{ system: LOCAL_SYSTEM, code: 'lawful-basis-vital-interests' }] },
    });
    const summary = readDvaSummary([
      consent('2025-01-01', 'active', 'dva-information-sharing'),
      consent('2025-03-01', 'rejected', 'dva-information-sharing'),
      consent('2025-05-01', 'active', 'something-else'),
    ]);
    expect(summary.consent).toEqual({
      decision: 'refused',
      lawfulBasis: 'vital-interests',
      date: '2025-03-01',
    });
  });
});
