import { MEASURE_VALUE_SET_IDS } from '../terminology/index.ts';

/**
 * The dataset's measures and breakdowns (shared/docs/dataset.md, CONTRACT: ids). Only ids and labels live here;
 * the codes of every measure are read from `terminology/ValueSet-{id}.json`.
 */
/** The measure ids, in dataset order: one list, kept with the ValueSets in src/terminology. */
export const MEASURE_IDS = MEASURE_VALUE_SET_IDS;
export type MeasureId = (typeof MEASURE_IDS)[number];

/** Human labels for the report (dataset.md "counts patients with, in the period, a record coded"). */
export const MEASURE_LABELS: Readonly<Record<MeasureId, string>> = {
  'enquiry-asked': 'Enquiry about DVA made',
  'enquiry-declined': 'Enquiry declined by patient',
  'enquiry-not-made': 'Enquiry not made / not discussed',
  disclosure: 'Victim-survivor of DVA (current, suspected or history)',
  'risk-assessment': 'DASH RIC risk assessment',
  'risk-high': 'At high risk of domestic violence',
  'marac-referral': 'Referral to MARAC',
  'idva-referral': 'Referral to domestic violence advocate',
  'da-service-referral': 'Referral to domestic abuse agency',
  'alleged-perpetrator': 'Alleged perpetrator of DVA or abuse',
  'child-in-household': 'DVA victim in household / notification / police report',
  'self-harm': 'Self-harm episode',
};

export const SEX_CATEGORIES = ['female', 'male', 'other', 'unknown'] as const;
export const AGE_BANDS = [
  '0-15',
  '16-17',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-74',
  '75+',
  'unknown',
] as const;
export const ETHNICITY_GROUPS = ['White', 'Mixed', 'Asian', 'Black', 'Other', 'unknown'] as const;
export const SETTINGS = ['general-practice', 'mental-health', 'other', 'unknown'] as const;

export type Sex = (typeof SEX_CATEGORIES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type EthnicityGroup = (typeof ETHNICITY_GROUPS)[number];
export type SettingCategory = (typeof SETTINGS)[number];

/** Breakdowns in output order, each with its categories in output order. */
export const BREAKDOWNS = [
  { id: 'all', categories: ['all'] },
  { id: 'sex', categories: SEX_CATEGORIES },
  { id: 'age_band', categories: AGE_BANDS },
  { id: 'ethnicity', categories: ETHNICITY_GROUPS },
  { id: 'setting', categories: SETTINGS },
] as const;
export type BreakdownId = (typeof BREAKDOWNS)[number]['id'];

/** Offset of each breakdown's first category in a flat cell vector (all, sex…, age…, ethnicity…, setting…). */
export const BREAKDOWN_OFFSETS: Readonly<Record<BreakdownId, number>> = computeOffsets();
/** Number of cells per measure × month: 1 + 4 + 10 + 6 + 4. */
export const CELLS_PER_MONTH = BREAKDOWNS.reduce((n, b) => n + b.categories.length, 0);

function computeOffsets(): Record<BreakdownId, number> {
  const offsets = { all: 0, sex: 0, age_band: 0, ethnicity: 0, setting: 0 };
  let next = 0;
  for (const breakdown of BREAKDOWNS) {
    offsets[breakdown.id] = next;
    next += breakdown.categories.length;
  }
  return offsets;
}
