import type { Appointment, CodeableConcept, Encounter, FhirResource, Reference } from 'fhir/r4.js';
import { authorReference } from './directory.seed.ts';
import {
  buildRecord,
  type ClinicalResource,
  codeableConcept,
  dvaMeta,
  isDvaEntry,
  RECORD_ID_PREFIX,
} from './resource.builders.ts';
import { isDvaConcept } from './seed.codes.ts';
import type {
  Author,
  HistoryEntry,
  MissedAppointmentEntry,
  PatientSpec,
  VisitEntry,
} from './seed-spec.types.ts';
import { fhirDateTime, instantOf, plusMinutes } from './seed-time.util.ts';
import { CARE_SETTINGS, ENCOUNTER_CLASS, PRACTICE_SETTING_SYSTEM } from './uk-core.codes.ts';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const DISCHARGE = 'http://terminology.hl7.org/CodeSystem/discharge-disposition';
const DISCHARGE_DISPLAY = { aadvice: 'Left against advice', home: 'Home' } as const;

/** Minutes a finished visit lasts, by encounter class. */
const VISIT_MINUTES = { AMB: 20, EMER: 240, IMP: 0 } as const;
/**
 * Records made during a visit are dated this many minutes after it starts; a visit in progress started 10 minutes
 * ago (`inClinicNow`), so its records are dated exactly `now`, which is "today" in any time zone.
 */
const RECORD_OFFSET_MINUTES = 10;

/** Hands out stable, readable ids per patient and resource type: `enc-seed-012-003`. */
class IdSource {
  readonly #patientId: string;
  readonly #counters = new Map<string, number>();

  constructor(patientId: string) {
    this.#patientId = patientId;
  }

  next(prefix: string): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    return `${prefix}-${this.#patientId}-${String(n).padStart(3, '0')}`;
  }
}

function serviceType(setting: VisitEntry['setting']): CodeableConcept {
  const s = CARE_SETTINGS[setting];
  return { coding: [{ system: PRACTICE_SETTING_SYSTEM, code: s.code, display: s.display }] };
}

function visitEnd(v: VisitEntry, start: Date, now: Date): Date | undefined {
  if (v.status === 'in-progress') return undefined;
  const cls = CARE_SETTINGS[v.setting].class;
  const end = plusMinutes(start, cls === 'IMP' ? (v.lengthDays ?? 1) * 1440 : VISIT_MINUTES[cls]);
  if (end.getTime() > now.getTime())
    throw new RangeError(`visit ends after now: ${v.setting} ${fhirDateTime(start)}`);
  return end;
}

function buildEncounter(v: VisitEntry, id: string, patient: Reference, now: Date): Encounter {
  const s = CARE_SETTINGS[v.setting];
  const start = instantOf(now, v.when);
  const end = visitEnd(v, start, now);
  const participant = authorReference(s.by);
  const dva = v.records.some(isDvaEntry) || v.reasons.some(isDvaConcept);
  return {
    resourceType: 'Encounter',
    id,
    ...dvaMeta(dva),
    status: v.status,
    class: { system: ACT_CODE, code: s.class, display: ENCOUNTER_CLASS[s.class] },
    serviceType: serviceType(v.setting),
    subject: patient,
    ...(participant ? { participant: [{ individual: participant }] } : {}),
    period: { start: fhirDateTime(start), ...(end ? { end: fhirDateTime(end) } : {}) },
    ...(v.reasons.length > 0 ? { reasonCode: v.reasons.map(codeableConcept) } : {}),
    ...(v.discharge
      ? {
          hospitalization: {
            dischargeDisposition: {
              coding: [{ system: DISCHARGE, code: v.discharge, display: DISCHARGE_DISPLAY[v.discharge] }],
            },
          },
        }
      : {}),
    serviceProvider: { reference: `Organization/${s.org}` },
  };
}

function buildMissedAppointment(
  m: MissedAppointmentEntry,
  id: string,
  patient: Reference,
  now: Date,
): Appointment {
  const s = CARE_SETTINGS[m.setting];
  const start = instantOf(now, m.when);
  const clinician = authorReference(s.by);
  return {
    resourceType: 'Appointment',
    id,
    status: 'noshow',
    serviceType: [serviceType(m.setting)],
    start: start.toISOString(),
    end: plusMinutes(start, 20).toISOString(),
    participant: [
      { actor: patient, status: 'accepted' },
      ...(clinician ? [{ actor: clinician, status: 'accepted' as const }] : []),
    ],
  };
}

interface Walk {
  readonly ids: IdSource;
  readonly patient: Reference;
  readonly now: Date;
}

function buildVisit(v: VisitEntry, w: Walk): FhirResource[] {
  const encounterId = w.ids.next('enc');
  const encounter = buildEncounter(v, encounterId, w.patient, w.now);
  const instant = plusMinutes(instantOf(w.now, v.when), RECORD_OFFSET_MINUTES);
  const author: Author = CARE_SETTINGS[v.setting].by;
  const records: ClinicalResource[] = v.records.map((entry) =>
    buildRecord(entry, {
      id: w.ids.next(RECORD_ID_PREFIX[entry.kind]),
      now: w.now,
      patient: w.patient,
      instant,
      encounter: { reference: `Encounter/${encounterId}` },
      author,
    }),
  );
  return [encounter, ...records];
}

function buildEntry(entry: HistoryEntry, w: Walk): FhirResource[] {
  switch (entry.kind) {
    case 'visit':
      return buildVisit(entry, w);
    case 'missed-appointment':
      return [buildMissedAppointment(entry, w.ids.next('appt'), w.patient, w.now)];
    default: {
      const ctx = { now: w.now, patient: w.patient, encounter: undefined, author: entry.by };
      const id = w.ids.next(RECORD_ID_PREFIX[entry.kind]);
      return [buildRecord(entry, { ...ctx, id, instant: instantOf(w.now, entry.when) })];
    }
  }
}

/** The patient's clinical history as FHIR resources, in the order of the specification. */
export function buildHistory(spec: PatientSpec, now: Date): FhirResource[] {
  const walk: Walk = { ids: new IdSource(spec.id), patient: { reference: `Patient/${spec.id}` }, now };
  return spec.history.flatMap((entry) => buildEntry(entry, walk));
}
