import type {
  CodeableConcept,
  Condition,
  Flag,
  Meta,
  Observation,
  Procedure,
  Reference,
  ServiceRequest,
} from 'fhir/r4.js';
import { dvaSecurityLabels } from '../../shared/index.ts';
import { authorReference } from './directory.seed.ts';
import { type CodedConcept, isCoded, isDvaConcept, type SeedConcept } from './seed.codes.ts';
import type {
  Author,
  ConditionEntry,
  FlagEntry,
  ObservationEntry,
  ProcedureEntry,
  RecordEntry,
  ReferralEntry,
} from './seed-spec.types.ts';
import { fhirDateTime, instantOf } from './seed-time.util.ts';

/** Everything a record needs besides its entry: its id, subject, time, visit and author. */
export interface RecordContext {
  readonly id: string;
  readonly now: Date;
  readonly patient: Reference;
  readonly instant: Date;
  readonly encounter: Reference | undefined;
  readonly author: Author;
}

export type ClinicalResource = Condition | Observation | Procedure | ServiceRequest | Flag;

export function codeableConcept(concept: SeedConcept): CodeableConcept {
  if (!isCoded(concept)) return { text: concept.text };
  const { system, code, display } = concept;
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}

/** True when the entry is DVA information: its code, value, reason or outcome is a DVA or local concept. */
export function isDvaEntry(entry: RecordEntry): boolean {
  const related: (CodedConcept | undefined)[] = [
    entry.kind === 'observation' ? entry.value : undefined,
    entry.kind === 'procedure' ? entry.notDoneReason : undefined,
    entry.kind === 'procedure' ? entry.outcome : undefined,
  ];
  return isDvaConcept(entry.concept) || related.some((c) => c !== undefined && isDvaConcept(c));
}

/** The DVA security labels (R, SDV, NOPAT) exactly as the recording library writes them, or no meta at all. */
export function dvaMeta(dva: boolean): { meta?: Meta } {
  return dva ? { meta: { security: dvaSecurityLabels() } } : {};
}

function common(ctx: RecordContext) {
  return {
    id: ctx.id,
    subject: ctx.patient,
    ...(ctx.encounter ? { encounter: ctx.encounter } : {}),
  };
}

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

function buildCondition(entry: ConditionEntry, ctx: RecordContext): Condition {
  const verification = entry.verification ?? 'confirmed';
  const clinical = entry.clinicalStatus ?? (entry.abated ? 'resolved' : 'active');
  const recorder = authorReference(ctx.author);
  return {
    resourceType: 'Condition',
    ...dvaMeta(isDvaEntry(entry)),
    ...common(ctx),
    ...(verification === 'entered-in-error'
      ? {}
      : { clinicalStatus: { coding: [{ system: CLINICAL, code: clinical }] } }),
    verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] },
    category: [{ coding: [{ system: CATEGORY, code: entry.category ?? 'problem-list-item' }] }],
    code: codeableConcept(entry.concept),
    onsetDateTime: fhirDateTime(entry.onset ? instantOf(ctx.now, entry.onset) : ctx.instant),
    ...(entry.abated ? { abatementDateTime: fhirDateTime(instantOf(ctx.now, entry.abated)) } : {}),
    recordedDate: fhirDateTime(ctx.instant),
    ...(recorder ? { recorder } : {}),
  };
}

function buildObservation(entry: ObservationEntry, ctx: RecordContext): Observation {
  const performer = authorReference(ctx.author);
  return {
    resourceType: 'Observation',
    ...dvaMeta(isDvaEntry(entry)),
    ...common(ctx),
    status: 'final',
    code: codeableConcept(entry.concept),
    effectiveDateTime: fhirDateTime(ctx.instant),
    issued: ctx.instant.toISOString(),
    ...(performer ? { performer: [performer] } : {}),
    ...(entry.value ? { valueCodeableConcept: codeableConcept(entry.value) } : {}),
  };
}

function buildProcedure(entry: ProcedureEntry, ctx: RecordContext): Procedure {
  const actor = authorReference(ctx.author);
  return {
    resourceType: 'Procedure',
    ...dvaMeta(isDvaEntry(entry)),
    ...common(ctx),
    status: entry.notDoneReason ? 'not-done' : 'completed',
    ...(entry.notDoneReason ? { statusReason: codeableConcept(entry.notDoneReason) } : {}),
    code: codeableConcept(entry.concept),
    performedDateTime: fhirDateTime(ctx.instant),
    ...(actor ? { recorder: actor, performer: [{ actor }] } : {}),
    ...(entry.outcome ? { outcome: codeableConcept(entry.outcome) } : {}),
  };
}

function buildReferral(entry: ReferralEntry, ctx: RecordContext): ServiceRequest {
  const requester = authorReference(ctx.author);
  return {
    resourceType: 'ServiceRequest',
    ...dvaMeta(isDvaEntry(entry)),
    ...common(ctx),
    status: entry.status,
    intent: 'order',
    code: codeableConcept(entry.concept),
    authoredOn: fhirDateTime(ctx.instant),
    ...(requester ? { requester } : {}),
    ...(entry.performerType ? { performerType: { text: entry.performerType } } : {}),
  };
}

const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';
const FLAG_CATEGORY_DISPLAY = { safety: 'Safety', behavioral: 'Behavioral' } as const;

function buildFlag(entry: FlagEntry, ctx: RecordContext): Flag {
  const author = authorReference(ctx.author);
  return {
    resourceType: 'Flag',
    ...dvaMeta(isDvaEntry(entry)),
    ...common(ctx),
    status: 'active',
    category: [
      {
        coding: [
          { system: FLAG_CATEGORY, code: entry.category, display: FLAG_CATEGORY_DISPLAY[entry.category] },
        ],
      },
    ],
    code: codeableConcept(entry.concept),
    period: { start: fhirDateTime(ctx.instant) },
    ...(author ? { author } : {}),
  };
}

/** The FHIR resource of one record entry. */
export function buildRecord(entry: RecordEntry, ctx: RecordContext): ClinicalResource {
  switch (entry.kind) {
    case 'condition':
      return buildCondition(entry, ctx);
    case 'observation':
      return buildObservation(entry, ctx);
    case 'procedure':
      return buildProcedure(entry, ctx);
    case 'referral':
      return buildReferral(entry, ctx);
    case 'flag':
      return buildFlag(entry, ctx);
  }
}

/** Resource-id prefix of each record kind (`cond-persona-samira-003`). */
export const RECORD_ID_PREFIX = {
  condition: 'cond',
  observation: 'obs',
  procedure: 'proc',
  referral: 'sr',
  flag: 'flag',
} as const satisfies Record<RecordEntry['kind'], string>;
