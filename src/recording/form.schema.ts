import { z } from 'zod';
import { ENQUIRY_NOT_MADE_REASON_CODES } from '../terminology/index.ts';

/** A FHIR logical id (http://hl7.org/fhir/R4/datatypes.html#id). */
export const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');

export const CARE_SETTINGS = ['general-practice', 'mental-health', 'other'] as const;
export const INTERPRETER_TYPES = [
  'not-needed',
  'professional',
  'family-or-friend',
  'needed-not-available',
] as const;
export const ENQUIRY_OUTCOMES = ['asked-disclosed', 'asked-no-disclosure', 'declined', 'not-asked'] as const;
export const ABUSE_TYPES = [
  'physical',
  'sexual',
  'emotional',
  'psychological',
  'economic',
  'coercive-control',
  'honour-based-abuse',
  'forced-marriage',
  'stalking',
  'fgm',
  'trafficking',
  'sexual-harassment',
] as const;
export const RELATIONSHIPS = [
  'husband',
  'wife',
  'spouse',
  'partner',
  'significant-other',
  'former-spouse',
  'former-partner',
  'parent',
  'step-parent',
  'child',
  'sibling',
  'parent-in-law',
  'sibling-in-law',
  'child-in-law',
  'in-law',
  'extended-family',
  'family-member',
] as const;
export const DURATION_UNITS = ['days', 'weeks', 'months', 'years'] as const;
export const DASH_ANSWERS = ['yes', 'no', 'dont-know'] as const;
export const RISK_LEVELS = ['standard', 'medium', 'high'] as const;
export const REFERRAL_TARGETS = [
  'idva',
  'mhidva',
  'da-service',
  'marac',
  'safeguarding-adults',
  'safeguarding-children',
] as const;
export const MARAC_CRITERIA = [
  'visible-high-risk',
  'professional-judgement',
  'potential-escalation',
  'repeat',
] as const;
export const CONSENT_DECISIONS = ['given', 'refused', 'not-sought'] as const;
export const LAWFUL_BASES = [
  'consent',
  'vital-interests',
  'public-task',
  'legal-obligation',
  'not-shared',
] as const;
export const PERPETRATION_SOURCES = ['own-disclosure', 'third-party'] as const;

/** The SafeLives DASH RIC has 24 questions (terminology.md §5e). */
export const DASH_QUESTION_COUNT = 24;

/** The conditions of an enquiry: required unless it was not made (see `enquirySchema`). */
const ENQUIRY_CONDITIONS = {
  setting: z.enum(CARE_SETTINGS),
  patientAlone: z.boolean(),
  privateSpace: z.boolean(),
  interpreter: z.enum(INTERPRETER_TYPES),
} as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reports each missing condition exactly as a required field would be reported (`form-invalid-type`). */
function requireConditionsUnlessNotAsked(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value) || value.outcome === 'not-asked') return;
  for (const [key, schema] of Object.entries(ENQUIRY_CONDITIONS)) {
    if (value[key] !== undefined) continue;
    for (const issue of schema.safeParse(undefined).error?.issues ?? []) {
      ctx.addIssue({ ...issue, path: [key, ...issue.path] });
    }
  }
}

/**
 * The enquiry. The setting, whether the patient was alone, in a private space and the interpreter arrangement are
 * required, except when the enquiry was not made (`not-asked`): the clinician may judge it unsafe to ask before
 * knowing them, so "not safe now" stays a two-click record; unknown conditions are then left out, never guessed.
 */
export const enquirySchema = z
  .strictObject({
    setting: ENQUIRY_CONDITIONS.setting.optional(),
    patientAlone: ENQUIRY_CONDITIONS.patientAlone.optional(),
    privateSpace: ENQUIRY_CONDITIONS.privateSpace.optional(),
    interpreter: ENQUIRY_CONDITIONS.interpreter.optional(),
    outcome: z.enum(ENQUIRY_OUTCOMES),
    notAskedReason: z.enum(ENQUIRY_NOT_MADE_REASON_CODES).optional(),
  })
  .superRefine(requireConditionsUnlessNotAsked, { when: (payload) => isRecord(payload.value) });

const childrenSchema = z.strictObject({
  count: z.number().int().min(0).max(30),
  ages: z.array(z.number().int().min(0).max(17)).max(30),
  linkedPatientIds: z.array(fhirId).max(30),
});

export const disclosureSchema = z.strictObject({
  timing: z.enum(['current', 'past']),
  abuseTypes: z.array(z.enum(ABUSE_TYPES)).min(1),
  relationships: z.array(z.enum(RELATIONSHIPS)),
  duration: z
    .strictObject({ value: z.number().int().min(1).max(100), unit: z.enum(DURATION_UNITS) })
    .optional(),
  pregnant: z.boolean().optional(),
  children: childrenSchema.optional(),
});

export const riskSchema = z.strictObject({
  dashAnswers: z.array(z.enum(DASH_ANSWERS)).length(DASH_QUESTION_COUNT).optional(),
  score: z.number().int().min(0).max(DASH_QUESTION_COUNT).optional(),
  professionalJudgement: z.boolean(),
  level: z.enum(RISK_LEVELS),
});

const referralSchema = z.strictObject({
  target: z.enum(REFERRAL_TARGETS),
  status: z.enum(['made', 'declined']),
  maracCriterion: z.enum(MARAC_CRITERIA).optional(),
});

export const actionsSchema = z.strictObject({
  referrals: z.array(referralSchema),
  safetyPlan: z.boolean(),
  informationGiven: z.boolean(),
  followUpDate: z.iso.date().optional(),
});

export const consentSchema = z.strictObject({
  decision: z.enum(CONSENT_DECISIONS),
  lawfulBasis: z.enum(LAWFUL_BASES),
});

export const perpetrationSchema = z.strictObject({
  patientId: fhirId,
  source: z.enum(PERPETRATION_SOURCES),
  riskToOthers: z.boolean(),
  riskToChildren: z.boolean(),
});

/**
 * Control of the patient's own online record access (terminology.md §1h, R3): `enhancedReview` asks for SNOMED
 * 1364731000000104 "Enhanced review indicated before granting access to own health record" when coercion risk is
 * identified. `false` writes nothing: the negating code is a separate decision, not the app's.
 */
export const recordAccessSchema = z.strictObject({
  enhancedReview: z.boolean(),
});

export type EnquirySection = z.infer<typeof enquirySchema>;
export type RecordAccessSection = z.infer<typeof recordAccessSchema>;
export type DisclosureSection = z.infer<typeof disclosureSchema>;
export type RiskSection = z.infer<typeof riskSchema>;
export type ActionsSection = z.infer<typeof actionsSchema>;
export type Referral = z.infer<typeof referralSchema>;
export type ConsentSection = z.infer<typeof consentSchema>;
export type PerpetrationSection = z.infer<typeof perpetrationSchema>;
export type AbuseType = (typeof ABUSE_TYPES)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** The DVA recording form (issue 3 §2): one safe enquiry and what followed it. Parse it with `parseDvaForm`. */
export interface DvaForm {
  readonly enquiry?: EnquirySection | undefined;
  readonly disclosure?: DisclosureSection | undefined;
  readonly risk?: RiskSection | undefined;
  readonly actions?: ActionsSection | undefined;
  readonly consent?: ConsentSection | undefined;
  readonly suspectedPerpetration?: PerpetrationSection | undefined;
  readonly recordAccess?: RecordAccessSection | undefined;
}
