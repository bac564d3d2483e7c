import type { CodedConcept, SeedConcept } from './seed.codes.ts';
import type { When } from './seed-time.util.ts';
import type { CareSettingKey, EthnicCategory } from './uk-core.codes.ts';

/**
 * The seed's patient specifications: a small declarative language that the record builder turns into FHIR R4
 * resources. Dates are `When`s relative to the `now` passed to the builder.
 */

/** Rule ids of the expectation table (CDS patient-view decision at `now`). */
export const SEED_RULE_IDS = [
  'repeat-self-harm',
  'diagnostic-overshadowing',
  'routine-enquiry-due',
  'camhs-whole-family',
  'disclosure-on-record-review',
] as const;
export type SeedRuleId = (typeof SEED_RULE_IDS)[number];

/** Who recorded an entry: the sandbox GP, mental-health clinician or safeguarding lead, or nobody named. */
export type Author = 'gp' | 'mh' | 'safeguarding' | 'none';

export type ClinicalStatus = 'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved';
export type VerificationStatus = 'confirmed' | 'provisional' | 'unconfirmed' | 'entered-in-error';

export interface ConditionEntry {
  readonly kind: 'condition';
  readonly concept: SeedConcept;
  readonly clinicalStatus?: ClinicalStatus;
  readonly verification?: VerificationStatus;
  readonly category?: 'problem-list-item' | 'encounter-diagnosis';
  /** Onset when earlier than the record (a long-standing problem coded today). */
  readonly onset?: When;
  readonly abated?: When;
}

export interface ObservationEntry {
  readonly kind: 'observation';
  readonly concept: SeedConcept;
  readonly value?: CodedConcept;
}

export interface ProcedureEntry {
  readonly kind: 'procedure';
  readonly concept: SeedConcept;
  readonly notDoneReason?: CodedConcept;
  readonly outcome?: CodedConcept;
}

export interface ReferralEntry {
  readonly kind: 'referral';
  readonly concept: SeedConcept;
  readonly status: 'active' | 'completed';
  readonly performerType?: string;
}

export interface FlagEntry {
  readonly kind: 'flag';
  readonly concept: CodedConcept;
  readonly category: 'safety' | 'behavioral';
}

/** A record made during a visit (dated with it) or on its own (`when`, `by`). */
export type RecordEntry = ConditionEntry | ObservationEntry | ProcedureEntry | ReferralEntry | FlagEntry;
export type StandaloneEntry = RecordEntry & { readonly when: When; readonly by: Author };

export interface VisitEntry {
  readonly kind: 'visit';
  readonly setting: CareSettingKey;
  readonly when: When;
  readonly status: 'finished' | 'in-progress';
  readonly reasons: readonly SeedConcept[];
  readonly records: readonly RecordEntry[];
  /** Inpatient stays: days from admission to discharge. */
  readonly lengthDays?: number;
  /** Discharge disposition code (R4 `discharge-disposition`), e.g. `aadvice` left against advice. */
  readonly discharge?: 'aadvice' | 'home';
}

export interface MissedAppointmentEntry {
  readonly kind: 'missed-appointment';
  readonly setting: CareSettingKey;
  readonly when: When;
}

export type HistoryEntry = VisitEntry | StandaloneEntry | MissedAppointmentEntry;

export interface ParentLink {
  readonly patientId: string;
  /** v3-RoleCode: MTH mother, FTH father, GRMTH grandmother. */
  readonly relationship: 'MTH' | 'FTH' | 'GRMTH';
}

export interface PatientSpec {
  /** Client-assigned, stable id (`persona-samira`, `seed-012`). */
  readonly id: string;
  /** Distinct per patient; derives the synthetic NHS number. */
  readonly serial: number;
  readonly given: readonly string[];
  readonly family: string;
  readonly prefix?: string;
  readonly gender: 'female' | 'male' | 'other';
  /** Age at `now` in whole years, and days since the last birthday. */
  readonly age: { readonly years: number; readonly days: number };
  readonly ethnicity: EthnicCategory;
  readonly address: { readonly line: string; readonly town: string };
  readonly parents?: readonly ParentLink[];
  readonly history: readonly HistoryEntry[];
  /** The CDS patient-view decision expected at `now` (empty: no card). */
  readonly expectedRules: readonly SeedRuleId[];
  /** Rules this patient is a designed negative (near miss) for: it looks like the rule's case but must not fire it. */
  readonly nearMissOf?: readonly SeedRuleId[];
  /** Why, in one or two sentences: the case this patient exercises. */
  readonly note: string;
}
