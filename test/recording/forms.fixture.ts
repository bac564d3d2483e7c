import type { DvaForm, RecordingContext, RiskSection } from '../../src/recording/index.ts';

/**
 * Synthetic recording forms. The five Crossing Pathways personas (shared/seeds, "Crossing Pathways" key findings:
 * Samira, Tara, Kate, Emily, Mary — "not real names") are turned into plausible consultations; every detail beyond
 * the published summary (ids, scores, dates, choices) is invented for testing.
 */

export const NOW = new Date('2026-11-23T10:15:00.000Z');

export function contextFor(patientId: string, overrides: Partial<RecordingContext> = {}): RecordingContext {
  return {
    submissionId: `submission-${patientId}`,
    patientId,
    authorRef: 'Practitioner/sandbox-gp',
    appDevice: 'Device/safe-enquiry-app',
    encounterId: `encounter-${patientId}`,
    now: NOW,
    ...overrides,
  };
}

const dash = (yes: number): NonNullable<RiskSection['dashAnswers']> =>
  Array.from({ length: 24 }, (_, i) => (i < yes ? 'yes' : i === 23 ? 'dont-know' : 'no'));

/** Samira: GP; physical, sexual, economic abuse and harmful practices by her husband for 7 years; two children. */
export const SAMIRA: DvaForm = {
  enquiry: {
    setting: 'general-practice',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'asked-disclosed',
  },
  disclosure: {
    timing: 'current',
    abuseTypes: ['physical', 'sexual', 'economic', 'honour-based-abuse'],
    relationships: ['husband'],
    duration: { value: 7, unit: 'years' },
    pregnant: false,
    children: {
      count: 2,
      ages: [7, 9],
      linkedPatientIds: ['persona-samira-child-1', 'persona-samira-child-2'],
    },
  },
  risk: { dashAnswers: dash(12), professionalJudgement: false, level: 'medium' },
  actions: {
    referrals: [
      { target: 'idva', status: 'made' },
      { target: 'safeguarding-children', status: 'made' },
    ],
    safetyPlan: true,
    informationGiven: true,
    followUpDate: '2026-12-07',
  },
  consent: { decision: 'given', lawfulBasis: 'consent' },
};

/** Tara: mental-health service; coercive control and psychological abuse from in-laws for over a decade. */
export const TARA: DvaForm = {
  enquiry: {
    setting: 'mental-health',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'professional',
    outcome: 'asked-disclosed',
  },
  disclosure: {
    timing: 'current',
    abuseTypes: ['coercive-control', 'psychological'],
    relationships: ['parent-in-law', 'sibling-in-law'],
    duration: { value: 12, unit: 'years' },
    children: { count: 3, ages: [8, 12, 15], linkedPatientIds: [] },
  },
  risk: { score: 6, professionalJudgement: false, level: 'standard' },
  actions: {
    referrals: [
      { target: 'da-service', status: 'made' },
      { target: 'mhidva', status: 'declined' },
    ],
    safetyPlan: false,
    informationGiven: true,
    followUpDate: '2026-12-21',
  },
  consent: { decision: 'given', lawfulBasis: 'consent' },
};

/**
 * Kate: mental-health service; life-threatening violence by a former partner, who is a registered patient; enhanced
 * review before any online access to her record (he may coerce her into showing it).
 */
export const KATE: DvaForm = {
  enquiry: {
    setting: 'mental-health',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'asked-disclosed',
  },
  disclosure: {
    timing: 'current',
    abuseTypes: ['physical', 'emotional', 'psychological', 'honour-based-abuse'],
    relationships: ['former-partner'],
    duration: { value: 2, unit: 'months' },
    children: { count: 3, ages: [4, 6, 10], linkedPatientIds: ['persona-kate-child-1'] },
  },
  risk: { dashAnswers: dash(18), score: 18, professionalJudgement: false, level: 'high' },
  actions: {
    referrals: [
      { target: 'marac', status: 'made', maracCriterion: 'visible-high-risk' },
      { target: 'mhidva', status: 'made' },
      { target: 'safeguarding-children', status: 'made' },
    ],
    safetyPlan: true,
    informationGiven: false,
  },
  consent: { decision: 'refused', lawfulBasis: 'vital-interests' },
  recordAccess: { enhancedReview: true },
  suspectedPerpetration: {
    patientId: 'persona-kate-former-partner',
    source: 'third-party',
    riskToOthers: true,
    riskToChildren: true,
  },
};

/** Emily: MHIDVA support; abuse by her current girlfriend; a toddler; raised to high risk on professional judgement. */
export const EMILY: DvaForm = {
  enquiry: {
    setting: 'mental-health',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'asked-disclosed',
  },
  disclosure: {
    timing: 'current',
    abuseTypes: ['physical', 'emotional'],
    relationships: ['partner'],
    duration: { value: 14, unit: 'months' },
    children: { count: 1, ages: [2], linkedPatientIds: ['persona-emily-child-1'] },
  },
  risk: { score: 11, professionalJudgement: true, level: 'high' },
  actions: {
    referrals: [
      { target: 'mhidva', status: 'made' },
      { target: 'marac', status: 'made', maracCriterion: 'professional-judgement' },
      { target: 'safeguarding-children', status: 'made' },
    ],
    safetyPlan: true,
    informationGiven: true,
  },
  consent: { decision: 'given', lawfulBasis: 'consent' },
};

/** Mary: GP, seen alone; over 50 years of abuse by her husband; high risk; adult children live elsewhere. */
export const MARY: DvaForm = {
  enquiry: {
    setting: 'general-practice',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'asked-disclosed',
  },
  disclosure: {
    timing: 'current',
    abuseTypes: ['physical', 'emotional', 'psychological', 'economic', 'sexual', 'coercive-control'],
    relationships: ['husband'],
    duration: { value: 50, unit: 'years' },
  },
  risk: { score: 16, professionalJudgement: false, level: 'high' },
  actions: {
    referrals: [
      { target: 'idva', status: 'made' },
      { target: 'marac', status: 'made', maracCriterion: 'visible-high-risk' },
      { target: 'safeguarding-adults', status: 'made' },
    ],
    safetyPlan: true,
    informationGiven: true,
    followUpDate: '2026-11-30',
  },
  consent: { decision: 'given', lawfulBasis: 'consent' },
};

/** Not asked: the patient's partner came into the room. */
export const NOT_ASKED: DvaForm = {
  enquiry: {
    setting: 'general-practice',
    patientAlone: false,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'not-asked',
    notAskedReason: 'not-asked-not-alone',
  },
};

/**
 * "Not safe now", the two-click quick path: the clinician judged it unsafe before finding out the conditions, and no
 * encounter gave the setting, so only the outcome and its reason are known.
 */
export const NOT_SAFE_NOW: DvaForm = {
  enquiry: { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now' },
};

/** Declined to discuss. */
export const DECLINED: DvaForm = {
  enquiry: {
    setting: 'mental-health',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'professional',
    outcome: 'declined',
  },
  actions: { referrals: [], safetyPlan: false, informationGiven: true },
};

/** Asked, nothing disclosed, information given. */
export const NO_DISCLOSURE: DvaForm = {
  enquiry: {
    setting: 'other',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'asked-no-disclosure',
  },
  actions: { referrals: [], safetyPlan: false, informationGiven: true },
};

/** A past disclosure with no current risk. */
export const PAST_DISCLOSURE: DvaForm = {
  enquiry: {
    setting: 'general-practice',
    patientAlone: true,
    privateSpace: true,
    interpreter: 'not-needed',
    outcome: 'asked-disclosed',
  },
  disclosure: { timing: 'past', abuseTypes: ['emotional', 'stalking'], relationships: ['former-spouse'] },
};

/** A patient's own disclosure of harming a partner, recorded on their own record. */
export const OWN_PERPETRATION: DvaForm = {
  suspectedPerpetration: {
    patientId: 'sandbox-patient-perpetrator',
    source: 'own-disclosure',
    riskToOthers: true,
    riskToChildren: false,
  },
};

/** Golden cases: name → form and the patient whose record is open. */
export const GOLDEN_CASES: ReadonlyArray<{ name: string; form: DvaForm; patientId: string }> = [
  { name: 'samira', form: SAMIRA, patientId: 'persona-samira' },
  { name: 'tara', form: TARA, patientId: 'persona-tara' },
  { name: 'kate', form: KATE, patientId: 'persona-kate' },
  { name: 'emily', form: EMILY, patientId: 'persona-emily' },
  { name: 'mary', form: MARY, patientId: 'persona-mary' },
  { name: 'not-asked', form: NOT_ASKED, patientId: 'sandbox-patient-1' },
  { name: 'not-safe-now', form: NOT_SAFE_NOW, patientId: 'sandbox-patient-5' },
  { name: 'declined', form: DECLINED, patientId: 'sandbox-patient-2' },
  { name: 'no-disclosure', form: NO_DISCLOSURE, patientId: 'sandbox-patient-3' },
  { name: 'past-disclosure', form: PAST_DISCLOSURE, patientId: 'sandbox-patient-4' },
  { name: 'own-perpetration', form: OWN_PERPETRATION, patientId: 'sandbox-patient-perpetrator' },
];
