import type { Observation, ObservationComponent, Procedure } from 'fhir/r4.js';
import { careSettingCoding, cc, hl7, local, SCT, sct } from './codings.ts';
import type { EnquirySection } from './form.schema.ts';
import { labelled, type MappingInput, ref } from './resource.build.ts';

const OUTCOME_CODE = {
  'asked-disclosed': 'enquiry-outcome-disclosed',
  'asked-no-disclosure': 'enquiry-outcome-no-disclosure',
} as const;

/**
 * The enquiry as a Procedure: 700410005 completed when asked (outcome disclosed / no disclosure), 700411009 when
 * declined, 700410005 `not-done` with the local reason in `statusReason` when not asked (dataset.md counts that as
 * `enquiry-not-made`).
 */
export function mapEnquiryProcedure(input: MappingInput, enquiry: EnquirySection): Procedure {
  const { outcome } = enquiry;
  const notAsked = outcome === 'not-asked';
  const code = outcome === 'declined' ? SCT.enquiryDeclined : SCT.enquiry;
  const procedure: Procedure = {
    resourceType: 'Procedure',
    id: input.id('enquiry'),
    status: notAsked ? 'not-done' : 'completed',
    ...(notAsked && enquiry.notAskedReason ? { statusReason: cc(local(enquiry.notAskedReason)) } : {}),
    code: cc(sct(code)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    performedDateTime: input.now,
    recorder: input.author,
    ...(notAsked ? {} : { performer: [{ actor: input.author }] }),
    ...(outcome === 'asked-disclosed' || outcome === 'asked-no-disclosure'
      ? { outcome: cc(local(OUTCOME_CODE[outcome])) }
      : {}),
  };
  return labelled(procedure, 'R');
}

function conditionComponents(enquiry: EnquirySection): ObservationComponent[] {
  const { patientAlone, privateSpace, interpreter, setting } = enquiry;
  return [
    ...(patientAlone === undefined ? [] : [{ code: cc(local('patient-alone')), valueBoolean: patientAlone }]),
    ...(privateSpace === undefined ? [] : [{ code: cc(local('private-space')), valueBoolean: privateSpace }]),
    ...(interpreter === undefined
      ? []
      : [{ code: cc(local('interpreter')), valueCodeableConcept: cc(local(`interpreter-${interpreter}`)) }]),
    ...(setting === undefined
      ? []
      : [{ code: cc(local('care-setting')), valueCodeableConcept: cc(careSettingCoding(setting)) }]),
  ];
}

/**
 * Whether the patient was alone, in a private space, the interpreter arrangement and the care setting. Only what is
 * known is written: an enquiry not made may leave any of them unknown (a missing component means unknown, never
 * "no"), and with none known there is no Observation at all.
 */
export function mapEnquiryConditions(
  input: MappingInput,
  enquiry: EnquirySection,
  procedure: Procedure,
): Observation | undefined {
  const component = conditionComponents(enquiry);
  if (component.length === 0) return undefined;
  const observation: Observation = {
    resourceType: 'Observation',
    id: input.id('enquiry-conditions'),
    status: 'final',
    category: [cc(hl7('observation-category', 'social-history'))],
    code: cc(local('enquiry-conditions')),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    effectiveDateTime: input.now,
    performer: [input.author],
    partOf: [ref(procedure)],
    component,
  };
  return labelled(observation, 'R');
}
