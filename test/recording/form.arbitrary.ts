import fc from 'fast-check';
import {
  ABUSE_TYPES,
  type ActionsSection,
  CARE_SETTINGS,
  type DisclosureSection,
  DURATION_UNITS,
  type DvaForm,
  ENQUIRY_OUTCOMES,
  type EnquirySection,
  INTERPRETER_TYPES,
  MARAC_CRITERIA,
  type PerpetrationSection,
  REFERRAL_TARGETS,
  RELATIONSHIPS,
  type Referral,
  RISK_LEVELS,
  type RiskSection,
  riskLevelForScore,
} from '../../src/recording/index.ts';
import { ENQUIRY_NOT_MADE_REASON_CODES } from '../../src/terminology/index.ts';

/** fast-check generators of VALID recording forms, built rule by rule (see src/recording/form.rules.ts). */

export const PATIENT_ID = 'prop-patient';
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const conditionsArb = {
  setting: fc.constantFrom(...CARE_SETTINGS),
  patientAlone: fc.boolean(),
  privateSpace: fc.boolean(),
  interpreter: fc.constantFrom(...INTERPRETER_TYPES),
};

/** Not asked: any of the conditions may be unknown (left out), e.g. the "not safe now" quick path. */
const notAskedArb: fc.Arbitrary<EnquirySection> = fc
  .tuple(fc.record(conditionsArb, { requiredKeys: [] }), fc.constantFrom(...ENQUIRY_NOT_MADE_REASON_CODES))
  .map(([conditions, notAskedReason]) => ({ ...conditions, outcome: 'not-asked', notAskedReason }));

const askedArb: fc.Arbitrary<EnquirySection> = fc.record({
  ...conditionsArb,
  outcome: fc.constantFrom(...ENQUIRY_OUTCOMES.filter((o) => o !== 'not-asked')),
});

const enquiryArb = fc.oneof({ arbitrary: askedArb, weight: 3 }, { arbitrary: notAskedArb, weight: 1 });

const childrenArb = fc.integer({ min: 0, max: 4 }).chain((count) =>
  fc.record({
    count: fc.constant(count),
    ages: fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: count }),
    linkedPatientIds: fc.uniqueArray(fc.constantFrom('child-a', 'child-b', 'child-c', 'child-d'), {
      maxLength: count,
    }),
  }),
);

const disclosureArb: fc.Arbitrary<DisclosureSection> = fc.record(
  {
    timing: fc.constantFrom('current', 'past'),
    abuseTypes: fc.uniqueArray(fc.constantFrom(...ABUSE_TYPES), { minLength: 1 }),
    relationships: fc.uniqueArray(fc.constantFrom(...RELATIONSHIPS), { maxLength: 3 }),
    duration: fc.record({
      value: fc.integer({ min: 1, max: 100 }),
      unit: fc.constantFrom(...DURATION_UNITS),
    }),
    pregnant: fc.boolean(),
    children: childrenArb,
  },
  { requiredKeys: ['timing', 'abuseTypes', 'relationships'] },
);

const riskArb: fc.Arbitrary<RiskSection> = fc
  .record({
    answers: optional(fc.array(fc.constantFrom('yes', 'no', 'dont-know'), { minLength: 24, maxLength: 24 })),
    score: fc.integer({ min: 0, max: 24 }),
    raise: fc.integer({ min: 0, max: 2 }),
    judgement: fc.boolean(),
  })
  .map(({ answers, score, raise, judgement }) => {
    const actual = answers ? answers.filter((a) => a === 'yes').length : score;
    const base = RISK_LEVELS.indexOf(riskLevelForScore(actual));
    const index = Math.min(2, base + raise);
    const level = RISK_LEVELS[index] ?? 'high';
    const professionalJudgement = index > base ? true : judgement;
    return answers
      ? { dashAnswers: answers, professionalJudgement, level }
      : { score, professionalJudgement, level };
  });

function referralsArb(disclosed: boolean, risk: RiskSection | undefined): fc.Arbitrary<Referral[]> {
  const score = risk?.dashAnswers ? risk.dashAnswers.filter((a) => a === 'yes').length : risk?.score;
  const visible = risk?.level === 'high' && score !== undefined && score >= 14;
  const criteria = MARAC_CRITERIA.filter((c) => c !== 'visible-high-risk' || visible);
  const targets = disclosed ? REFERRAL_TARGETS : (['safeguarding-adults', 'safeguarding-children'] as const);
  return fc
    .uniqueArray(fc.constantFrom(...targets), { maxLength: 4 })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((target) =>
          fc
            .record({ status: fc.constantFrom('made', 'declined'), criterion: fc.constantFrom(...criteria) })
            .map(
              ({ status, criterion }): Referral =>
                target === 'marac' && status === 'made'
                  ? { target, status, maracCriterion: criterion }
                  : { target, status },
            ),
        ),
      ),
    );
}

function actionsArb(disclosed: boolean, risk: RiskSection | undefined): fc.Arbitrary<ActionsSection> {
  return fc.record(
    {
      referrals: referralsArb(disclosed, risk),
      safetyPlan: fc.boolean(),
      informationGiven: fc.boolean(),
      followUpDate: fc.constantFrom('2026-12-01', '2027-01-15'),
    },
    { requiredKeys: ['referrals', 'safetyPlan', 'informationGiven'] },
  );
}

const consentArb = (shared: boolean) =>
  fc.constantFrom(
    { decision: 'given', lawfulBasis: 'consent' } as const,
    { decision: 'refused', lawfulBasis: 'vital-interests' } as const,
    { decision: 'not-sought', lawfulBasis: 'public-task' } as const,
    { decision: 'refused', lawfulBasis: 'legal-obligation' } as const,
    ...(shared ? [] : ([{ decision: 'refused', lawfulBasis: 'not-shared' }] as const)),
  );

const perpetrationArb: fc.Arbitrary<PerpetrationSection> = fc
  .record({ own: fc.boolean(), riskToOthers: fc.boolean(), riskToChildren: fc.boolean() })
  .map(({ own, riskToOthers, riskToChildren }) => ({
    patientId: own ? PATIENT_ID : 'prop-perpetrator',
    source: own ? 'own-disclosure' : 'third-party',
    riskToOthers,
    riskToChildren,
  }));

/** Any valid form: an enquiry and what may follow it, and/or a suspected perpetration. */
export const validFormArb: fc.Arbitrary<DvaForm> = fc
  .record({ enquiry: optional(enquiryArb), perpetration: optional(perpetrationArb) })
  .filter(({ enquiry, perpetration }) => enquiry !== undefined || perpetration !== undefined)
  .chain(({ enquiry, perpetration }) => {
    const disclosed = enquiry?.outcome === 'asked-disclosed';
    return fc
      .record({
        disclosure: disclosed ? disclosureArb : fc.constant(undefined),
        risk: disclosed ? optional(riskArb) : fc.constant(undefined),
        recordAccess: enquiry
          ? optional(fc.record({ enhancedReview: fc.boolean() }))
          : fc.constant(undefined),
      })
      .chain(({ disclosure, risk, recordAccess }) =>
        optional(actionsArb(disclosed, risk)).chain((actions) => {
          const shared = (actions?.referrals ?? []).some((r) => r.status === 'made');
          return (shared ? consentArb(true) : optional(consentArb(false))).map(
            (consent): DvaForm => ({
              ...(enquiry ? { enquiry } : {}),
              ...(disclosure ? { disclosure } : {}),
              ...(risk ? { risk } : {}),
              ...(actions ? { actions } : {}),
              ...(consent ? { consent } : {}),
              ...(perpetration ? { suspectedPerpetration: perpetration } : {}),
              ...(recordAccess ? { recordAccess } : {}),
            }),
          );
        }),
      );
  });
