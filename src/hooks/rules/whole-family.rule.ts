import { VALUE_SET_IDS } from '../../terminology/index.ts';
import type { EncounterFact } from './clinical-record.ts';
import { monthsBefore } from './clinical-time.ts';
import { type Evidence, RULE_IDS, type RuleContext, type WholeFamilyHit } from './rule.types.ts';
import { dayOf, evidenceFor, factsIn } from './rule-helpers.ts';

function isCamhs(ctx: RuleContext, encounter: EncounterFact | undefined): boolean {
  if (!encounter) return false;
  return encounter.serviceType.some(
    (coding) =>
      ctx.terminology.careSetting(coding) === 'mental-health' &&
      ctx.config.wholeFamily.camhsServiceTypes.some(
        (c) => c.system === coding.system && c.code === coding.code,
      ),
  );
}

/**
 * Whole family (child and adolescent mental-health services).
 *
 * Source: the CAMHS and domestic abuse interview study poster (shared/seeds): CAMHS practitioners find domestic
 * abuse "adds a layer of complexity", struggle with supporting the non-abusing parent and interacting with abusing
 * parents, and often do not understand that contact may be court-mandated; there is a "wall" between CAMHS and
 * domestic abuse services. Fires for a child or young person (age ≤ `maxAgeYears`, 17) seen in a CAMHS setting
 * (`camhsServiceTypes`: PracticeSettingCode 711, which the care-setting ConceptMap maps to mental-health) whose record
 * shows domestic abuse in the household within `householdLookbackMonths` (24): ValueSet `safeguarding-household`
 * (DA victim in household, police domestic incident notification, safeguarding concern…). From
 * `ownRelationshipsFromAgeYears` (16) the card also asks about their own relationships (Domestic Abuse Act 2021 s.1:
 * the statutory definition applies to people aged 16 or over).
 */
export function evaluateWholeFamily(ctx: RuleContext): WholeFamilyHit | undefined {
  const c = ctx.config.wholeFamily;
  const age = ctx.ageYears;
  if (age === undefined || age > c.maxAgeYears || !isCamhs(ctx, ctx.encounter)) return undefined;
  const household = factsIn(
    ctx,
    VALUE_SET_IDS.safeguardingHousehold,
    monthsBefore(ctx.now, c.householdLookbackMonths),
  );
  if (household.length === 0) return undefined;
  const setting: Evidence[] = [];
  const camhs = ctx.encounter;
  const concept = camhs?.serviceType.find(
    (coding) => ctx.terminology.careSetting(coding) === 'mental-health',
  );
  if (camhs && concept?.system && concept.code) {
    setting.push({
      kind: 'record',
      indicator: 'camhs-setting',
      ref: camhs.ref,
      resourceType: 'Encounter',
      day: dayOf(ctx, camhs),
      concept: { system: concept.system, code: concept.code },
    });
  }
  return {
    ruleId: RULE_IDS.wholeFamily,
    evidence: [...setting, ...evidenceFor(ctx, 'household', VALUE_SET_IDS.safeguardingHousehold, household)],
    ageYears: age,
    ownRelationships: age >= c.ownRelationshipsFromAgeYears,
  };
}
