import type { Condition, Observation, ObservationComponent, Quantity } from 'fhir/r4.js';
import { abuseTypeCoding, cc, hl7, local, relationshipCoding, SCT, sct } from './codings.ts';
import type { DisclosureSection } from './form.schema.ts';
import { labelled, type MappingInput, ref } from './resource.build.ts';

const UCUM = 'http://unitsofmeasure.org';
const UCUM_UNIT = { days: 'd', weeks: 'wk', months: 'mo', years: 'a' } as const;

const years = (value: number): Quantity => ({ value, unit: 'years', system: UCUM, code: 'a' });

function detailComponents(disclosure: DisclosureSection): ObservationComponent[] {
  const { duration, children } = disclosure;
  return [
    ...disclosure.abuseTypes.map((type) => ({
      code: cc(local('abuse-type')),
      valueCodeableConcept: cc(abuseTypeCoding(type)),
    })),
    ...disclosure.relationships.map((relationship) => ({
      code: cc(local('relationship-to-person-causing-harm')),
      valueCodeableConcept: cc(relationshipCoding(relationship)),
    })),
    ...(duration
      ? [
          {
            code: cc(local('abuse-duration')),
            valueQuantity: {
              value: duration.value,
              unit: duration.unit,
              system: UCUM,
              code: UCUM_UNIT[duration.unit],
            },
          },
        ]
      : []),
    ...(disclosure.pregnant === undefined
      ? []
      : [{ code: cc(local('pregnant')), valueBoolean: disclosure.pregnant }]),
    ...(children ? [{ code: cc(local('children-in-household')), valueInteger: children.count }] : []),
    ...(children?.ages ?? []).map((age) => ({ code: cc(local('child-age')), valueQuantity: years(age) })),
  ];
}

/**
 * The structured details of a disclosure. Labelled V (very restricted): the relationship of the person causing harm
 * and the children are third-party, perpetrator-identifying information (terminology.md §3b, R6).
 */
export function mapDisclosureDetails(input: MappingInput, disclosure: DisclosureSection): Observation {
  const observation: Observation = {
    resourceType: 'Observation',
    id: input.id('disclosure-details'),
    status: 'final',
    category: [cc(hl7('observation-category', 'social-history'))],
    code: cc(local('disclosure-details')),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    effectiveDateTime: input.now,
    performer: [input.author],
    component: detailComponents(disclosure),
  };
  return labelled(observation, 'V');
}

/**
 * The disclosure as a problem-list Condition: 879911000000102 Victim of domestic abuse (current, active) or
 * 429746005 History of domestic abuse (past, resolved); both are in the dataset's `disclosure` measure. The patient
 * is the asserter: it is their disclosure.
 */
export function mapDisclosureCondition(
  input: MappingInput,
  disclosure: DisclosureSection,
  details: Observation,
): Condition {
  const current = disclosure.timing === 'current';
  const condition: Condition = {
    resourceType: 'Condition',
    id: input.id('disclosure'),
    clinicalStatus: cc(hl7('condition-clinical', current ? 'active' : 'resolved')),
    verificationStatus: cc(hl7('condition-ver-status', 'confirmed')),
    category: [cc(hl7('condition-category', 'problem-list-item'))],
    code: cc(sct(current ? SCT.victim : SCT.historyOfAbuse)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    recordedDate: input.now,
    recorder: input.author,
    asserter: input.patient,
    evidence: [{ detail: [ref(details)] }],
  };
  return labelled(condition, 'R');
}
