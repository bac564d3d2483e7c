import type { Coding } from 'fhir/r4.js';
import type { CareSetting, ConceptRef, Terminology } from '../../shared/index.ts';
import type { ClinicalRecord, EncounterFact, Fact } from './clinical-record.ts';
import type { RuleConfig } from './rule-config.ts';

export const RULE_IDS = {
  repeatSelfHarm: 'repeat-self-harm',
  diagnosticOvershadowing: 'diagnostic-overshadowing',
  routineEnquiry: 'routine-enquiry',
  wholeFamily: 'whole-family',
} as const;
export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

/** Named indicators the evidence can show (a card renders each in words). */
export type IndicatorId =
  | 'self-harm'
  | 'repeated-overdose'
  | 'mental-health'
  | 'chronic-pain'
  | 'gi-gu-gynae'
  | 'injury'
  | 'substance-misuse'
  | 'adverse-reproductive'
  | 'mental-health-setting'
  | 'camhs-setting'
  | 'household'
  | 'disclosure';

/** A coded entry that made a rule fire: which indicator, which record, which concept, when. */
export interface RecordEvidence {
  readonly kind: 'record';
  readonly indicator: IndicatorId;
  readonly ref: string;
  readonly resourceType: string;
  /** Calendar day (`YYYY-MM-DD`), undefined when the entry has no date. */
  readonly day: string | undefined;
  /** The matched concept, with the display from terminology/ (never the record's own text). */
  readonly concept: ConceptRef;
}

export interface AttendanceEvidence {
  readonly kind: 'attendance';
  readonly indicator: 'frequent-attendance';
  readonly encounters: number;
  readonly months: number;
}

export interface NoRecentEnquiryEvidence {
  readonly kind: 'no-recent-enquiry';
  readonly indicator: 'no-recent-enquiry';
  readonly months: number;
  /** Day of the last enquiry recorded (asked or declined), if any. */
  readonly lastDay: string | undefined;
}

export type Evidence = RecordEvidence | AttendanceEvidence | NoRecentEnquiryEvidence;

export interface RuleHit {
  readonly ruleId: RuleId;
  readonly evidence: readonly Evidence[];
}

/** A whole-family hit also says whether the young person's own relationships should be asked about (16–17). */
export interface WholeFamilyHit extends RuleHit {
  readonly ruleId: 'whole-family';
  readonly ageYears: number;
  readonly ownRelationships: boolean;
}

/** Everything a rule reads. Built once per request; rules never do I/O or read the clock. */
export interface RuleContext {
  readonly record: ClinicalRecord;
  readonly now: Date;
  readonly today: string;
  readonly config: RuleConfig;
  readonly codes: CodeMatcher;
  readonly terminology: Terminology;
  /** The encounter this hook is about (context.encounterId, or today's encounter). */
  readonly encounter: EncounterFact | undefined;
  readonly setting: CareSetting | undefined;
  readonly ageYears: number | undefined;
}

/** ValueSet membership plus the terminology display of the matched concept. */
export interface CodeMatcher {
  matches(valueSetId: string, codings: readonly Coding[]): boolean;
  /** The rule ValueSets (see RULE_VALUE_SETS) any of the codings belongs to. */
  valueSetsOf(codings: readonly Coding[]): ReadonlySet<string>;
  /** The first coding in the ValueSet, as a concept with the terminology's display. */
  matchedConcept(valueSetId: string, codings: readonly Coding[]): ConceptRef | undefined;
  /** True when the fact's codings are in the ValueSet (convenience). */
  factIn(valueSetId: string, fact: Fact): boolean;
}
