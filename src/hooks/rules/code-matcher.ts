import type { Coding } from 'fhir/r4.js';
import type { ConceptRef, Terminology } from '../../shared/index.ts';
import { VALUE_SET_IDS } from '../../terminology/index.ts';
import type { Fact } from './clinical-record.ts';
import type { CodeMatcher } from './rule.types.ts';

/** Every ValueSet a rule reads; each coded entry is classified against these once. */
export const RULE_VALUE_SETS: readonly string[] = [
  VALUE_SET_IDS.selfHarm,
  VALUE_SET_IDS.indicatorRepeatedOverdose,
  VALUE_SET_IDS.indicatorMentalHealth,
  VALUE_SET_IDS.indicatorChronicPain,
  VALUE_SET_IDS.indicatorGiGuGynae,
  VALUE_SET_IDS.indicatorInjury,
  VALUE_SET_IDS.indicatorAssault,
  VALUE_SET_IDS.indicatorSubstanceMisuse,
  VALUE_SET_IDS.indicatorAdverseReproductive,
  VALUE_SET_IDS.safeguardingHousehold,
  VALUE_SET_IDS.enquiryAny,
  VALUE_SET_IDS.enquiryAsked,
  VALUE_SET_IDS.enquiryDeclined,
  VALUE_SET_IDS.enquiryNotMade,
  VALUE_SET_IDS.disclosure,
];
const RULE_VALUE_SET_IDS: ReadonlySet<string> = new Set(RULE_VALUE_SETS);

const SAFE_CODE = /^[A-Za-z0-9.\-_]{1,40}$/;
const NONE: ReadonlySet<string> = new Set();
/** Codes seen are remembered (records repeat the same codes); the memo is reset when it grows this large. */
const MEMO_LIMIT = 100_000;

function displayIndex(terminology: Terminology, valueSetId: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of terminology.concepts(valueSetId)) {
    if (c.display) index.set(`${c.system}|${c.code}`, c.display);
  }
  return index;
}

/**
 * Wraps a Terminology for the rules: membership (memoised per code over the rules' ValueSets), and displays taken
 * only from terminology/ so that no text from the record ever reaches a card. A code matched by its ICD-10
 * category (X60.2 in X60) keeps its own code and gets no display.
 */
export function createCodeMatcher(terminology: Terminology): CodeMatcher {
  const displays = new Map<string, Map<string, string>>();
  const memo = new Map<string, Map<string, ReadonlySet<string>>>();
  let memoSize = 0;
  const displayOf = (valueSetId: string, coding: Coding): string | undefined => {
    let index = displays.get(valueSetId);
    if (!index) {
      index = displayIndex(terminology, valueSetId);
      displays.set(valueSetId, index);
    }
    return index.get(`${coding.system}|${coding.code}`);
  };
  const setsOfCoding = (coding: Coding): ReadonlySet<string> => {
    const system = coding.system ?? '';
    const code = coding.code ?? '';
    let bySystem = memo.get(system);
    const known = bySystem?.get(code);
    if (known) return known;
    const found = RULE_VALUE_SETS.filter((vs) => terminology.contains(vs, coding));
    const sets = found.length === 0 ? NONE : new Set(found);
    if (memoSize >= MEMO_LIMIT) {
      memo.clear();
      memoSize = 0;
    }
    if (!bySystem || !memo.has(system)) {
      bySystem = new Map();
      memo.set(system, bySystem);
    }
    bySystem.set(code, sets);
    memoSize++;
    return sets;
  };
  const matches = (valueSetId: string, codings: readonly Coding[]): boolean =>
    RULE_VALUE_SET_IDS.has(valueSetId)
      ? codings.some((c) => setsOfCoding(c).has(valueSetId))
      : terminology.containsAny(valueSetId, codings);
  return {
    matches,
    valueSetsOf(codings) {
      if (codings.length === 1 && codings[0]) return setsOfCoding(codings[0]);
      const union = new Set<string>();
      for (const c of codings) for (const vs of setsOfCoding(c)) union.add(vs);
      return union.size === 0 ? NONE : union;
    },
    matchedConcept(valueSetId, codings): ConceptRef | undefined {
      const coding = codings.find((c) => matches(valueSetId, [c]));
      if (!coding?.system || !coding.code || !SAFE_CODE.test(coding.code)) return undefined;
      const display = displayOf(valueSetId, coding);
      return display
        ? { system: coding.system, code: coding.code, display }
        : { system: coding.system, code: coding.code };
    },
    factIn: (valueSetId: string, fact: Fact) =>
      RULE_VALUE_SET_IDS.has(valueSetId)
        ? fact.valueSets.has(valueSetId)
        : terminology.containsAny(valueSetId, fact.codings),
  };
}

const matchers = new WeakMap<Terminology, CodeMatcher>();

/** One matcher (and memo) per Terminology instance. */
export function codeMatcherFor(terminology: Terminology): CodeMatcher {
  let matcher = matchers.get(terminology);
  if (!matcher) {
    matcher = createCodeMatcher(terminology);
    matchers.set(terminology, matcher);
  }
  return matcher;
}
