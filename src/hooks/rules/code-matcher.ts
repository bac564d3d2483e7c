import type { Coding } from 'fhir/r4.js';
import type { ConceptRef, Terminology } from '../../shared/index.ts';
import type { Fact } from './clinical-record.ts';
import type { CodeMatcher } from './rule.types.ts';

const SAFE_CODE = /^[A-Za-z0-9.\-_]{1,40}$/;

function displayIndex(terminology: Terminology, valueSetId: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of terminology.concepts(valueSetId)) {
    if (c.display) index.set(`${c.system}|${c.code}`, c.display);
  }
  return index;
}

/**
 * Wraps a Terminology for the rules: membership, and displays taken only from terminology/ so that no text from
 * the record ever reaches a card. A code matched by its ICD-10 category (X60.2 in X60) keeps its own code and gets
 * no display.
 */
export function createCodeMatcher(terminology: Terminology): CodeMatcher {
  const displays = new Map<string, Map<string, string>>();
  const displayOf = (valueSetId: string, coding: Coding): string | undefined => {
    let index = displays.get(valueSetId);
    if (!index) {
      index = displayIndex(terminology, valueSetId);
      displays.set(valueSetId, index);
    }
    return index.get(`${coding.system}|${coding.code}`);
  };
  const matches = (valueSetId: string, codings: readonly Coding[]): boolean =>
    terminology.containsAny(valueSetId, codings);
  return {
    matches,
    matchedConcept(valueSetId, codings): ConceptRef | undefined {
      const coding = codings.find((c) => terminology.contains(valueSetId, c));
      if (!coding?.system || !coding.code || !SAFE_CODE.test(coding.code)) return undefined;
      const display = displayOf(valueSetId, coding);
      return display
        ? { system: coding.system, code: coding.code, display }
        : { system: coding.system, code: coding.code };
    },
    factIn: (valueSetId: string, fact: Fact) => matches(valueSetId, fact.codings),
  };
}
