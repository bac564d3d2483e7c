import { CARE_SETTING_SYSTEM } from '../../terminology/index.ts';
import { monthsBefore } from './clinical-time.ts';
import type { Evidence, RuleContext, RuleHit } from './rule.types.ts';
import { RULE_IDS } from './rule.types.ts';
import { dayOf } from './rule-helpers.ts';
import { lastEnquiry } from './suppression.rule.ts';

/**
 * Routine enquiry due in a mental-health setting.
 *
 * Source: NICE PH50 — in mental-health services trained staff "ask service users whether they have experienced
 * domestic violence and abuse … a routine part of good clinical practice, even where there are no indicators"
 * (shared/research/terminology.md §5c). Fires for an encounter whose service type maps to `mental-health` through
 * the care-setting ConceptMap when no enquiry (asked or declined) is recorded within `lookbackMonths` (12).
 */
export function evaluateRoutineEnquiry(ctx: RuleContext): RuleHit | undefined {
  const encounter = ctx.encounter;
  if (ctx.setting !== 'mental-health' || !encounter) return undefined;
  const months = ctx.config.routineEnquiry.lookbackMonths;
  const last = lastEnquiry(ctx);
  if (last?.at !== undefined && last.at >= monthsBefore(ctx.now, months)) return undefined;
  const setting = ctx.terminology.lookup(CARE_SETTING_SYSTEM, 'mental-health');
  const evidence: Evidence[] = [
    {
      kind: 'no-recent-enquiry',
      indicator: 'no-recent-enquiry',
      months,
      lastDay: last ? dayOf(ctx, last) : undefined,
    },
  ];
  if (setting) {
    evidence.unshift({
      kind: 'record',
      indicator: 'mental-health-setting',
      ref: encounter.ref,
      resourceType: 'Encounter',
      day: dayOf(ctx, encounter),
      concept: setting,
    });
  }
  return { ruleId: RULE_IDS.routineEnquiry, evidence };
}
