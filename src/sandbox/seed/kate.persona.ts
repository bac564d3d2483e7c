import { ENQUIRY, HOUSEHOLD, INDICATOR, LOCAL, SELF_HARM, text } from './seed.codes.ts';
import { condition, inClinicNow, observation, procedure, recorded, visit, visits } from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

const GRANDMOTHER_HOME = { line: '9 Cross-in-Hand Lane', town: 'Shaston' } as const;

/**
 * Kate — Crossing Pathways Key Findings Report (Standing Together against Domestic Abuse, March 2025), Phase Three
 * "Pathway Analysis", persona KATE (between p. 24 and "Summary Themes", p. 33).
 *
 * The report: "A White British woman in her late 30s, regaining custody of three children due to alcohol misuse.
 * Health issues: registered disabled due to severe PTSD, depression and Emotionally Unstable Personality Disorder
 * (EUPD). Life-threatening injuries. Active threats to livelihood from the perpetrator. Maintaining sobriety after a
 * long history of drug and alcohol misuse. Forms of abuse: physical violence including whipping (HBV) and threats
 * with knives, emotional and psychological abuse - forced self-harm and mutilation. Duration: prolonged over years."
 * Outcome with a specialist: "I would have died. You saved my life."
 *
 * In coded FHIR, the record as it stood before the DVA specialist met her: alcohol and drug misuse (now in
 * remission), depression, PTSD, EUPD (text: no verified code); attendances for injuries accepted as falls (one of
 * them a fracture with admission); forced self-harm recorded as self-harm episodes seven and two months ago; months
 * of mental-health care, and never an enquiry. Her children live with their grandmother; their records hold police
 * and social-care notifications of domestic abuse that hers does not — the "wall" between children's and adults'
 * services in the CAMHS poster (shared/seeds).
 *
 * At `now` she is in mental-health clinic, and every indicator rule fires: repeat self-harm, diagnostic overshadowing
 * (repeated injuries, substance misuse, frequent attendance) and routine enquiry due.
 */
export const KATE: PatientSpec = {
  id: 'persona-kate',
  serial: 103,
  given: ['Kate'],
  family: 'Lovell',
  prefix: 'Ms',
  gender: 'female',
  age: { years: 38, days: 90 },
  ethnicity: 'A',
  address: { line: '4 Mixen Court', town: 'Shaston' },
  history: [
    visit('gp', ago(4400), {
      reasons: [INDICATOR.alcoholMisuse],
      records: [condition(INDICATOR.alcoholMisuse, { clinicalStatus: 'remission' })],
    }),
    visit('gp', ago(3650), {
      reasons: [INDICATOR.drugAbuse],
      records: [condition(INDICATOR.drugAbuse, { clinicalStatus: 'remission' })],
    }),
    visit('gp', ago(3300), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
    visit('emergency', ago(2100, '23:10'), { reasons: [INDICATOR.injury] }),
    visit('adult-mh', ago(1850), {
      reasons: [INDICATOR.ptsd],
      records: [condition(INDICATOR.ptsd), condition(text('Emotionally unstable personality disorder'))],
    }),
    visit('gp', ago(1050), { reasons: [text('Children placed with grandmother')] }),
    visit('emergency', ago(1000, '22:45'), { reasons: [INDICATOR.injury] }),
    visit('gp', ago(320), { reasons: [INDICATOR.alcoholMisuse] }),
    ...visits('adult-mh', [300, 240], [INDICATOR.ptsd]),
    visit('emergency', ago(270, '23:40'), {
      reasons: [INDICATOR.injury],
      records: [condition(INDICATOR.injury, { category: 'encounter-diagnosis' })],
    }),
    visit('emergency', ago(210, '02:15'), {
      reasons: [SELF_HARM.selfInflicted],
      records: [condition(SELF_HARM.selfInflicted, { category: 'encounter-diagnosis' })],
    }),
    ...visits('adult-mh', [180, 120], [INDICATOR.ptsd]),
    visit('emergency', ago(150, '21:30'), {
      reasons: [INDICATOR.fracture],
      records: [condition(INDICATOR.fracture, { category: 'encounter-diagnosis' })],
    }),
    visit('inpatient', ago(149, '03:00'), {
      reasons: [INDICATOR.fracture],
      lengthDays: 3,
      discharge: 'home',
    }),
    visit('adult-mh', ago(90), { reasons: [INDICATOR.ptsd] }),
    visit('emergency', ago(60, '01:50'), {
      reasons: [SELF_HARM.selfInjurious],
      records: [condition(SELF_HARM.selfInjurious, { category: 'encounter-diagnosis' })],
    }),
    visit('adult-mh', ago(30), { reasons: [INDICATOR.ptsd] }),
    inClinicNow('adult-mh', { reasons: [INDICATOR.ptsd] }),
  ],
  expectedRules: ['repeat-self-harm', 'diagnostic-overshadowing', 'routine-enquiry-due'],
  note: 'Persona Kate: self-harm twice this year, injuries accepted as falls, substance misuse, in mental-health care and never asked.',
};

const KATE_PARENT = [{ patientId: 'persona-kate', relationship: 'MTH' }] as const;

/** Kate's eldest (16): in CAMHS, with the police domestic incident report his mother's record lacks. */
const KATE_SON: PatientSpec = {
  id: 'seed-004',
  serial: 4,
  given: ['Liam'],
  family: 'Lovell',
  gender: 'male',
  age: { years: 16, days: 140 },
  ethnicity: 'A',
  address: GRANDMOTHER_HOME,
  parents: KATE_PARENT,
  history: [
    visit('gp', ago(2000), { reasons: [text('Tonsillitis')] }),
    visit('camhs', ago(230), { reasons: [INDICATOR.anxiety], records: [condition(INDICATOR.anxiety)] }),
    recorded(observation(HOUSEHOLD.policeIncidentReport), ago(152), 'safeguarding'),
    visit('camhs', ago(120), {
      reasons: [INDICATOR.anxiety],
      records: [procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeNoDisclosure })],
    }),
    visit('camhs', ago(60), { reasons: [INDICATOR.anxiety] }),
    inClinicNow('camhs', { reasons: [INDICATOR.anxiety] }),
  ],
  expectedRules: ['camhs-whole-family'],
  note: "Kate's son, 16, in CAMHS with a police domestic incident report; asked about his own relationships 4 months ago.",
};

/** Kate's daughter (12): a past child protection plan and a notification of domestic violence in the household. */
const KATE_DAUGHTER: PatientSpec = {
  id: 'seed-005',
  serial: 5,
  given: ['Ruby'],
  family: 'Lovell',
  gender: 'female',
  age: { years: 12, days: 75 },
  ethnicity: 'A',
  address: GRANDMOTHER_HOME,
  parents: KATE_PARENT,
  history: [
    visit('gp', ago(1500), { reasons: [text('Chickenpox')] }),
    recorded(condition(HOUSEHOLD.childProtectionPlan, { abated: ago(700) }), ago(1000), 'safeguarding'),
    recorded(observation(HOUSEHOLD.notificationInHousehold), ago(152), 'safeguarding'),
  ],
  expectedRules: [],
  nearMissOf: ['camhs-whole-family'],
  note: "Kate's daughter, 12: household notification and a past child protection plan, seen only by the GP: no card.",
};

/** Kate's youngest (8). */
const KATE_YOUNGEST: PatientSpec = {
  id: 'seed-006',
  serial: 6,
  given: ['Alfie'],
  family: 'Lovell',
  gender: 'male',
  age: { years: 8, days: 300 },
  ethnicity: 'A',
  address: GRANDMOTHER_HOME,
  parents: KATE_PARENT,
  history: [
    visit('gp', ago(900), { reasons: [text('Viral illness')] }),
    recorded(observation(HOUSEHOLD.notificationInHousehold), ago(152), 'safeguarding'),
  ],
  expectedRules: [],
  nearMissOf: ['camhs-whole-family'],
  note: "Kate's youngest, 8: household notification, GP only: no card.",
};

/** Kate and her three children. */
export const KATE_FAMILY: readonly PatientSpec[] = [KATE, KATE_SON, KATE_DAUGHTER, KATE_YOUNGEST];
