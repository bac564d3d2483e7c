import type { CodedConcept, SeedConcept } from './seed.codes.ts';
import type {
  Author,
  ConditionEntry,
  FlagEntry,
  MissedAppointmentEntry,
  ObservationEntry,
  ProcedureEntry,
  RecordEntry,
  ReferralEntry,
  StandaloneEntry,
  VisitEntry,
} from './seed-spec.types.ts';
import { ago, minutesAgo, type When } from './seed-time.util.ts';
import type { CareSettingKey } from './uk-core.codes.ts';

/** Helpers that keep the patient specifications short and readable. */

export interface VisitOptions {
  readonly reasons?: readonly SeedConcept[];
  readonly records?: readonly RecordEntry[];
  readonly lengthDays?: number;
  readonly discharge?: 'aadvice' | 'home';
}

/** A finished visit (consultation, attendance or admission) with the records made during it. */
export function visit(setting: CareSettingKey, when: When, options: VisitOptions = {}): VisitEntry {
  return {
    kind: 'visit',
    setting,
    when,
    status: 'finished',
    reasons: options.reasons ?? [],
    records: options.records ?? [],
    ...(options.lengthDays !== undefined ? { lengthDays: options.lengthDays } : {}),
    ...(options.discharge !== undefined ? { discharge: options.discharge } : {}),
  };
}

/** The visit in progress now (the patient is in clinic when the clinician opens the chart). */
export function inClinicNow(setting: CareSettingKey, options: VisitOptions = {}): VisitEntry {
  return { ...visit(setting, minutesAgo(10), options), status: 'in-progress' };
}

/** Several finished visits with the same reasons, `daysAgo` each (times spread through the day). */
export function visits(
  setting: CareSettingKey,
  daysAgo: readonly number[],
  reasons: readonly SeedConcept[] = [],
) {
  const times = ['09:10', '10:40', '11:20', '14:30', '15:50', '16:40'] as const;
  return daysAgo.map((d, i) => visit(setting, ago(d, times[i % times.length]), { reasons }));
}

export function condition(concept: SeedConcept, options: Omit<ConditionEntry, 'kind' | 'concept'> = {}) {
  return { kind: 'condition', concept, ...options } satisfies ConditionEntry;
}

export function observation(concept: SeedConcept, value?: CodedConcept): ObservationEntry {
  return { kind: 'observation', concept, ...(value ? { value } : {}) };
}

export function procedure(concept: SeedConcept, options: Omit<ProcedureEntry, 'kind' | 'concept'> = {}) {
  return { kind: 'procedure', concept, ...options } satisfies ProcedureEntry;
}

export function referral(concept: SeedConcept, status: 'active' | 'completed', performerType?: string) {
  return {
    kind: 'referral',
    concept,
    status,
    ...(performerType ? { performerType } : {}),
  } satisfies ReferralEntry;
}

export function flag(concept: CodedConcept, category: 'safety' | 'behavioral'): FlagEntry {
  return { kind: 'flag', concept, category };
}

/** A record made outside a visit (a letter coded, a notification received, a flag raised). */
export function recorded(entry: RecordEntry, when: When, by: Author): StandaloneEntry {
  return { ...entry, when, by };
}

export function missedAppointment(setting: CareSettingKey, when: When): MissedAppointmentEntry {
  return { kind: 'missed-appointment', setting, when };
}
