import type { Condition, FhirResource, Flag, Reference } from 'fhir/r4.js';
import { cc, hl7, local, SCT, sct } from './codings.ts';
import { mapSafeguardingFlag } from './flag.map.ts';
import type { PerpetrationSection } from './form.schema.ts';
import { mapProvenance } from './provenance.map.ts';
import { recordId } from './record-id.ts';
import { labelled, type MappingInput } from './resource.build.ts';

const SOURCE_CODE = {
  'own-disclosure': 'perpetration-source-own-disclosure',
  'third-party': 'perpetration-source-third-party',
} as const;

/**
 * Suspected perpetration, written to the suspected perpetrator's own record only (domain.md "Those who harm";
 * terminology.md R8): a provisional Condition 206411000000103 Alleged perpetrator of domestic violence with its
 * source as evidence, a behavioural safeguarding Flag, a Flag per risk (to others, to children) and a Provenance.
 * Nothing identifies the victim: no reference to the victim's record or encounter, ids that cannot be linked to the
 * victim's, and nothing about it on the victim's record. Everything is V (very restricted) and NOPAT: it must never
 * be shown to the person it is about.
 */
export function mapPerpetratorRecord(input: MappingInput, perpetration: PerpetrationSection): FhirResource[] {
  const id = (slot: string) =>
    recordId(input.context.submissionId, `perpetrator:${perpetration.patientId}`, slot);
  const subject: Reference = { reference: `Patient/${perpetration.patientId}` };
  const ownRecord = perpetration.patientId === input.context.patientId;
  const encounter = ownRecord ? input.encounter : undefined;
  const condition: Condition = labelled(
    {
      resourceType: 'Condition',
      id: id('alleged-perpetrator'),
      clinicalStatus: cc(hl7('condition-clinical', 'active')),
      verificationStatus: cc(hl7('condition-ver-status', 'provisional')),
      category: [cc(hl7('condition-category', 'problem-list-item'))],
      code: cc(sct(SCT.allegedPerpetrator)),
      subject,
      ...(encounter ? { encounter } : {}),
      recordedDate: input.now,
      recorder: input.author,
      evidence: [{ code: [cc(local(SOURCE_CODE[perpetration.source]))] }],
    },
    'V',
  );
  const flag = (slot: string, code: ReturnType<typeof sct>): Flag =>
    mapSafeguardingFlag({
      id: id(slot),
      subject,
      code,
      category: 'behavioral',
      author: input.author,
      now: input.now,
      encounter,
      level: 'V',
    });
  const flags = [
    flag('flag', sct(SCT.allegedPerpetrator)),
    ...(perpetration.riskToOthers ? [flag('flag-risk-to-others', local('risk-to-others'))] : []),
    ...(perpetration.riskToChildren ? [flag('flag-risk-to-children', local('risk-to-children'))] : []),
  ];
  const targets = [condition, ...flags];
  const provenance = mapProvenance({
    id: id('provenance'),
    targets,
    author: input.author,
    appDevice: input.context.appDevice,
    now: input.now,
    level: 'V',
  });
  return [...targets, provenance];
}
