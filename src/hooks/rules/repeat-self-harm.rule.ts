import { VALUE_SET_IDS } from '../../terminology/index.ts';
import { monthsBefore } from './clinical-time.ts';
import { RULE_IDS, type RuleContext, type RuleHit } from './rule.types.ts';
import { distinctEpisodes, evidenceFor, factsIn } from './rule-helpers.ts';

/**
 * Repeat self-harm → prompt a private enquiry.
 *
 * Source: NICE QS116 indicator 2 ("suicidal tendencies or self-harming") and NICE NG225's definition of self-harm
 * ("intentional self-poisoning or injury, irrespective of the apparent purpose"). NG225 gives no numeric "repeat",
 * so the design in shared/research/terminology.md §5d is used: at least `minEpisodes` (2) distinct self-harm
 * episodes at least `minHoursApart` (24 h) apart within `lookbackMonths` (12), coded on any resource that can carry
 * them (Condition, Encounter.reasonCode, Procedure, Observation; SNOMED CT and ICD-10 X60–X84, ValueSet
 * `self-harm`), or any "H/O: repeated overdose" entry (ValueSet `indicator-repeated-overdose`).
 * Why it matters here: women experiencing DVA are three times more likely to have attempted suicide, and 38% of
 * DA-related deaths in 2022–23 were suspected victim suicides (shared/docs/domain.md).
 */
export function evaluateRepeatSelfHarm(ctx: RuleContext): RuleHit | undefined {
  const c = ctx.config.repeatSelfHarm;
  const from = monthsBefore(ctx.now, c.lookbackMonths);
  const episodes = distinctEpisodes(factsIn(ctx, VALUE_SET_IDS.selfHarm, from), c.minHoursApart);
  const repeatedOverdose = factsIn(ctx, VALUE_SET_IDS.indicatorRepeatedOverdose);
  const repeated = episodes.length >= c.minEpisodes;
  if (!repeated && repeatedOverdose.length === 0) return undefined;
  return {
    ruleId: RULE_IDS.repeatSelfHarm,
    evidence: [
      ...(repeated ? evidenceFor(ctx, 'self-harm', VALUE_SET_IDS.selfHarm, episodes) : []),
      ...evidenceFor(ctx, 'repeated-overdose', VALUE_SET_IDS.indicatorRepeatedOverdose, repeatedOverdose),
    ],
  };
}
