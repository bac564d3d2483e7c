import { VALUE_SET_IDS } from '../../terminology/index.ts';
import type { Fact } from './clinical-record.ts';
import { monthsBefore } from './clinical-time.ts';
import { type Evidence, RULE_IDS, type RuleContext, type RuleHit } from './rule.types.ts';
import type { OvershadowingIndicator } from './rule-config.ts';
import { distinctEpisodes, evidenceFor, factsIn } from './rule-helpers.ts';

/** Two injuries within a day are one episode (as for self-harm). */
const INJURY_EPISODE_GAP_HOURS = 24;

/** ValueSets of the coded indicator groups (frequent attendance is counted from encounters instead). */
const INDICATOR_VALUE_SETS: Readonly<
  Record<Exclude<OvershadowingIndicator, 'frequent-attendance'>, readonly string[]>
> = {
  'chronic-pain': [VALUE_SET_IDS.indicatorChronicPain],
  'gi-gu-gynae': [VALUE_SET_IDS.indicatorGiGuGynae],
  injury: [VALUE_SET_IDS.indicatorInjury, VALUE_SET_IDS.indicatorAssault],
  'substance-misuse': [VALUE_SET_IDS.indicatorSubstanceMisuse],
  'adverse-reproductive': [VALUE_SET_IDS.indicatorAdverseReproductive],
};

function codedIndicator(
  ctx: RuleContext,
  indicator: Exclude<OvershadowingIndicator, 'frequent-attendance'>,
  from: number,
): Evidence[] {
  const evidence: Evidence[] = [];
  let facts: Fact[] = [];
  for (const vs of INDICATOR_VALUE_SETS[indicator]) facts.push(...factsIn(ctx, vs, from));
  if (indicator === 'injury') {
    facts = distinctEpisodes(facts, INJURY_EPISODE_GAP_HOURS);
    if (facts.length < ctx.config.overshadowing.injuryMinEpisodes) return [];
  }
  for (const vs of INDICATOR_VALUE_SETS[indicator]) {
    evidence.push(
      ...evidenceFor(
        ctx,
        indicator,
        vs,
        facts.filter((f) => ctx.codes.factIn(vs, f)),
      ),
    );
  }
  return evidence;
}

function frequentAttendance(ctx: RuleContext): Evidence[] {
  const c = ctx.config.overshadowing;
  const from = monthsBefore(ctx.now, c.frequentAttendanceMonths);
  const nowMs = ctx.now.getTime();
  const count = ctx.record.encounters.filter(
    (e) => e.at !== undefined && e.at >= from && e.at <= nowMs && e.status !== 'planned',
  ).length;
  if (count < c.frequentAttendanceMinEncounters) return [];
  return [
    {
      kind: 'attendance',
      indicator: 'frequent-attendance',
      encounters: count,
      months: c.frequentAttendanceMonths,
    },
  ];
}

function indicatorEvidence(ctx: RuleContext, indicator: OvershadowingIndicator, from: number): Evidence[] {
  return indicator === 'frequent-attendance' ? frequentAttendance(ctx) : codedIndicator(ctx, indicator, from);
}

/**
 * Diagnostic overshadowing: a mental-health diagnosis with a cluster of other indicators.
 *
 * Source: the NICE QS116 / WHO 2013 indicator list (shared/research/terminology.md §5a–b) and the DREAMS and
 * Crossing Pathways description of diagnostic overshadowing — "pain put down to anxiety, years of antidepressants,
 * injuries accepted as 'I fell'" (shared/docs/domain.md). Fires when the record holds a mental-health diagnosis
 * (ValueSet `indicator-mental-health`, any date) and, within `lookbackMonths` (24), at least `minOtherIndicators`
 * (2) distinct groups among `indicators`: chronic pain; GI/GU/gynaecological symptoms; repeated injury (≥
 * `injuryMinEpisodes` distinct injury or assault episodes ≥24 h apart); frequent attendance (≥
 * `frequentAttendanceMinEncounters` encounters in `frequentAttendanceMonths`); substance misuse; adverse
 * reproductive outcomes. One indicator beside depression is common and says little; a cluster is the signal that
 * single-code prompts (IRIS, Ardens) miss.
 */
export function evaluateDiagnosticOvershadowing(ctx: RuleContext): RuleHit | undefined {
  const c = ctx.config.overshadowing;
  const anchor = factsIn(ctx, VALUE_SET_IDS.indicatorMentalHealth);
  if (anchor.length === 0) return undefined;
  const from = monthsBefore(ctx.now, c.lookbackMonths);
  const groups = c.indicators
    .map((indicator) => indicatorEvidence(ctx, indicator, from))
    .filter((e) => e.length > 0);
  if (groups.length < c.minOtherIndicators) return undefined;
  const mentalHealth = evidenceFor(ctx, 'mental-health', VALUE_SET_IDS.indicatorMentalHealth, anchor).slice(
    0,
    3,
  );
  return { ruleId: RULE_IDS.diagnosticOvershadowing, evidence: [...mentalHealth, ...groups.flat()] };
}
