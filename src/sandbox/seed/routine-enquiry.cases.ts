import { ENQUIRY, INDICATOR, LOCAL, text } from './seed.codes.ts';
import { condition, inClinicNow, procedure, visit, visits } from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/**
 * Routine enquiry (NICE PH50): in mental-health services (PracticeSettingCode 710, 712, 713, 715) ask everyone,
 * with or without indicators, when no enquiry was recorded in the last 12 months — and the near misses.
 * Each patient is in clinic now, so the hook has a mental-health encounter.
 */
export const ROUTINE_ENQUIRY_CASES: readonly PatientSpec[] = [
  {
    id: 'seed-021',
    serial: 21,
    given: ['Megan'],
    family: 'Lloyd',
    gender: 'female',
    age: { years: 31, days: 250 },
    ethnicity: 'A',
    address: { line: '9 Orchard Way', town: 'Melchester' },
    history: [
      visit('gp', ago(900), {
        reasons: [INDICATOR.anxietyDisorder],
        records: [condition(INDICATOR.anxietyDisorder)],
      }),
      ...visits('adult-mh', [60, 30], [INDICATOR.anxietyDisorder]),
      inClinicNow('adult-mh', { reasons: [INDICATOR.anxietyDisorder] }),
    ],
    expectedRules: ['routine-enquiry-due'],
    note: 'Adult mental-health service (710), never asked.',
  },
  {
    id: 'seed-022',
    serial: 22,
    given: ['Tomasz'],
    family: 'Nowak',
    gender: 'male',
    age: { years: 34, days: 70 },
    ethnicity: 'C',
    address: { line: '15 Station Road', town: 'Sherton Abbas' },
    history: [
      visit('gp', ago(1000), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('psychotherapy', ago(420), {
        reasons: [INDICATOR.depression],
        records: [procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeNoDisclosure })],
      }),
      ...visits('psychotherapy', [200, 100, 21], [INDICATOR.depression]),
      inClinicNow('psychotherapy', { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: ['routine-enquiry-due'],
    note: 'Medical psychotherapy (713): last asked 14 months ago.',
  },
  {
    id: 'seed-023',
    serial: 23,
    given: ['Edith'],
    family: 'Cole',
    gender: 'female',
    age: { years: 79, days: 110 },
    ethnicity: 'A',
    address: { line: 'Rose Cottage, Church Lane', town: 'Weatherbury' },
    history: [
      visit('gp', ago(3000), { reasons: [text('Osteoarthritis')] }),
      visit('gp', ago(700), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      ...visits('old-age', [90, 40], [INDICATOR.depression]),
      inClinicNow('old-age', { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: ['routine-enquiry-due'],
    note: 'Old age psychiatry (715), never asked: older women are asked too.',
  },
  {
    id: 'seed-024',
    serial: 24,
    given: ['Jamal'],
    family: 'Ahmed',
    gender: 'male',
    age: { years: 28, days: 5 },
    ethnicity: 'L',
    address: { line: '3 Wellbridge Court', town: 'Casterbridge' },
    history: [
      visit('forensic', ago(300), { reasons: [text('Psychosis')], records: [condition(text('Psychosis'))] }),
      ...visits('forensic', [200, 100, 20], [text('Psychosis')]),
      inClinicNow('forensic'),
    ],
    expectedRules: ['routine-enquiry-due'],
    note: 'Forensic psychiatry (712), never asked.',
  },
  {
    id: 'seed-025',
    serial: 25,
    given: ['Rachel'],
    family: 'Bennett',
    gender: 'female',
    age: { years: 45, days: 140 },
    ethnicity: 'A',
    address: { line: '50 South Street', town: 'Casterbridge' },
    history: [
      visit('gp', ago(800), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('adult-mh', ago(90), {
        reasons: [INDICATOR.depression],
        records: [procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeNoDisclosure })],
      }),
      visit('adult-mh', ago(45), { reasons: [INDICATOR.depression] }),
      inClinicNow('adult-mh', { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: [],
    nearMissOf: ['routine-enquiry-due'],
    note: 'Adult mental health, asked 3 months ago (nothing disclosed): not due.',
  },
  {
    id: 'seed-026',
    serial: 26,
    given: ['Peter'],
    family: 'Walsh',
    gender: 'male',
    age: { years: 52, days: 35 },
    ethnicity: 'B',
    address: { line: '12 Bridge Street', town: 'Port Bredy' },
    history: [
      visit('gp', ago(1100), {
        reasons: [INDICATOR.anxietyDisorder],
        records: [condition(INDICATOR.anxietyDisorder)],
      }),
      visit('adult-mh', ago(120), {
        reasons: [INDICATOR.anxietyDisorder],
        records: [procedure(ENQUIRY.declined)],
      }),
      visit('adult-mh', ago(60), { reasons: [INDICATOR.anxietyDisorder] }),
      inClinicNow('adult-mh', { reasons: [INDICATOR.anxietyDisorder] }),
    ],
    expectedRules: [],
    nearMissOf: ['routine-enquiry-due'],
    note: 'Adult mental health, enquiry declined 4 months ago: not due (his choice is respected).',
  },
];
