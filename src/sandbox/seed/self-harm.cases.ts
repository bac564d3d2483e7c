import { SELF_HARM, text } from './seed.codes.ts';
import { condition, observation, recorded, visit } from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/**
 * Repeat self-harm: ≥ 2 distinct episodes ≥ 24 h apart within 12 months, coded on any resource type in SNOMED CT or
 * ICD-10 (with or without the dot), or "H/O: repeated overdose" (terminology.md §5d) — and the near misses.
 */
export const SELF_HARM_CASES: readonly PatientSpec[] = [
  {
    id: 'seed-008',
    serial: 8,
    given: ['Tobi'],
    family: 'Adeyemi',
    gender: 'male',
    age: { years: 19, days: 40 },
    ethnicity: 'N',
    address: { line: '8 Hintock Street', town: 'Melchester' },
    history: [
      visit('gp', ago(1500), { reasons: [text('Acne')] }),
      visit('emergency', ago(240, '23:10'), { reasons: [SELF_HARM.icdX619] }),
      visit('gp', ago(238), { reasons: [text('Follow-up after emergency attendance')] }),
      visit('emergency', ago(95, '01:40'), {
        reasons: [text('Laceration to forearm')],
        records: [condition(SELF_HARM.selfInjurious, { category: 'encounter-diagnosis' })],
      }),
    ],
    expectedRules: ['repeat-self-harm'],
    note: 'Two self-harm episodes 5 months apart this year: ICD-10 X61.9 on an attendance, SNOMED on a Condition.',
  },
  {
    id: 'seed-009',
    serial: 9,
    given: ['Linda'],
    family: 'Marsh',
    gender: 'female',
    age: { years: 47, days: 200 },
    ethnicity: 'A',
    address: { line: '31 Egdon Road', town: 'Anglebury' },
    history: [
      visit('gp', ago(2000), { reasons: [text('Migraine')] }),
      recorded(condition(SELF_HARM.repeatedOverdose), ago(180), 'gp'),
    ],
    expectedRules: ['repeat-self-harm'],
    note: 'H/O: repeated overdose coded from a hospital letter, with no dated episodes on record.',
  },
  {
    id: 'seed-010',
    serial: 10,
    given: ['Aisha'],
    family: 'Begum',
    gender: 'female',
    age: { years: 27, days: 15 },
    ethnicity: 'K',
    address: { line: '5 Abbot Close', town: 'Sherton Abbas' },
    history: [
      visit('gp', ago(900), { reasons: [text('Contraception review')] }),
      recorded(observation(SELF_HARM.suicideAttempt), ago(300), 'gp'),
      visit('emergency', ago(45, '19:20'), { reasons: [SELF_HARM.icdX619NoDot] }),
    ],
    expectedRules: ['repeat-self-harm'],
    note: 'Suicide attempt (Observation) 10 months ago and an attendance coded X619 (ICD-10 without the dot) 6 weeks ago.',
  },
  {
    id: 'seed-011',
    serial: 11,
    given: ['Daniel'],
    family: 'Price',
    gender: 'male',
    age: { years: 35, days: 100 },
    ethnicity: 'B',
    address: { line: '2 Froom Terrace', town: 'Casterbridge' },
    history: [
      visit('gp', ago(1200), { reasons: [text('Sprained ankle')] }),
      visit('emergency', ago(40, '02:10'), {
        reasons: [SELF_HARM.selfPoisoning],
        records: [condition(SELF_HARM.selfPoisoning, { category: 'encounter-diagnosis' })],
      }),
      visit('gp', ago(40, '16:30'), { reasons: [SELF_HARM.selfPoisoning] }),
    ],
    expectedRules: [],
    nearMissOf: ['repeat-self-harm'],
    note: 'One overdose recorded three times on the same day (attendance, diagnosis, GP follow-up): one episode.',
  },
  {
    id: 'seed-012',
    serial: 12,
    given: ['Chloe'],
    family: 'Evans',
    gender: 'female',
    age: { years: 24, days: 250 },
    ethnicity: 'C',
    address: { line: '17 Port Street', town: 'Port Bredy' },
    history: [
      visit('emergency', ago(760, '22:00'), { reasons: [SELF_HARM.nonSuicidal] }),
      visit('emergency', ago(60, '21:15'), { reasons: [SELF_HARM.selfInflicted] }),
    ],
    expectedRules: [],
    nearMissOf: ['repeat-self-harm'],
    note: 'Two self-harm episodes about two years apart: only one within 12 months.',
  },
  {
    id: 'seed-013',
    serial: 13,
    given: ['Ryan'],
    family: 'Holt',
    gender: 'male',
    age: { years: 22, days: 310 },
    ethnicity: 'A',
    address: { line: '40 Ivell Road', town: 'Ivell' },
    history: [
      visit('gp', ago(150), {
        reasons: [text('Wound check')],
        records: [observation(SELF_HARM.nonSuicidal)],
      }),
    ],
    expectedRules: [],
    nearMissOf: ['repeat-self-harm'],
    note: 'A single non-suicidal self-injury episode.',
  },
];
