import { z } from 'zod';
import { PRACTICE_SETTING_SYSTEM } from '../../terminology/index.ts';

/**
 * Thresholds of the rules, each with its documented default. Defaults are design choices made from the cited
 * guidance, not clinically validated cut-offs: a pilot site can tune them without code changes.
 */
const months = (value: number) => z.number().int().min(1).max(240).default(value);

const codingSchema = z.object({ system: z.string().min(1), code: z.string().min(1) });

export const OVERSHADOWING_INDICATORS = [
  'chronic-pain',
  'gi-gu-gynae',
  'injury',
  'frequent-attendance',
  'substance-misuse',
  'adverse-reproductive',
] as const;
export type OvershadowingIndicator = (typeof OVERSHADOWING_INDICATORS)[number];

export const ruleConfigSchema = z.object({
  /** Time zone of "today" (a "not safe now" recorded today). */
  timeZone: z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'unknown time zone')
    .default('Europe/London'),
  /** Enquiry prompts are for people aged 16+ (the statutory definition of domestic abuse applies from 16). */
  minEnquiryAgeYears: z.number().int().min(0).max(120).default(16),
  /** NICE NG225 has no numeric "repeat"; terminology.md §5d design: ≥2 episodes ≥24 h apart in 12 months. */
  repeatSelfHarm: z
    .object({
      lookbackMonths: months(12),
      minEpisodes: z.number().int().min(2).max(20).default(2),
      minHoursApart: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(24),
    })
    .prefault({}),
  /** A mental-health diagnosis plus at least `minOtherIndicators` other NICE/WHO indicator groups in the window. */
  overshadowing: z
    .object({
      lookbackMonths: months(24),
      minOtherIndicators: z.number().int().min(1).max(6).default(2),
      indicators: z
        .array(z.enum(OVERSHADOWING_INDICATORS))
        .min(1)
        .default([...OVERSHADOWING_INDICATORS]),
      /** "Traumatic injury, particularly if repeated" (NICE QS116 indicator 11): distinct episodes ≥24 h apart. */
      injuryMinEpisodes: z.number().int().min(1).max(20).default(2),
      /** "Repeated health consultations with no clear diagnosis" (WHO 2013): encounters in the last N months. */
      frequentAttendanceMonths: months(12),
      frequentAttendanceMinEncounters: z.number().int().min(2).max(200).default(12),
    })
    .prefault({}),
  /** NICE PH50: ask routinely in mental-health services; due when none was recorded in the last N months. */
  routineEnquiry: z.object({ lookbackMonths: months(12) }).prefault({}),
  /** CAMHS poster: a child or young person in CAMHS with domestic abuse in the household. */
  wholeFamily: z
    .object({
      maxAgeYears: z.number().int().min(0).max(25).default(17),
      ownRelationshipsFromAgeYears: z.number().int().min(0).max(25).default(16),
      householdLookbackMonths: months(24),
      /** Encounter.serviceType codings that mean CAMHS (UK Core PracticeSettingCode 711, ConceptMap care-setting). */
      camhsServiceTypes: z
        .array(codingSchema)
        .min(1)
        .default([{ system: PRACTICE_SETTING_SYSTEM, code: '711' }]),
    })
    .prefault({}),
  /** No prompt when an enquiry (asked or declined) was recorded in the last N days. */
  suppression: z.object({ recentEnquiryDays: z.number().int().min(0).max(365).default(28) }).prefault({}),
});

export type RuleConfig = z.output<typeof ruleConfigSchema>;
/** Overrides of any subset of thresholds (the rest keep their defaults). */
export type RuleConfigInput = z.input<typeof ruleConfigSchema>;

/** Merges overrides with the defaults; throws with every problem listed. */
export function resolveRuleConfig(input: RuleConfigInput | undefined): RuleConfig {
  const parsed = ruleConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `rules.${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid CDS rule configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** The defaults, for documentation and tests. */
export const DEFAULT_RULE_CONFIG: RuleConfig = resolveRuleConfig(undefined);
