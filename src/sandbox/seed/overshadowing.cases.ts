import { INDICATOR, text } from './seed.codes.ts';
import { condition, visit, visits } from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

const VAGUE = ['Tiredness', 'Abdominal discomfort', 'Headache', 'Palpitations', 'Poor sleep', 'Dizziness'];
const FREQUENT_DAYS = [355, 345, 330, 300, 285, 270, 240, 215, 205, 190, 160, 130, 100, 75, 50, 20];

/**
 * Diagnostic overshadowing: a mental-health diagnosis with a cluster of other NICE/WHO indicators in the last
 * 24 months (terminology.md §5a–b) — and the near misses (one indicator, indicators long ago, no mental-health
 * diagnosis). Positive cases hold at least two indicator groups besides the mental-health diagnosis, negative ones
 * none at all, so that a threshold of one or two groups gives the same answer.
 */
export const OVERSHADOWING_CASES: readonly PatientSpec[] = [
  {
    id: 'seed-014',
    serial: 14,
    given: ['Natalie'],
    family: 'Brooks',
    gender: 'female',
    age: { years: 36, days: 20 },
    ethnicity: 'D',
    address: { line: '6 Budmouth Road', town: 'Casterbridge' },
    history: [
      visit('gp', ago(500), {
        reasons: [INDICATOR.anxietyDisorder],
        records: [condition(INDICATOR.anxietyDisorder)],
      }),
      visit('gp', ago(400), {
        reasons: [INDICATOR.sti],
        records: [condition(INDICATOR.sti, { abated: ago(370) })],
      }),
      visit('emergency', ago(300, '20:30'), { reasons: [INDICATOR.injury] }),
      visit('emergency', ago(120, '22:05'), { reasons: [INDICATOR.injury] }),
    ],
    expectedRules: ['diagnostic-overshadowing'],
    note: 'Anxiety with a sexually transmitted infection and two injuries ("fell", "walked into a door") in 24 months.',
  },
  {
    id: 'seed-015',
    serial: 15,
    given: ['Marcus'],
    family: 'Green',
    gender: 'male',
    age: { years: 41, days: 180 },
    ethnicity: 'M',
    address: { line: '22 High Street', town: 'Anglebury' },
    history: [
      visit('gp', ago(1800), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('gp', ago(420), { reasons: [INDICATOR.drugAbuse], records: [condition(INDICATOR.drugAbuse)] }),
      visit('gp', ago(250), {
        reasons: [INDICATOR.chronicPain],
        records: [condition(INDICATOR.chronicPain)],
      }),
      visit('gp', ago(90), { reasons: [INDICATOR.depression] }),
    ],
    expectedRules: ['diagnostic-overshadowing'],
    note: 'A man with depression, drug misuse and chronic pain: men are victim-survivors too.',
  },
  {
    id: 'seed-016',
    serial: 16,
    given: ['Hannah'],
    family: 'Clarke',
    gender: 'female',
    age: { years: 29, days: 90 },
    ethnicity: 'A',
    address: { line: '3 Chalk Walk', town: 'Melchester' },
    history: [
      visit('gp', ago(700), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      visit('gp', ago(340), {
        reasons: [INDICATOR.miscarriage],
        records: [condition(INDICATOR.miscarriage, { category: 'encounter-diagnosis', abated: ago(320) })],
      }),
      ...FREQUENT_DAYS.map((d, i) =>
        visit('gp', ago(d), { reasons: [text(VAGUE[i % VAGUE.length] ?? 'Tiredness')] }),
      ),
    ],
    expectedRules: ['diagnostic-overshadowing'],
    note: 'Depression, a miscarriage and 17 consultations in a year, 16 of them with no clear diagnosis.',
  },
  {
    id: 'seed-017',
    serial: 17,
    given: ['Gillian'],
    family: 'Ward',
    gender: 'female',
    age: { years: 50, days: 330 },
    ethnicity: 'A',
    address: { line: '11 Mill Lane', town: 'Shaston' },
    history: [
      visit('gp', ago(1300), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
      ...visits('gp', [400, 100], [INDICATOR.depression]),
    ],
    expectedRules: [],
    nearMissOf: ['diagnostic-overshadowing'],
    note: 'Depression alone: no other indicator.',
  },
  {
    id: 'seed-018',
    serial: 18,
    given: ['Robert'],
    family: 'Hughes',
    gender: 'male',
    age: { years: 61, days: 45 },
    ethnicity: 'A',
    address: { line: '19 Quarry Hill', town: 'Ivell' },
    history: [
      visit('gp', ago(1500), {
        reasons: [INDICATOR.chronicPain],
        records: [condition(INDICATOR.chronicPain)],
      }),
      ...visits('gp', [300, 90], [INDICATOR.chronicPain]),
    ],
    expectedRules: [],
    nearMissOf: ['diagnostic-overshadowing'],
    note: 'Chronic pain alone, no mental-health diagnosis: a single indicator.',
  },
  {
    id: 'seed-019',
    serial: 19,
    given: ['Fiona'],
    family: 'Campbell',
    gender: 'female',
    age: { years: 44, days: 160 },
    ethnicity: 'A',
    address: { line: '7 Harbour Row', town: 'Budmouth' },
    history: [
      visit('gp', ago(2000), {
        reasons: [INDICATOR.depression],
        records: [condition(INDICATOR.depression, { abated: ago(1500) })],
      }),
      visit('emergency', ago(1900, '21:00'), { reasons: [INDICATOR.injury] }),
      visit('emergency', ago(1850, '23:30'), { reasons: [INDICATOR.fracture] }),
      visit('gp', ago(1800), {
        reasons: [INDICATOR.alcoholMisuse],
        records: [condition(INDICATOR.alcoholMisuse, { abated: ago(1400) })],
      }),
      visit('gp', ago(900), { reasons: [text('Travel vaccinations')] }),
      visit('gp', ago(200), { reasons: [text('Cervical screening')] }),
    ],
    expectedRules: [],
    nearMissOf: ['diagnostic-overshadowing'],
    note: 'Depression, injuries and alcohol misuse five years ago, all resolved: indicators outside the 24-month window.',
  },
  {
    id: 'seed-020',
    serial: 20,
    given: ['Joanne'],
    family: 'Patel',
    gender: 'female',
    age: { years: 39, days: 220 },
    ethnicity: 'H',
    address: { line: '28 Sheep Street', town: 'Casterbridge' },
    history: [
      visit('gp', ago(600), {
        reasons: [INDICATOR.fibromyalgia],
        records: [condition(INDICATOR.fibromyalgia)],
      }),
      visit('gp', ago(350), {
        reasons: [INDICATOR.sti],
        records: [condition(INDICATOR.sti, { abated: ago(330) })],
      }),
      visit('gp', ago(100), { reasons: [INDICATOR.fibromyalgia] }),
    ],
    expectedRules: [],
    nearMissOf: ['diagnostic-overshadowing'],
    note: 'Fibromyalgia and a sexually transmitted infection but no mental-health diagnosis: no overshadowing cluster.',
  },
];
