import { PRACTICE_SETTING_SYSTEM } from '../../terminology/index.ts';

/**
 * UK Core code systems the seed uses for demographics and care settings. Codes and displays as in the UK Core 2.0.0
 * package (shared/fhir/uk-core-2.0.0: CodeSystem-UKCore-PracticeSettingCode, CodeSystem-UKCore-EthnicCategoryEngland,
 * Extension-UKCore-EthnicCategory).
 */

export { PRACTICE_SETTING_SYSTEM };

export const ETHNIC_CATEGORY_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
export const ETHNIC_CATEGORY_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** NHS Data Dictionary ethnic category (2001 census letters), as in UKCore-EthnicCategoryEngland. */
export const ETHNIC_CATEGORY = {
  A: 'White - British',
  B: 'White - Irish',
  C: 'White - Any other White background',
  D: 'Mixed - White and Black Caribbean',
  E: 'Mixed - White and Black African',
  F: 'Mixed - White and Asian',
  G: 'Mixed - Any other mixed background',
  H: 'Asian or Asian British - Indian',
  J: 'Asian or Asian British - Pakistani',
  K: 'Asian or Asian British - Bangladeshi',
  L: 'Asian or Asian British - Any other Asian background',
  M: 'Black or Black British - Caribbean',
  N: 'Black or Black British - African',
  P: 'Black or Black British - Any other Black background',
  R: 'Other Ethnic Groups - Chinese',
  S: 'Other Ethnic Groups - Any other ethnic group',
  Z: 'Not stated',
} as const;
export type EthnicCategory = keyof typeof ETHNIC_CATEGORY;

/**
 * The care settings of seeded encounters: UK Core PracticeSettingCode (NHS Data Dictionary main specialty), the
 * v3-ActCode encounter class, the organisation and the sandbox user who sees the patient there.
 */
export const CARE_SETTINGS = {
  gp: { code: '600', display: 'General Medical Practice', class: 'AMB', org: 'sandbox-practice', by: 'gp' },
  'adult-mh': {
    code: '710',
    display: 'Adult Mental Illness',
    class: 'AMB',
    org: 'sandbox-mh-trust',
    by: 'mh',
  },
  camhs: {
    code: '711',
    display: 'Child and Adolescent Psychiatry',
    class: 'AMB',
    org: 'sandbox-mh-trust',
    by: 'mh',
  },
  forensic: { code: '712', display: 'Forensic Psychiatry', class: 'AMB', org: 'sandbox-mh-trust', by: 'mh' },
  psychotherapy: {
    code: '713',
    display: 'Medical Psychotherapy',
    class: 'AMB',
    org: 'sandbox-mh-trust',
    by: 'mh',
  },
  'old-age': { code: '715', display: 'Old Age Psychiatry', class: 'AMB', org: 'sandbox-mh-trust', by: 'mh' },
  emergency: {
    code: '180',
    display: 'Emergency Medicine',
    class: 'EMER',
    org: 'sandbox-acute-trust',
    by: 'none',
  },
  inpatient: {
    code: '300',
    display: 'General Internal Medicine',
    class: 'IMP',
    org: 'sandbox-acute-trust',
    by: 'none',
  },
} as const;
export type CareSettingKey = keyof typeof CARE_SETTINGS;

/** Settings in which NICE PH50 routine enquiry applies (the care-setting ConceptMap's mental-health codes). */
export function isMentalHealthSetting(setting: CareSettingKey): boolean {
  return CARE_SETTINGS[setting].by === 'mh';
}

/** v3-ActCode encounter classes (R4 Encounter.class binding). */
export const ENCOUNTER_CLASS = {
  AMB: 'ambulatory',
  EMER: 'emergency',
  IMP: 'inpatient encounter',
} as const;
