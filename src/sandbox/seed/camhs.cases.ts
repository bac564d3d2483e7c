import { ENQUIRY, HOUSEHOLD, INDICATOR, LOCAL, text } from './seed.codes.ts';
import { condition, inClinicNow, observation, procedure, recorded, visit, visits } from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/**
 * Whole family (CAMHS poster, shared/seeds): a child or young person seen in CAMHS (PracticeSettingCode 711) whose
 * record shows domestic abuse in the household — and CAMHS patients with no household concern. The personas'
 * children add a 9-year-old (Samira's son) and a 16-year-old (Kate's son).
 */
export const CAMHS_CASES: readonly PatientSpec[] = [
  {
    id: 'seed-032',
    serial: 32,
    given: ['Maya'],
    family: 'Robinson',
    gender: 'female',
    age: { years: 13, days: 95 },
    ethnicity: 'F',
    address: { line: '18 Mill Street', town: 'Budmouth' },
    history: [
      visit('gp', ago(1500), { reasons: [text('Eczema')] }),
      recorded(observation(HOUSEHOLD.notificationInHousehold), ago(200), 'safeguarding'),
      visit('camhs', ago(150), { reasons: [INDICATOR.anxiety], records: [condition(INDICATOR.anxiety)] }),
      visit('camhs', ago(60), { reasons: [INDICATOR.anxiety] }),
      inClinicNow('camhs', { reasons: [INDICATOR.anxiety] }),
    ],
    expectedRules: ['camhs-whole-family'],
    note: 'CAMHS, 13, notification of alleged domestic violence in the household.',
  },
  {
    id: 'seed-033',
    serial: 33,
    given: ['Oliver'],
    family: 'Grant',
    gender: 'male',
    age: { years: 14, days: 200 },
    ethnicity: 'A',
    address: { line: '2 Castle Street', town: 'Shaston' },
    history: [
      visit('camhs', ago(120), { reasons: [INDICATOR.anxiety], records: [condition(INDICATOR.anxiety)] }),
      visit('camhs', ago(30), { reasons: [INDICATOR.anxiety] }),
      inClinicNow('camhs', { reasons: [INDICATOR.anxiety] }),
    ],
    expectedRules: [],
    nearMissOf: ['camhs-whole-family', 'routine-enquiry-due'],
    note: 'CAMHS, 14, no household concern; under 16, so no routine enquiry either.',
  },
  {
    id: 'seed-034',
    serial: 34,
    given: ['Ella'],
    family: 'Morris',
    gender: 'female',
    age: { years: 17, days: 100 },
    ethnicity: 'A',
    address: { line: '25 Froom Lane', town: 'Casterbridge' },
    history: [
      visit('camhs', ago(150), {
        reasons: [INDICATOR.depression],
        records: [
          condition(INDICATOR.depression),
          procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeNoDisclosure }),
        ],
      }),
      ...visits('camhs', [40], [INDICATOR.depression]),
      inClinicNow('camhs', { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: [],
    nearMissOf: ['camhs-whole-family', 'routine-enquiry-due'],
    note: 'CAMHS, 17, no household concern, asked about her own relationships 5 months ago.',
  },
];
