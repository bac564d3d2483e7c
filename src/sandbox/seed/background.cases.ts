import { INDICATOR, text } from './seed.codes.ts';
import { condition, visit, visits } from './seed-spec.dsl.ts';
import type { HistoryEntry, PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';
import type { EthnicCategory } from './uk-core.codes.ts';

/** One row of the ordinary list: a long-term problem (text: no verified code) and routine GP visits. */
interface Row {
  readonly n: number;
  readonly given: string;
  readonly family: string;
  readonly gender: PatientSpec['gender'];
  readonly years: number;
  readonly ethnicity: EthnicCategory;
  readonly line: string;
  readonly town: string;
  readonly problem?: string;
  readonly reason: string;
  readonly visitDays: readonly number[];
}

// biome-ignore format: a table reads best one row per line
const ROWS: readonly Row[] = [
  { n: 35, given: 'George', family: 'Baker', gender: 'male', years: 68, ethnicity: 'A', line: '3 Yeo Road', town: 'Ivell', problem: 'Type 2 diabetes mellitus', reason: 'Diabetes review', visitDays: [2900, 2200, 1500, 800, 400, 120] },
  { n: 36, given: 'Lucy', family: 'Hall', gender: 'female', years: 26, ethnicity: 'A', line: '10 Kings Arms Yard', town: 'Casterbridge', reason: 'Contraception review', visitDays: [1500, 300] },
  { n: 37, given: 'Mohammed', family: 'Rahman', gender: 'male', years: 33, ethnicity: 'K', line: '41 West Walks', town: 'Casterbridge', reason: 'Sports physiotherapy referral', visitDays: [900] },
  { n: 38, given: 'Patricia', family: 'Young', gender: 'female', years: 58, ethnicity: 'M', line: '7 Mount Pleasant', town: 'Budmouth', problem: 'Hypertension', reason: 'Blood pressure review', visitDays: [1000, 600, 200] },
  { n: 39, given: 'David', family: 'Wilson', gender: 'male', years: 52, ethnicity: 'A', line: '16 Stour Road', town: 'Shaston', problem: 'Hypertension', reason: 'Blood pressure review', visitDays: [1400, 700, 150] },
  { n: 40, given: 'Noah', family: 'Osei', gender: 'male', years: 4, ethnicity: 'N', line: '9 Harbour View', town: 'Port Bredy', reason: 'Immunisations', visitDays: [1200, 800, 300] },
  { n: 41, given: 'Margaret', family: 'King', gender: 'female', years: 81, ethnicity: 'A', line: '2 Almshouse Row', town: 'Weatherbury', problem: 'Osteoarthritis of knee', reason: 'Joint pain review', visitDays: [1500, 900, 400, 90] },
  { n: 42, given: 'Wei', family: 'Chen', gender: 'male', years: 45, ethnicity: 'R', line: '55 Market Street', town: 'Melchester', problem: 'Asthma', reason: 'Asthma review', visitDays: [1300, 700, 150] },
  { n: 43, given: 'Grace', family: 'Okonkwo', gender: 'female', years: 30, ethnicity: 'N', line: '13 Cathedral Close', town: 'Melchester', reason: 'Antenatal care', visitDays: [250, 180, 100] },
  { n: 44, given: 'Brian', family: 'Murphy', gender: 'male', years: 75, ethnicity: 'B', line: '8 Quay Street', town: 'Budmouth', problem: 'Chronic obstructive pulmonary disease', reason: 'Breathing review', visitDays: [2000, 1000, 500, 250, 60] },
  { n: 45, given: 'Janet', family: 'Scott', gender: 'female', years: 64, ethnicity: 'A', line: '27 Long Street', town: 'Sherton Abbas', problem: 'Hypothyroidism', reason: 'Thyroid review', visitDays: [1700, 1100, 500] },
  { n: 47, given: 'Nadia', family: 'Hussain', gender: 'female', years: 49, ethnicity: 'J', line: '5 Prospect Place', town: 'Anglebury', problem: 'Migraine', reason: 'Migraine review', visitDays: [900, 400] },
  { n: 48, given: 'Ben', family: 'Carter', gender: 'male', years: 38, ethnicity: 'A', line: '30 Union Street', town: 'Casterbridge', reason: 'Health check', visitDays: [600] },
  { n: 49, given: 'Amara', family: 'Singh', gender: 'female', years: 22, ethnicity: 'H', line: '4 College Road', town: 'Christminster', reason: 'Contraception', visitDays: [300] },
  { n: 50, given: 'Stephen', family: 'Roberts', gender: 'male', years: 58, ethnicity: 'A', line: '12 Abbey Lane', town: 'Sherton Abbas', problem: 'Gout', reason: 'Painful toe', visitDays: [1000, 500] },
  { n: 51, given: 'Lily', family: 'Jones', gender: 'female', years: 10, ethnicity: 'A', line: '19 Orchard Street', town: 'Ivell', problem: 'Eczema', reason: 'Eczema', visitDays: [1800, 700] },
  { n: 52, given: 'Alex', family: 'Taylor', gender: 'other', years: 34, ethnicity: 'S', line: '6 Riverside', town: 'Anglebury', reason: 'Hay fever', visitDays: [500] },
  { n: 53, given: 'Dorothy', family: 'Green', gender: 'female', years: 86, ethnicity: 'A', line: '1 Manor Cottages', town: 'Weatherbury', problem: 'Heart failure', reason: 'Heart failure review', visitDays: [1500, 800, 300, 30] },
  { n: 54, given: 'Samuel', family: 'Mensah', gender: 'male', years: 47, ethnicity: 'P', line: '24 New Road', town: 'Melchester', reason: 'Knee pain', visitDays: [700] },
  { n: 55, given: 'Jade', family: 'Martin', gender: 'female', years: 19, ethnicity: 'G', line: '11 Bath Road', town: 'Budmouth', reason: 'Acne', visitDays: [250] },
  { n: 56, given: 'Harold', family: 'Bishop', gender: 'male', years: 90, ethnicity: 'Z', line: '3 Vicarage Lane', town: 'Weatherbury', problem: 'Atrial fibrillation', reason: 'Anticoagulation review', visitDays: [2000, 1000, 300] },
];

function historyOf(row: Row): HistoryEntry[] {
  const [first, ...rest] = row.visitDays;
  if (first === undefined) return [];
  const firstVisit = visit('gp', ago(first), {
    reasons: [text(row.reason)],
    records: row.problem ? [condition(text(row.problem))] : [],
  });
  return [firstVisit, ...visits('gp', rest, [text(row.reason)])];
}

function specOf(row: Row): PatientSpec {
  return {
    id: `seed-${String(row.n).padStart(3, '0')}`,
    serial: row.n,
    given: [row.given],
    family: row.family,
    gender: row.gender,
    age: { years: row.years, days: (row.n * 37) % 360 },
    ethnicity: row.ethnicity,
    address: { line: row.line, town: row.town },
    history: historyOf(row),
    expectedRules: [],
    note: row.problem
      ? `Ordinary patient (${row.problem.toLowerCase()}): never prompts.`
      : 'Ordinary patient, no long-term condition: never prompts.',
  };
}

/** A single coded injury with no other indicator: not a cluster, not repeated. */
const SINGLE_INJURY: PatientSpec = {
  id: 'seed-046',
  serial: 46,
  given: ['Kieran'],
  family: 'Doyle',
  gender: 'male',
  age: { years: 27, days: 130 },
  ethnicity: 'B',
  address: { line: '7 Fairfield Road', town: 'Casterbridge' },
  history: [visit('emergency', ago(200, '17:30'), { reasons: [INDICATOR.injury] })],
  expectedRules: [],
  nearMissOf: ['diagnostic-overshadowing'],
  note: 'One injury (a rugby tackle) and nothing else: a single indicator never prompts.',
};

/** Patients who should never prompt, so that the prompt rate of the sandbox is realistic. */
export const BACKGROUND_CASES: readonly PatientSpec[] = [...ROWS.map(specOf), SINGLE_INJURY].sort((a, b) =>
  a.id.localeCompare(b.id),
);
