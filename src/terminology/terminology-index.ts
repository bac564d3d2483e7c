import type { CodeSystem, CodeSystemConcept, ConceptMap, ValueSet, ValueSetComposeInclude } from 'fhir/r4.js';
import { ICD10 } from '../shared/canonical.ts';
import type { ConceptRef } from '../shared/terminology.ts';
import { normaliseIcd10 } from './code-checks.ts';

/** The conformance resources a Terminology is built from, split by type. */
export interface TerminologyResources {
  readonly valueSets: ReadonlyMap<string, ValueSet>;
  readonly codeSystems: ReadonlyMap<string, CodeSystem>;
  readonly conceptMaps: ReadonlyMap<string, ConceptMap>;
}

/** One ValueSet, expanded once: explicit codes by system, plus systems included whole that we cannot enumerate. */
export interface ExpandedValueSet {
  readonly codes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly wholeSystems: ReadonlySet<string>;
  readonly concepts: readonly ConceptRef[];
}

function hasResourceType(value: unknown, type: string): boolean {
  return (
    typeof value === 'object' && value !== null && 'resourceType' in value && value.resourceType === type
  );
}

function isValueSet(value: unknown): value is ValueSet {
  return hasResourceType(value, 'ValueSet');
}
function isCodeSystem(value: unknown): value is CodeSystem {
  return hasResourceType(value, 'CodeSystem');
}
function isConceptMap(value: unknown): value is ConceptMap {
  return hasResourceType(value, 'ConceptMap');
}

/** Sorts raw JSON into resources by type and id; anything else is a packaging error and throws. */
export function indexResources(json: readonly unknown[]): TerminologyResources {
  const valueSets = new Map<string, ValueSet>();
  const codeSystems = new Map<string, CodeSystem>();
  const conceptMaps = new Map<string, ConceptMap>();
  for (const item of json) {
    if (isValueSet(item) && item.id) valueSets.set(item.id, item);
    else if (isCodeSystem(item) && item.id) codeSystems.set(item.id, item);
    else if (isConceptMap(item) && item.id) conceptMaps.set(item.id, item);
    else throw new Error('terminology/: every file must be a ValueSet, CodeSystem or ConceptMap with an id');
  }
  return { valueSets, codeSystems, conceptMaps };
}

/** The code as stored in an index: ICD-10 without its dot, everything else unchanged. */
export function indexCode(system: string, code: string): string {
  return system === ICD10 ? normaliseIcd10(code) : code;
}

/** Flattens a CodeSystem's concept hierarchy. */
export function flattenConcepts(concepts: readonly CodeSystemConcept[] | undefined): CodeSystemConcept[] {
  return (concepts ?? []).flatMap((c) => [c, ...flattenConcepts(c.concept)]);
}

function codeSystemByUrl(resources: TerminologyResources, url: string): CodeSystem | undefined {
  return [...resources.codeSystems.values()].find((cs) => cs.url === url);
}

function valueSetByUrl(resources: TerminologyResources, url: string): ValueSet | undefined {
  return [...resources.valueSets.values()].find((vs) => vs.url === url);
}

interface Accumulator {
  readonly codes: Map<string, Set<string>>;
  readonly wholeSystems: Set<string>;
  readonly concepts: Map<string, ConceptRef>;
}

function addConcept(acc: Accumulator, system: string, code: string, display: string | undefined): void {
  const set = acc.codes.get(system) ?? new Set<string>();
  set.add(indexCode(system, code));
  acc.codes.set(system, set);
  const key = `${system}|${code}`;
  if (!acc.concepts.has(key)) acc.concepts.set(key, display ? { system, code, display } : { system, code });
}

function addInclude(
  resources: TerminologyResources,
  acc: Accumulator,
  include: ValueSetComposeInclude,
  seen: Set<string>,
): void {
  for (const url of include.valueSet ?? []) {
    const nested = valueSetByUrl(resources, url);
    if (!nested) throw new Error(`terminology/: included ValueSet ${url} is not in terminology/`);
    addValueSet(resources, acc, nested, seen);
  }
  const system = include.system;
  if (!system) return;
  if (include.concept) {
    for (const c of include.concept) addConcept(acc, system, c.code, c.display);
    return;
  }
  const local = codeSystemByUrl(resources, system);
  if (!local) {
    acc.wholeSystems.add(system);
    return;
  }
  for (const c of flattenConcepts(local.concept)) addConcept(acc, system, c.code, c.display);
}

function addValueSet(
  resources: TerminologyResources,
  acc: Accumulator,
  vs: ValueSet,
  seen: Set<string>,
): void {
  const key = vs.url ?? vs.id ?? '';
  if (seen.has(key)) return;
  seen.add(key);
  for (const include of vs.compose?.include ?? []) addInclude(resources, acc, include, seen);
  for (const exclude of vs.compose?.exclude ?? []) {
    for (const c of exclude.concept ?? []) {
      if (!exclude.system) continue;
      acc.codes.get(exclude.system)?.delete(indexCode(exclude.system, c.code));
      acc.concepts.delete(`${exclude.system}|${c.code}`);
    }
  }
}

/** Expands a ValueSet from its explicit concepts, nested ValueSets and whole local CodeSystems. */
export function expandValueSet(resources: TerminologyResources, vs: ValueSet): ExpandedValueSet {
  const acc: Accumulator = { codes: new Map(), wholeSystems: new Set(), concepts: new Map() };
  addValueSet(resources, acc, vs, new Set());
  return { codes: acc.codes, wholeSystems: acc.wholeSystems, concepts: [...acc.concepts.values()] };
}
