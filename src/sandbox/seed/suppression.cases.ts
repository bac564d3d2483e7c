import { DISCLOSURE, ENQUIRY, INDICATOR, LOCAL, RESPONSE, text } from './seed.codes.ts';
import {
  condition,
  flag,
  inClinicNow,
  procedure,
  recorded,
  referral,
  visit,
  visits,
} from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/**
 * Suppression: a prompt that would fire is held back when an enquiry was made recently, when "not asked — not safe
 * now" was recorded today, or when a disclosure is already on record (then a review-the-plan card instead). A
 * disclosure entered in error suppresses nothing, and a disclosure with no indicator shows nothing.
 */
export const SUPPRESSION_CASES: readonly PatientSpec[] = [
  {
    id: 'seed-027',
    serial: 27,
    given: ['Laura'],
    family: 'Kemp',
    gender: 'female',
    age: { years: 33, days: 300 },
    ethnicity: 'A',
    address: { line: '21 Durnover Hill', town: 'Casterbridge' },
    history: [
      visit('gp', ago(600), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('gp', ago(400), {
        reasons: [INDICATOR.alcoholMisuse],
        records: [condition(INDICATOR.alcoholMisuse)],
      }),
      visit('emergency', ago(250, '22:40'), { reasons: [INDICATOR.injury] }),
      visit('emergency', ago(100, '23:55'), { reasons: [INDICATOR.injury] }),
      visit('adult-mh', ago(14), {
        reasons: [INDICATOR.depression],
        records: [procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeNoDisclosure })],
      }),
      inClinicNow('adult-mh', { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: [],
    nearMissOf: ['diagnostic-overshadowing'],
    note: 'Overshadowing cluster, but asked two weeks ago (nothing disclosed): no prompt.',
  },
  {
    id: 'seed-028',
    serial: 28,
    given: ['Zoe'],
    family: 'Adams',
    gender: 'female',
    age: { years: 26, days: 190 },
    ethnicity: 'E',
    address: { line: '4 Greenhill Road', town: 'Budmouth' },
    history: [
      visit('gp', ago(700), {
        reasons: [INDICATOR.anxietyDisorder],
        records: [condition(INDICATOR.anxietyDisorder)],
      }),
      visit('adult-mh', ago(45), { reasons: [INDICATOR.anxietyDisorder] }),
      inClinicNow('adult-mh', {
        reasons: [INDICATOR.anxietyDisorder],
        records: [procedure(ENQUIRY.routine, { notDoneReason: LOCAL.notSafeNow })],
      }),
    ],
    expectedRules: [],
    nearMissOf: ['routine-enquiry-due'],
    note: 'Routine enquiry due, but "not asked — not safe now" recorded today (partner in the room): no prompt today.',
  },
  {
    id: 'seed-029',
    serial: 29,
    given: ['Sarah'],
    family: 'Whitfield',
    gender: 'female',
    age: { years: 40, days: 15 },
    ethnicity: 'A',
    address: { line: '33 Mellstock Lane', town: 'Melchester' },
    history: [
      visit('gp', ago(900), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('gp', ago(500), {
        reasons: [INDICATOR.chronicPain],
        records: [condition(INDICATOR.chronicPain)],
      }),
      visit('gp', ago(350), { reasons: [INDICATOR.sti] }),
      visit('gp', ago(240), {
        records: [
          procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeDisclosed }),
          condition(DISCLOSURE.victimOfDomesticAbuse),
          referral(RESPONSE.idvaReferral, 'completed', 'Independent domestic violence adviser'),
        ],
      }),
      recorded(flag(DISCLOSURE.victimOfDomesticAbuse, 'safety'), ago(239), 'safeguarding'),
      visit('gp', ago(60), { reasons: [INDICATOR.chronicPain] }),
    ],
    expectedRules: ['disclosure-on-record-review'],
    note: 'Overshadowing cluster in general practice, disclosure 8 months ago: review the plan, do not ask again.',
  },
  {
    id: 'seed-030',
    serial: 30,
    given: ['Kirsty'],
    family: 'Shaw',
    gender: 'female',
    age: { years: 37, days: 260 },
    ethnicity: 'A',
    address: { line: '14 Bell Street', town: 'Shaston' },
    history: [
      visit('gp', ago(1200), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('gp', ago(400), {
        reasons: [text('Medication review')],
        records: [condition(DISCLOSURE.victimOfDomesticAbuse, { verification: 'entered-in-error' })],
      }),
      visit('adult-mh', ago(50), { reasons: [INDICATOR.depression] }),
      inClinicNow('adult-mh', { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: ['routine-enquiry-due'],
    nearMissOf: ['disclosure-on-record-review'],
    note: 'A disclosure code entered in error (wrong patient) suppresses nothing: routine enquiry due.',
  },
  {
    id: 'seed-031',
    serial: 31,
    given: ['Helen'],
    family: 'Foster',
    gender: 'female',
    age: { years: 58, days: 20 },
    ethnicity: 'A',
    address: { line: '6 Chapel Row', town: 'Ivell' },
    history: [
      recorded(condition(DISCLOSURE.historyOfDomesticAbuse), ago(2500), 'gp'),
      ...visits('gp', [800, 200], [text('Menopause symptoms')]),
    ],
    expectedRules: [],
    nearMissOf: ['disclosure-on-record-review'],
    note: 'History of domestic abuse seven years ago and no indicator now: no card at all.',
  },
];
