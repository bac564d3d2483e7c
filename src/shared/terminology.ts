import type { Coding } from 'fhir/r4.js';

/** Dataset `setting` breakdown (shared/docs/dataset.md) and the CDS routine-enquiry setting. */
export type CareSetting = 'general-practice' | 'mental-health' | 'other';

export interface ConceptRef {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/**
 * Read-only access to the project's terminology (the JSON under `terminology/`, the single source of codes).
 * Implemented in src/terminology; rules, recording and extraction depend on this interface only.
 */
export interface Terminology {
  /**
   * True when the coding's system and code are in the ValueSet. ICD-10 codes match with or without the dot, and a
   * subcode (X60.2) matches when its three-character category (X60) is in the ValueSet.
   */
  contains(valueSetId: string, coding: Pick<Coding, 'system' | 'code'>): boolean;
  /** True when any coding of the concept is in the ValueSet. */
  containsAny(valueSetId: string, codings: readonly Pick<Coding, 'system' | 'code'>[] | undefined): boolean;
  /** The ValueSet's concepts, expanded from the JSON (explicit concepts; whole local CodeSystems). */
  concepts(valueSetId: string): readonly ConceptRef[];
  /** The concept of a CodeSystem by code, for displays. */
  lookup(codeSystemUrl: string, code: string): ConceptRef | undefined;
  /** Maps an Encounter service type coding through the care-setting ConceptMap; undefined when unknown. */
  careSetting(coding: Pick<Coding, 'system' | 'code'>): CareSetting | undefined;
}
