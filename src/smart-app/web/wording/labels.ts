import type {
  AbuseType,
  CARE_SETTINGS,
  CONSENT_DECISIONS,
  DURATION_UNITS,
  ENQUIRY_OUTCOMES,
  INTERPRETER_TYPES,
  LAWFUL_BASES,
  MARAC_CRITERIA,
  ReferralTarget,
  Relationship,
  RiskLevel,
} from '../../../recording/index.ts';
import type { EnquiryNotMadeReasonCode } from '../../../terminology/index.ts';

/** Plain-English labels for the recording model's codes, as a trained clinician would say them. */
type Labels<T extends string> = Readonly<Record<T, string>>;

export const CARE_SETTING_LABELS: Labels<(typeof CARE_SETTINGS)[number]> = {
  'general-practice': 'General practice',
  'mental-health': 'Mental-health service',
  other: 'Somewhere else',
};

export const INTERPRETER_LABELS: Labels<(typeof INTERPRETER_TYPES)[number]> = {
  'not-needed': 'Not needed',
  professional: 'A professional interpreter is with us',
  'family-or-friend': 'Only a family member or friend could interpret',
  'needed-not-available': 'Needed, but none is available',
};

export const OUTCOME_LABELS: Labels<(typeof ENQUIRY_OUTCOMES)[number]> = {
  'asked-disclosed': 'They told me about abuse',
  'asked-no-disclosure': 'I asked; they did not tell me about abuse',
  declined: 'They did not want to answer',
  'not-asked': 'I did not ask',
};

export const NOT_ASKED_REASON_LABELS: Labels<EnquiryNotMadeReasonCode> = {
  'not-asked-not-safe-now': 'Not safe to ask now',
  'not-asked-not-alone': 'The patient was not alone',
  'not-asked-no-interpreter': 'No professional interpreter',
  'not-asked-no-private-space': 'No private space',
  'not-asked-not-clinically-appropriate': 'Not clinically appropriate',
  'not-asked-asked-recently': 'Asked recently',
};

export const ABUSE_TYPE_LABELS: Labels<AbuseType> = {
  physical: 'Physical',
  sexual: 'Sexual',
  emotional: 'Emotional',
  psychological: 'Psychological',
  economic: 'Economic or financial',
  'coercive-control': 'Coercive control',
  'honour-based-abuse': 'So-called honour-based abuse',
  'forced-marriage': 'Forced marriage',
  stalking: 'Stalking or harassment',
  fgm: 'Female genital mutilation',
  trafficking: 'Trafficking or exploitation',
  'sexual-harassment': 'Sexual harassment',
};

export const RELATIONSHIP_LABELS: Labels<Relationship> = {
  husband: 'Husband',
  wife: 'Wife',
  spouse: 'Spouse or civil partner',
  partner: 'Partner',
  'significant-other': 'Boyfriend or girlfriend',
  'former-spouse': 'Former spouse',
  'former-partner': 'Former partner',
  parent: 'Parent',
  'step-parent': 'Step-parent',
  child: 'Son or daughter (16 or over)',
  sibling: 'Brother or sister',
  'parent-in-law': 'Parent-in-law',
  'sibling-in-law': 'Brother- or sister-in-law',
  'child-in-law': 'Son- or daughter-in-law',
  'in-law': 'Other in-law',
  'extended-family': 'Extended family',
  'family-member': 'Another family member',
};

export const DURATION_UNIT_LABELS: Labels<(typeof DURATION_UNITS)[number]> = {
  days: 'days',
  weeks: 'weeks',
  months: 'months',
  years: 'years',
};

export const RISK_LEVEL_LABELS: Labels<RiskLevel> = {
  standard: 'Standard',
  medium: 'Medium',
  high: 'High',
};

export const REFERRAL_LABELS: Labels<ReferralTarget> = {
  idva: 'IDVA (independent domestic violence adviser)',
  mhidva: 'Mental-health IDVA',
  'da-service': 'Specialist domestic abuse service',
  marac: 'MARAC (multi-agency risk assessment conference)',
  'safeguarding-adults': 'Adult safeguarding',
  'safeguarding-children': "Children's safeguarding",
};

export const MARAC_CRITERION_LABELS: Labels<(typeof MARAC_CRITERIA)[number]> = {
  'visible-high-risk': 'Visible high risk: 14 or more “yes” answers',
  'professional-judgement': 'Professional judgement',
  'potential-escalation': 'Potential escalation',
  repeat: 'Repeat: within 12 months of a previous MARAC referral',
};

export const CONSENT_LABELS: Labels<(typeof CONSENT_DECISIONS)[number]> = {
  given: 'The patient agreed to share',
  refused: 'The patient did not agree',
  'not-sought': 'Not asked (for example, it was not safe to)',
};

export const LAWFUL_BASIS_LABELS: Labels<(typeof LAWFUL_BASES)[number]> = {
  consent: 'Consent',
  'vital-interests': 'Vital interests (serious risk to life)',
  'public-task': 'Public task (safeguarding duty)',
  'legal-obligation': 'Legal obligation',
  'not-shared': 'Nothing is shared',
};

export const DASH_ANSWER_LABELS = { yes: 'Yes', no: 'No', 'dont-know': "Don't know" } as const;
