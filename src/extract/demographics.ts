import type { Patient } from 'fhir/r4.js';
import {
  AGE_BANDS,
  type AgeBand,
  ETHNICITY_GROUPS,
  type EthnicityGroup,
  SEX_CATEGORIES,
  type Sex,
} from './measures.ts';

/** UK Core ethnic category extension (UK Core R4 2.0.0, Extension-UKCore-EthnicCategory). */
export const ETHNIC_CATEGORY_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';

/** Code systems of ValueSet-UKCore-EthnicCategory and the UK-wide list, all keyed by NHS Data Dictionary letter. */
const LETTER_CODED_SYSTEMS = new Set([
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory',
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryWales',
]);
const SCOTLAND_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryScotland';

/** NHS Data Dictionary ETHNIC CATEGORY: the letter's 2001-census group (Wales adds T Arab, under Other). */
const GROUP_BY_LETTER: Readonly<Record<string, EthnicityGroup>> = {
  A: 'White',
  B: 'White',
  C: 'White',
  D: 'Mixed',
  E: 'Mixed',
  F: 'Mixed',
  G: 'Mixed',
  H: 'Asian',
  J: 'Asian',
  K: 'Asian',
  L: 'Asian',
  M: 'Black',
  N: 'Black',
  P: 'Black',
  R: 'Other',
  S: 'Other',
  T: 'Other',
};
/** Scotland's census codes group by their first digit (1 White … 6 Other; 98/99 not known). */
const GROUP_BY_SCOTTISH_DIGIT: Readonly<Record<string, EthnicityGroup>> = {
  '1': 'White',
  '2': 'Mixed',
  '3': 'Asian',
  '4': 'Black',
  '5': 'Black',
  '6': 'Other',
};

/** Index of the patient's sex category (Patient.gender; absent → unknown). */
export function sexIndex(patient: Pick<Patient, 'gender'>): number {
  const index = SEX_CATEGORIES.indexOf((patient.gender ?? 'unknown') as Sex);
  return index < 0 ? SEX_CATEGORIES.indexOf('unknown') : index;
}

function groupOfCoding(system: string | undefined, code: string | undefined): EthnicityGroup | undefined {
  if (code === undefined || code.length === 0) return undefined;
  if (system === SCOTLAND_SYSTEM)
    return code.length === 2 ? GROUP_BY_SCOTTISH_DIGIT[code.charAt(0)] : undefined;
  if (system !== undefined && LETTER_CODED_SYSTEMS.has(system)) return GROUP_BY_LETTER[code.charAt(0)];
  return undefined;
}

/** Index of the patient's ethnicity group from the UK Core extension; Z "not stated", absent or unknown → unknown. */
export function ethnicityIndex(patient: Pick<Patient, 'extension'>): number {
  for (const extension of patient.extension ?? []) {
    if (extension.url !== ETHNIC_CATEGORY_EXTENSION) continue;
    for (const coding of extension.valueCodeableConcept?.coding ?? []) {
      const group = groupOfCoding(coding.system, coding.code);
      if (group) return ETHNICITY_GROUPS.indexOf(group);
    }
  }
  return ETHNICITY_GROUPS.indexOf('unknown');
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * The earliest and latest day (as yyyymmdd integers) a FHIR date or dateTime can denote: `1980` → 19800101–19801231,
 * `1980-02` → 19800201–19800231 (day 31 is an upper bound, good enough for whole-year ages). Undefined if unparseable.
 */
export function dayRange(value: string | undefined): readonly [number, number] | undefined {
  const match = value === undefined ? null : PARTIAL_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]) * 10_000;
  if (match[2] === undefined) return [year + 101, year + 1231];
  const month = Number(match[2]) * 100;
  if (match[3] === undefined) return [year + month + 1, year + month + 31];
  const day = year + month + Number(match[3]);
  return [day, day];
}

function bandOfAge(age: number): number {
  if (age < 0) return AGE_BANDS.indexOf('unknown');
  const lowerBounds = [0, 16, 18, 25, 35, 45, 55, 65, 75];
  let band = 0;
  for (let i = 0; i < lowerBounds.length; i++) if (age >= (lowerBounds[i] ?? 0)) band = i;
  return band;
}

/**
 * Age band at the record date (dataset.md). Partial dates give an age range; when its ends fall in different bands
 * the band is unknown. Birth and record days are yyyymmdd integers; whole years are ⌊(at − birth) / 10000⌋.
 */
export function ageBandIndex(birthLo: number, birthHi: number, atLo: number, atHi: number): number {
  if (birthLo <= 0) return AGE_BANDS.indexOf('unknown' satisfies AgeBand);
  const youngest = bandOfAge(Math.floor((atLo - birthHi) / 10_000));
  const oldest = bandOfAge(Math.floor((atHi - birthLo) / 10_000));
  return youngest === oldest ? youngest : AGE_BANDS.indexOf('unknown');
}
