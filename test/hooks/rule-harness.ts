import type { Patient, Resource } from 'fhir/r4.js';
import {
  buildClinicalRecord,
  buildRuleContext,
  codeMatcherFor,
  DEFAULT_RULE_CONFIG,
  type Decision,
  evaluateRules,
  type RuleConfig,
  type RuleContext,
} from '../../src/hooks/rules/index.ts';
import { terminology } from '../../src/terminology/index.ts';
import { PATIENT_ID } from './fhir-builders.ts';

/** A fixed "now" for the rule tables: Wednesday 10 June 2026, 10:00 London (09:00 UTC). */
export const NOW = new Date('2026-06-10T09:00:00Z');

export interface Scenario {
  readonly patient?: Patient;
  readonly resources: readonly Resource[];
  readonly encounterId?: string;
  readonly now?: Date;
  readonly config?: RuleConfig;
  readonly userEntitled?: boolean;
}

function input(s: Scenario) {
  const now = s.now ?? NOW;
  return {
    record: buildClinicalRecord({
      patientId: PATIENT_ID,
      patient: s.patient,
      resources: s.resources,
      now,
      classify: codeMatcherFor(terminology).valueSetsOf,
    }),
    now,
    terminology,
    config: s.config ?? DEFAULT_RULE_CONFIG,
    encounterId: s.encounterId,
    userEntitled: s.userEntitled ?? true,
  };
}

export function contextFor(s: Scenario): RuleContext {
  return buildRuleContext(input(s));
}

export function decide(s: Scenario): Decision {
  return evaluateRules(input(s));
}

/** The rule ids a decision carries, sorted. */
export function firedRules(d: Decision): string[] {
  return d.hits.map((h) => h.ruleId).sort();
}
