import type { Observation } from 'fhir/r4.js';
import { cc, SCT, sct } from './codings.ts';
import type { RecordAccessSection } from './form.schema.ts';
import { labelled, type MappingInput } from './resource.build.ts';

/**
 * "Enhanced review indicated before granting access to own health record" (SNOMED 1364731000000104, a situation;
 * terminology.md §1h and R3, ValueSet record-access-control) as an Observation on the patient's record, so that the
 * GP system does not grant prospective online access automatically. Written only when asked for; it does not change
 * access already granted (the clinician still reviews the account's access level in the EHR).
 */
export function mapRecordAccess(input: MappingInput, access: RecordAccessSection): Observation[] {
  if (!access.enhancedReview) return [];
  const observation: Observation = {
    resourceType: 'Observation',
    id: input.id('enhanced-review'),
    status: 'final',
    code: cc(sct(SCT.enhancedReview)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    effectiveDateTime: input.now,
    performer: [input.author],
  };
  return [labelled(observation, 'R')];
}
