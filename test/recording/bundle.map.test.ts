import { describe, expect, it } from 'vitest';
import type { DvaForm } from '../../src/recording/index.ts';
import { terminology } from '../../src/terminology/index.ts';
import { ASKED, codes, DISCLOSED, map, ofType, PATIENT } from './bundle-query.helper.ts';
import { KATE, NOT_ASKED, SAMIRA, TARA } from './forms.fixture.ts';

describe('enquiry', () => {
  it.each([
    [
      'asked-disclosed',
      DISCLOSED,
      'completed',
      'sct|700410005',
      undefined,
      'local|enquiry-outcome-disclosed',
    ],
    [
      'asked-no-disclosure',
      { enquiry: { ...ASKED, outcome: 'asked-no-disclosure' } },
      'completed',
      'sct|700410005',
      undefined,
      'local|enquiry-outcome-no-disclosure',
    ],
    [
      'declined',
      { enquiry: { ...ASKED, outcome: 'declined' } },
      'completed',
      'sct|700411009',
      undefined,
      undefined,
    ],
    ['not-asked', NOT_ASKED, 'not-done', 'sct|700410005', 'local|not-asked-not-alone', undefined],
  ] as const)('%s → Procedure %s %s', (_name, form, status, code, reason, outcome) => {
    const [procedure, ...others] = ofType(map(form), 'Procedure');
    expect(others).toEqual([]);
    expect(procedure?.status).toBe(status);
    expect(codes(procedure?.code)).toEqual([code]);
    expect(procedure?.statusReason ? codes(procedure.statusReason) : undefined).toEqual(
      reason ? [reason] : undefined,
    );
    expect(procedure?.outcome ? codes(procedure.outcome) : undefined).toEqual(
      outcome ? [outcome] : undefined,
    );
    expect(procedure?.performedDateTime).toBe('2026-11-23T10:15:00.000Z');
    expect(procedure?.encounter?.reference).toBe(`Encounter/encounter-${PATIENT}`);
  });

  it('records the conditions of the enquiry, part of the Procedure', () => {
    const bundle = map(NOT_ASKED);
    const [observation] = ofType(bundle, 'Observation');
    const [procedure] = ofType(bundle, 'Procedure');
    expect(observation?.partOf).toEqual([{ reference: `Procedure/${procedure?.id}` }]);
    expect(
      observation?.component?.map((c) => [
        codes(c.code)[0],
        c.valueBoolean ?? codes(c.valueCodeableConcept)[0],
      ]),
    ).toEqual([
      ['local|patient-alone', false],
      ['local|private-space', true],
      ['local|interpreter', 'local|interpreter-not-needed'],
      ['local|care-setting', 'https://fhir.safe-enquiry.org/CodeSystem/care-setting|general-practice'],
    ]);
  });

  const conditionsOf = (form: DvaForm) =>
    ofType(map(form), 'Observation').flatMap((o) =>
      codes(o.code).includes('local|enquiry-conditions')
        ? [
            (o.component ?? []).map((c) => [
              codes(c.code)[0],
              c.valueBoolean ?? codes(c.valueCodeableConcept)[0],
            ]),
          ]
        : [],
    );
  const NOT_SAFE = { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now' } as const;

  it.each([
    ['nothing known (quick path)', {}, []],
    [
      'only the setting (from the encounter)',
      { setting: 'mental-health' },
      [[['local|care-setting', 'https://fhir.safe-enquiry.org/CodeSystem/care-setting|mental-health']]],
    ],
    [
      'alone and interpreter known, no setting',
      { patientAlone: true, interpreter: 'professional' },
      [
        [
          ['local|patient-alone', true],
          ['local|interpreter', 'local|interpreter-professional'],
        ],
      ],
    ],
    ['not alone, nothing else', { patientAlone: false }, [[['local|patient-alone', false]]]],
  ] as const)('not asked, %s → only the known conditions, never a guessed "no"', (_name, known, expected) => {
    const form: DvaForm = { enquiry: { ...NOT_SAFE, ...known } };
    expect(conditionsOf(form)).toEqual(expected);
    expect(ofType(map(form), 'Procedure').map((p) => p.status)).toEqual(['not-done']);
    const provenance = ofType(map(form), 'Provenance')[0];
    expect(provenance?.target).toHaveLength(1 + expected.length);
  });

  it('counts in the dataset measures as dataset.md says', () => {
    const measure = (form: DvaForm, id: string) =>
      ofType(map(form), 'Procedure').some(
        (p) => p.status !== 'not-done' && terminology.containsAny(id, p.code?.coding),
      );
    expect(measure(DISCLOSED, 'enquiry-asked')).toBe(true);
    expect(measure({ enquiry: { ...ASKED, outcome: 'declined' } }, 'enquiry-declined')).toBe(true);
    expect(measure(NOT_ASKED, 'enquiry-asked')).toBe(false);
    expect(ofType(map(NOT_ASKED), 'Procedure')[0]?.status).toBe('not-done');
  });
});

describe('disclosure', () => {
  it.each([
    ['current', 'sct|879911000000102', 'active'],
    ['past', 'sct|429746005', 'resolved'],
  ] as const)('%s → Condition %s, %s, asserted by the patient', (timing, code, status) => {
    const form: DvaForm = {
      ...DISCLOSED,
      disclosure: { timing, abuseTypes: ['physical'], relationships: [] },
    };
    const condition = ofType(map(form), 'Condition')[0];
    expect(codes(condition?.code)).toEqual([code]);
    expect(codes(condition?.clinicalStatus)).toEqual([
      `http://terminology.hl7.org/CodeSystem/condition-clinical|${status}`,
    ]);
    expect(condition?.asserter).toEqual({ reference: `Patient/${PATIENT}` });
    expect(terminology.containsAny('disclosure', condition?.code?.coding)).toBe(true);
  });

  it('puts the details in a very restricted Observation the Condition points to', () => {
    const bundle = map(SAMIRA, 'persona-samira');
    const condition = ofType(bundle, 'Condition')[0];
    const details = ofType(bundle, 'Observation').find(
      (o) => codes(o.code)[0] === 'local|disclosure-details',
    );
    expect(condition?.evidence).toEqual([{ detail: [{ reference: `Observation/${details?.id}` }] }]);
    expect(details?.meta?.security?.[0]?.code).toBe('V');
    expect(
      details?.component?.map((c) => [
        codes(c.code)[0],
        codes(c.valueCodeableConcept)[0] ?? c.valueBoolean ?? c.valueInteger ?? c.valueQuantity?.code,
      ]),
    ).toEqual([
      ['local|abuse-type', 'sct|720684005'],
      ['local|abuse-type', 'sct|720595008'],
      ['local|abuse-type', 'sct|225827005'],
      ['local|abuse-type', 'local|honour-based-abuse'],
      ['local|relationship-to-person-causing-harm', 'http://terminology.hl7.org/CodeSystem/v3-RoleCode|HUSB'],
      ['local|abuse-duration', 'a'],
      ['local|pregnant', false],
      ['local|children-in-household', 2],
      ['local|child-age', 'a'],
      ['local|child-age', 'a'],
    ]);
  });
});

describe('risk', () => {
  const risk = (r: object) => map({ ...DISCLOSED, risk: r } as DvaForm);
  it.each([
    [
      'answers, standard',
      { dashAnswers: Array(24).fill('no'), professionalJudgement: false, level: 'standard' },
      0,
      'low',
      1,
    ],
    ['score, medium', { score: 12, professionalJudgement: false, level: 'medium' }, 12, 'moderate', 0],
    ['score, high', { score: 15, professionalJudgement: false, level: 'high' }, 15, 'high', 0],
    ['judgement, high', { score: 4, professionalJudgement: true, level: 'high' }, 4, 'high', 0],
  ])('%s', (_name, section, score, probability, questionnaires) => {
    const bundle = risk(section);
    const classification = ofType(bundle, 'Observation').find(
      (o) => codes(o.code)[0] === 'sct|886231000000102',
    );
    expect(classification?.component?.[0]?.valueInteger).toBe(score);
    const assessment = ofType(bundle, 'RiskAssessment')[0];
    expect(codes(assessment?.prediction?.[0]?.qualitativeRisk)).toEqual([
      `http://terminology.hl7.org/CodeSystem/risk-probability|${probability}`,
    ]);
    expect(ofType(bundle, 'QuestionnaireResponse')).toHaveLength(questionnaires);
    const high = probability === 'high';
    expect(
      ofType(bundle, 'Condition').some((c) => terminology.containsAny('risk-high', c.code?.coding)),
    ).toBe(high);
    expect(codes(ofType(bundle, 'Flag')[0]?.code)).toEqual([
      high ? 'sct|759481000000100' : 'sct|879911000000102',
    ]);
  });

  it('answers all 24 DASH items by number', () => {
    const response = ofType(map(SAMIRA, 'persona-samira'), 'QuestionnaireResponse')[0];
    expect(response?.item?.map((i) => i.linkId)).toEqual(
      Array.from({ length: 24 }, (_, i) => `dash-${i + 1}`),
    );
    expect(response?.item?.[23]?.answer?.[0]?.valueCoding?.code).toBe('asked-unknown');
  });
});

describe('actions and consent', () => {
  it('writes one ServiceRequest per referral, declined offers revoked', () => {
    const requests = ofType(map(TARA, 'persona-tara'), 'ServiceRequest');
    expect(
      requests.map((r) => [r.status, codes(r.code), r.category ? codes(r.category[0]) : undefined]),
    ).toEqual([
      ['active', ['sct|758599003'], undefined],
      ['revoked', ['sct|431719007', 'local|referral-mhidva'], ['local|referral-offer-declined']],
    ]);
  });

  it('gives a MARAC referral its criterion and the risk assessment', () => {
    const bundle = map(KATE, 'persona-kate');
    const marac = ofType(bundle, 'ServiceRequest').find((r) => codes(r.code)[0] === 'sct|978091000000105');
    expect(codes(marac?.reasonCode?.[0])).toEqual(['local|marac-visible-high-risk']);
    expect(marac?.supportingInfo).toEqual([
      { reference: `RiskAssessment/${ofType(bundle, 'RiskAssessment')[0]?.id}` },
    ]);
    expect(codes(ofType(bundle, 'ServiceRequest')[2]?.code)).toEqual([
      'local|referral-safeguarding-children',
    ]);
  });

  it('writes the safety plan, the information given and the follow-up', () => {
    const bundle = map(SAMIRA, 'persona-samira');
    expect(codes(ofType(bundle, 'CarePlan')[0]?.category?.[0])).toEqual(['local|safety-plan']);
    expect(ofType(bundle, 'Procedure').map((p) => codes(p.code)[0])).toEqual([
      'sct|700410005',
      'sct|413457006',
    ]);
    expect(ofType(bundle, 'Task')[0]?.executionPeriod).toEqual({ start: '2026-12-07' });
  });

  it.each([
    ['given', 'consent', 'active', 'permit'],
    ['refused', 'vital-interests', 'rejected', 'permit'],
    ['not-sought', 'public-task', 'proposed', 'permit'],
    ['refused', 'not-shared', 'rejected', 'deny'],
  ] as const)('consent %s on basis %s → %s / %s', (decision, lawfulBasis, status, provision) => {
    const consent = ofType(map({ ...DISCLOSED, consent: { decision, lawfulBasis } }), 'Consent')[0];
    expect(consent?.status).toBe(status);
    expect(codes(consent?.policyRule)).toEqual([`local|lawful-basis-${lawfulBasis}`]);
    expect(consent?.provision?.type).toBe(provision);
  });
});
