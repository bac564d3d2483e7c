import { DISCLOSURE, ENQUIRY, HOUSEHOLD, INDICATOR, LOCAL, RESPONSE, SELF_HARM, text } from './seed.codes.ts';
import {
  condition,
  flag,
  inClinicNow,
  observation,
  procedure,
  recorded,
  referral,
  visit,
  visits,
} from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

const HOME = { line: '14 Durnover Lane', town: 'Casterbridge' } as const;

/**
 * Samira — Crossing Pathways Key Findings Report (Standing Together against Domestic Abuse, March 2025), Phase Three
 * "Pathway Analysis", persona SAMIRA (the five personas follow the Phase Three section, p. 24, and precede "Summary
 * Themes", p. 33).
 *
 * The report: "A British woman of South Asian heritage, in her early 30s, with two primary-aged children. Health
 * issues: weight loss, pregnancy complications, anxiety, depression, PTSD and suicidal ideation, isolation, children's
 * HWB. Forms of abuse: physical, sexual, economic, legal, harmful cultural practices. Duration of abuse: 7 years."
 * Outcomes after a clinically based DVA specialist: healthy weight, reduced suicidal ideation, children's wellbeing
 * improved, attends health check-ups routinely.
 *
 * In coded FHIR (synthetic detail where the report is silent): years of GP visits for weight loss; a miscarriage
 * (pregnancy complication); anxiety then depression; an enquiry "not made: patient not alone" when her husband came
 * into the consultation (the missed opportunity); suicidal ideation and referral to mental health, where the first
 * assessment asked nothing; a routine enquiry 14 months ago at which she disclosed physical, sexual and economic
 * abuse (legal abuse and harmful cultural practices have no verified code: terminology.md §1c gaps), DASH medium,
 * referral to a mental-health IDVA, an "enhanced review" before online access (terminology.md R3); then PTSD and
 * recovery in mental-health follow-up. Every DVA entry carries R, SDV, NOPAT, so her own online access (she is the
 * sandbox's patient user) never shows them. Her husband is registered too (seed-003), and nothing on her record
 * names him.
 *
 * At `now` she is in mental-health clinic; routine enquiry would be due (none for over 12 months), but a disclosure
 * is on record, so the clinician sees the review-the-plan card instead of a prompt to ask again.
 */
export const SAMIRA: PatientSpec = {
  id: 'persona-samira',
  serial: 101,
  given: ['Samira'],
  family: 'Qureshi',
  prefix: 'Mrs',
  gender: 'female',
  age: { years: 33, days: 140 },
  ethnicity: 'J',
  address: HOME,
  history: [
    visit('gp', ago(3370), { reasons: [text('Postnatal check')] }),
    visit('gp', ago(2600), { reasons: [text('Antenatal booking')] }),
    visit('gp', ago(2350), { reasons: [text('Postnatal check')] }),
    ...visits('gp', [1900, 1650], [text('Weight loss')]),
    visit('gp', ago(1460), {
      reasons: [INDICATOR.miscarriage],
      records: [condition(INDICATOR.miscarriage, { category: 'encounter-diagnosis', abated: ago(1430) })],
    }),
    visit('gp', ago(1100), {
      reasons: [INDICATOR.anxietyDisorder],
      records: [
        condition(INDICATOR.anxietyDisorder),
        procedure(ENQUIRY.routine, { notDoneReason: LOCAL.notAlone }),
      ],
    }),
    visit('gp', ago(950), { reasons: [text('Weight loss')] }),
    visit('gp', ago(800), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
    visit('gp', ago(640), { reasons: [INDICATOR.depression] }),
    visit('gp', ago(500), {
      reasons: [SELF_HARM.suicidalIdeation],
      records: [
        observation(SELF_HARM.suicidalIdeation),
        referral(text('Referral to community mental health team'), 'completed'),
      ],
    }),
    visit('adult-mh', ago(470), { reasons: [INDICATOR.depression, INDICATOR.anxietyDisorder] }),
    visit('adult-mh', ago(425), {
      reasons: [INDICATOR.depression],
      records: [
        procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeDisclosed }),
        condition(DISCLOSURE.victimOfDomesticAbuse),
        condition(DISCLOSURE.physical),
        condition(DISCLOSURE.sexual),
        condition(DISCLOSURE.financial),
        procedure(RESPONSE.dashAssessment),
        observation(RESPONSE.dashClassification, LOCAL.dashMedium),
        referral(RESPONSE.idvaReferral, 'completed', 'Mental-health independent domestic violence adviser'),
        procedure(LOCAL.safetyPlan),
      ],
    }),
    recorded(flag(DISCLOSURE.victimOfDomesticAbuse, 'safety'), ago(424), 'safeguarding'),
    recorded(observation(RESPONSE.enhancedReview), ago(424), 'gp'),
    visit('adult-mh', ago(390), { reasons: [INDICATOR.ptsd], records: [condition(INDICATOR.ptsd)] }),
    ...visits('adult-mh', [330, 250, 170, 90], [INDICATOR.ptsd]),
    visit('gp', ago(200), { reasons: [text('Health check')] }),
    inClinicNow('adult-mh', { reasons: [INDICATOR.ptsd] }),
  ],
  expectedRules: ['disclosure-on-record-review'],
  nearMissOf: ['routine-enquiry-due'],
  note: 'Persona Samira: routine enquiry due in mental health, but a disclosure is on record, so review the plan instead of asking again.',
};

/** Samira's son (9): seen in CAMHS; the safeguarding lead coded DVA in the household after his mother's disclosure. */
const SAMIRA_SON: PatientSpec = {
  id: 'seed-001',
  serial: 1,
  given: ['Zayan'],
  family: 'Qureshi',
  gender: 'male',
  age: { years: 9, days: 130 },
  ethnicity: 'J',
  address: HOME,
  parents: [{ patientId: 'persona-samira', relationship: 'MTH' }],
  history: [
    ...visits('gp', [2500, 900], [text('Wheeze')]),
    recorded(observation(HOUSEHOLD.victimInHousehold), ago(420), 'safeguarding'),
    visit('camhs', ago(300), { reasons: [INDICATOR.anxiety], records: [condition(INDICATOR.anxiety)] }),
    ...visits('camhs', [200, 100], [INDICATOR.anxiety]),
    inClinicNow('camhs', { reasons: [INDICATOR.anxiety] }),
  ],
  expectedRules: ['camhs-whole-family'],
  note: "Samira's son, 9, in CAMHS with domestic abuse victim in household (881081000000100): think whole family.",
};

/** Samira's daughter (6): the same household code, seen only by the GP. */
const SAMIRA_DAUGHTER: PatientSpec = {
  id: 'seed-002',
  serial: 2,
  given: ['Inaya'],
  family: 'Qureshi',
  gender: 'female',
  age: { years: 6, days: 210 },
  ethnicity: 'J',
  address: HOME,
  parents: [{ patientId: 'persona-samira', relationship: 'MTH' }],
  history: [
    visit('gp', ago(1800), { reasons: [text('Immunisations')] }),
    visit('gp', ago(600), { reasons: [text('Ear infection')] }),
    recorded(observation(HOUSEHOLD.victimInHousehold), ago(420), 'safeguarding'),
  ],
  expectedRules: [],
  nearMissOf: ['camhs-whole-family'],
  note: "Samira's daughter, 6: household concern on record but not seen in CAMHS, and under 16: no card.",
};

/**
 * Samira's husband: a suspected perpetrator who is also a registered patient. The alleged-perpetrator entries are on
 * his own record only, restricted and labelled NOPAT (terminology.md R8); nothing on Samira's record names him.
 */
const SAMIRA_HUSBAND: PatientSpec = {
  id: 'seed-003',
  serial: 3,
  given: ['Imran'],
  family: 'Qureshi',
  prefix: 'Mr',
  gender: 'male',
  age: { years: 38, days: 60 },
  ethnicity: 'J',
  address: HOME,
  history: [
    visit('gp', ago(3000), { reasons: [text('Back pain')] }),
    visit('gp', ago(1200), { reasons: [text('Raised blood pressure')] }),
    visit('gp', ago(700), { reasons: [text('Blood pressure review')] }),
    recorded(condition(RESPONSE.allegedPerpetrator), ago(410), 'safeguarding'),
    recorded(flag(RESPONSE.allegedPerpetrator, 'behavioral'), ago(410), 'safeguarding'),
  ],
  expectedRules: [],
  nearMissOf: ['disclosure-on-record-review'],
  note: 'Suspected perpetrator (Samira’s husband), registered: alleged-perpetrator flag on his own record is not a disclosure and never prompts.',
};

/** Samira, her two children and her husband. */
export const SAMIRA_FAMILY: readonly PatientSpec[] = [SAMIRA, SAMIRA_SON, SAMIRA_DAUGHTER, SAMIRA_HUSBAND];
