import type { Fact } from './clinical-record.ts';
import { HOUR_MS, localDayOf } from './clinical-time.ts';
import type { IndicatorId, RecordEvidence, RuleContext } from './rule.types.ts';

/**
 * Facts coded in the ValueSet that really happened (not a not-done Procedure), dated within `[fromMs, now]`.
 * Without `fromMs`, any date up to now and undated facts count (histories: "H/O …", a diagnosis).
 */
export function factsIn(ctx: RuleContext, valueSetId: string, fromMs?: number): Fact[] {
  const nowMs = ctx.now.getTime();
  return ctx.record.facts.filter((f) => {
    if (f.notDone || !ctx.codes.factIn(valueSetId, f)) return false;
    if (f.at === undefined) return fromMs === undefined;
    return f.at <= nowMs && (fromMs === undefined || f.at >= fromMs);
  });
}

/**
 * Distinct episodes: sorted by time, an entry starts a new episode when it is at least `minHoursApart` after the
 * previous episode's first entry (the same self-harm episode is often coded on the Encounter and a Condition).
 */
export function distinctEpisodes(facts: readonly Fact[], minHoursApart: number): Fact[] {
  const dated = facts.filter((f) => f.at !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  const episodes: Fact[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const f of dated) {
    const at = f.at ?? 0;
    if (at - lastAt >= minHoursApart * HOUR_MS) {
      episodes.push(f);
      lastAt = at;
    }
  }
  return episodes;
}

export function dayOf(
  ctx: RuleContext,
  fact: { date: string | undefined; at: number | undefined },
): string | undefined {
  if (fact.date === undefined || fact.at === undefined) return undefined;
  return localDayOf(fact.date, fact.at, ctx.config.timeZone);
}

/** Evidence for one fact, with the matched concept's terminology display; undefined if no concept is printable. */
export function recordEvidence(
  ctx: RuleContext,
  indicator: IndicatorId,
  valueSetId: string,
  fact: Fact,
): RecordEvidence | undefined {
  const concept = ctx.codes.matchedConcept(valueSetId, fact.codings);
  if (!concept) return undefined;
  return {
    kind: 'record',
    indicator,
    ref: fact.ref,
    resourceType: fact.resourceType,
    day: dayOf(ctx, fact),
    concept,
  };
}

/** Evidence for several facts, most recent first, dropping unprintable ones. */
export function evidenceFor(
  ctx: RuleContext,
  indicator: IndicatorId,
  valueSetId: string,
  facts: readonly Fact[],
): RecordEvidence[] {
  return [...facts]
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0))
    .map((f) => recordEvidence(ctx, indicator, valueSetId, f))
    .filter((e): e is RecordEvidence => e !== undefined);
}
