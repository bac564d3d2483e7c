import type { Coding, ConceptMap } from 'fhir/r4.js';
import { ICD10 } from '../shared/canonical.ts';
import { IssueType, OperationOutcomeError } from '../shared/operation-outcome.ts';
import type { CareSetting, ConceptRef, Terminology } from '../shared/terminology.ts';
import { normaliseIcd10 } from './code-checks.ts';
import { CONCEPT_MAP_IDS } from './ids.ts';
import { TERMINOLOGY_JSON } from './resources.ts';
import {
  type ExpandedValueSet,
  expandValueSet,
  flattenConcepts,
  indexCode,
  indexResources,
  type TerminologyResources,
} from './terminology-index.ts';

const CARE_SETTINGS: ReadonlySet<string> = new Set<CareSetting>([
  'general-practice',
  'mental-health',
  'other',
]);

function isCareSetting(code: string | undefined): code is CareSetting {
  return code !== undefined && CARE_SETTINGS.has(code);
}

/** ICD-10 candidates for a code: itself and each shorter prefix down to the three-character category. */
function icd10Candidates(code: string): string[] {
  const normalised = normaliseIcd10(code);
  const candidates: string[] = [];
  for (let length = normalised.length; length >= 3; length--) candidates.push(normalised.slice(0, length));
  return candidates;
}

function expandedContains(expanded: ExpandedValueSet, coding: Pick<Coding, 'system' | 'code'>): boolean {
  const { system, code } = coding;
  if (!system || !code) return false;
  if (expanded.wholeSystems.has(system)) return true;
  const codes = expanded.codes.get(system);
  if (!codes) return false;
  if (system === ICD10) return icd10Candidates(code).some((candidate) => codes.has(candidate));
  return codes.has(code);
}

function buildDisplayIndex(
  resources: TerminologyResources,
  expansions: ReadonlyMap<string, ExpandedValueSet>,
): Map<string, ConceptRef> {
  const index = new Map<string, ConceptRef>();
  for (const cs of resources.codeSystems.values()) {
    if (!cs.url) continue;
    for (const c of flattenConcepts(cs.concept)) {
      const ref: ConceptRef = c.display
        ? { system: cs.url, code: c.code, display: c.display }
        : { system: cs.url, code: c.code };
      index.set(`${cs.url}|${c.code}`, ref);
    }
  }
  for (const expanded of expansions.values()) {
    for (const ref of expanded.concepts) {
      const key = `${ref.system}|${indexCode(ref.system, ref.code)}`;
      const known = index.get(key);
      if (!known || (!known.display && ref.display)) index.set(key, ref);
    }
  }
  return index;
}

function mapCareSetting(
  map: ConceptMap | undefined,
  coding: Pick<Coding, 'system' | 'code'>,
): CareSetting | undefined {
  const group = map?.group?.find((g) => g.source === coding.system);
  if (!group || !coding.code) return undefined;
  const element = group.element.find((e) => e.code === coding.code);
  const target = element?.target?.find((t) => t.equivalence !== 'unmatched' && t.equivalence !== 'disjoint');
  if (element) return isCareSetting(target?.code) ? target.code : undefined;
  const unmapped = group.unmapped;
  if (unmapped?.mode === 'fixed') return isCareSetting(unmapped.code) ? unmapped.code : undefined;
  if (unmapped?.mode === 'provided') return isCareSetting(coding.code) ? coding.code : undefined;
  return undefined;
}

function unknownValueSet(id: string): OperationOutcomeError {
  return OperationOutcomeError.of(500, {
    code: IssueType.notFound,
    reason: 'unknown-value-set',
    diagnostics: `No ValueSet with id ${id} in terminology/`,
  });
}

/**
 * Builds a {@link Terminology} over the JSON under `terminology/` (or over the given resources, for tests).
 * Pure: everything is indexed once, in memory; lookups never do I/O.
 */
export function createTerminology(json: readonly unknown[] = TERMINOLOGY_JSON): Terminology {
  const resources = indexResources(json);
  const expansions = new Map<string, ExpandedValueSet>();
  for (const [id, vs] of resources.valueSets) expansions.set(id, expandValueSet(resources, vs));
  const displays = buildDisplayIndex(resources, expansions);
  const careSettingMap = resources.conceptMaps.get(CONCEPT_MAP_IDS.careSetting);

  const expansion = (id: string): ExpandedValueSet => {
    const found = expansions.get(id);
    if (!found) throw unknownValueSet(id);
    return found;
  };
  return {
    contains: (valueSetId, coding) => expandedContains(expansion(valueSetId), coding),
    containsAny: (valueSetId, codings) => {
      const expanded = expansion(valueSetId);
      return (codings ?? []).some((coding) => expandedContains(expanded, coding));
    },
    concepts: (valueSetId) => expansion(valueSetId).concepts,
    lookup: (codeSystemUrl, code) => displays.get(`${codeSystemUrl}|${indexCode(codeSystemUrl, code)}`),
    careSetting: (coding) => mapCareSetting(careSettingMap, coding),
  };
}

/** The project's terminology, built once from `terminology/`. */
export const terminology: Terminology = createTerminology();
