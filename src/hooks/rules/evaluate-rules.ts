import type { CareSetting, Terminology } from '../../shared/index.ts';
import type { ClinicalRecord, EncounterFact } from './clinical-record.ts';
import { ageInYears, DAY_MS, localDay, localDayOf } from './clinical-time.ts';
import { codeMatcherFor } from './code-matcher.ts';
import { evaluateDiagnosticOvershadowing } from './diagnostic-overshadowing.rule.ts';
import { evaluateRepeatSelfHarm } from './repeat-self-harm.rule.ts';
import { evaluateRoutineEnquiry } from './routine-enquiry.rule.ts';
import type { RecordEvidence, RuleContext, RuleHit, WholeFamilyHit } from './rule.types.ts';
import type { RuleConfig } from './rule-config.ts';
import { assessSuppression, type Suppression } from './suppression.rule.ts';
import { evaluateWholeFamily } from './whole-family.rule.ts';

export interface EvaluationInput {
  readonly record: ClinicalRecord;
  readonly now: Date;
  readonly terminology: Terminology;
  readonly config: RuleConfig;
  /** `context.encounterId`, when the hook has one. */
  readonly encounterId: string | undefined;
  /**
   * True when the data came under the user's own authorization (CDS Hooks 2.0: the `fhirAuthorization` token is
   * scoped to the current user), so what the service saw is what the user may see.
   */
  readonly userEntitled: boolean;
}

export type NoCardReason = 'no-indicators' | Suppression['kind'] | 'disclosure-not-entitled';

/** What to show: nothing (and why), a prompt, or a discreet review-the-plan card. */
export type Decision =
  | { readonly kind: 'none'; readonly reason: NoCardReason; readonly hits: readonly RuleHit[] }
  | {
      readonly kind: 'prompt';
      readonly hits: readonly RuleHit[];
      readonly wholeFamily: WholeFamilyHit | undefined;
    }
  | {
      readonly kind: 'review';
      readonly hits: readonly RuleHit[];
      readonly disclosure: readonly RecordEvidence[];
    };

const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['in-progress', 'arrived', 'triaged', 'onleave']);

/** The hook's encounter: `context.encounterId`, else an active encounter or one that started today. */
export function selectEncounter(
  record: ClinicalRecord,
  encounterId: string | undefined,
  today: string,
  timeZone: string,
  nowMs: number,
): EncounterFact | undefined {
  if (encounterId !== undefined) return record.encounters.find((e) => e.id === encounterId);
  const near = (at: number) => Math.abs(at - nowMs) <= 2 * DAY_MS;
  const current = record.encounters.filter(
    (e) =>
      (e.status !== undefined && ACTIVE_STATUSES.has(e.status)) ||
      (e.date !== undefined &&
        e.at !== undefined &&
        near(e.at) &&
        localDayOf(e.date, e.at, timeZone) === today),
  );
  return current.sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
}

function settingOf(terminology: Terminology, encounter: EncounterFact | undefined): CareSetting | undefined {
  for (const coding of encounter?.serviceType ?? []) {
    const setting = terminology.careSetting(coding);
    if (setting) return setting;
  }
  return undefined;
}

/** Builds the context every rule reads. */
export function buildRuleContext(input: EvaluationInput): RuleContext {
  const { record, now, config, terminology } = input;
  const today = localDay(now.getTime(), config.timeZone);
  const encounter = selectEncounter(record, input.encounterId, today, config.timeZone, now.getTime());
  return {
    record,
    now,
    today,
    config,
    terminology,
    codes: codeMatcherFor(terminology),
    encounter,
    setting: settingOf(terminology, encounter),
    ageYears: record.birthDate ? ageInYears(record.birthDate, today) : undefined,
  };
}

function fireRules(ctx: RuleContext): { hits: RuleHit[]; wholeFamily: WholeFamilyHit | undefined } {
  const adult = ctx.ageYears === undefined || ctx.ageYears >= ctx.config.minEnquiryAgeYears;
  const enquiryHits = adult
    ? [evaluateRepeatSelfHarm(ctx), evaluateDiagnosticOvershadowing(ctx), evaluateRoutineEnquiry(ctx)]
    : [];
  const wholeFamily = evaluateWholeFamily(ctx);
  const hits = [...enquiryHits, wholeFamily].filter((h): h is RuleHit => h !== undefined);
  return { hits, wholeFamily };
}

/** Decides from a built context (the service also needs the context's setting for the pilot record). */
export function decideFor(ctx: RuleContext, userEntitled: boolean): Decision {
  const { hits, wholeFamily } = fireRules(ctx);
  if (hits.length === 0) return { kind: 'none', reason: 'no-indicators', hits };
  const suppression = assessSuppression(ctx);
  if (!suppression) return { kind: 'prompt', hits, wholeFamily };
  if (suppression.kind !== 'disclosure') return { kind: 'none', reason: suppression.kind, hits };
  if (!userEntitled) return { kind: 'none', reason: 'disclosure-not-entitled', hits };
  return { kind: 'review', hits, disclosure: suppression.evidence };
}

/**
 * Runs every rule, then the suppression rules, and decides what to show. Pure and deterministic: the same record,
 * time and configuration always give the same decision.
 */
export function evaluateRules(input: EvaluationInput): Decision {
  return decideFor(buildRuleContext(input), input.userEntitled);
}
