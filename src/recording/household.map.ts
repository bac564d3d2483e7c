import type { Condition, FhirResource, Reference } from 'fhir/r4.js';
import { cc, hl7, SCT, sct } from './codings.ts';
import { mapSafeguardingFlag } from './flag.map.ts';
import { mapProvenance } from './provenance.map.ts';
import { recordId } from './record-id.ts';
import { labelled, type MappingInput } from './resource.build.ts';

/**
 * DVA in the household, written to each linked child's own record (terminology.md R10; RCGP: "recorded in the
 * child's records as well as relevant family member records"): a Condition 881081000000100 Domestic abuse victim in
 * household, a restricted safeguarding Flag and the child's own Provenance. Nothing on the child's record refers to
 * the parent's record, encounter or disclosure; all of it is V (third-party information, R6).
 */
export function mapChildRecord(input: MappingInput, childId: string): FhirResource[] {
  const id = (slot: string) => recordId(input.context.submissionId, `child:${childId}`, slot);
  const subject: Reference = { reference: `Patient/${childId}` };
  const condition: Condition = labelled(
    {
      resourceType: 'Condition',
      id: id('dva-in-household'),
      clinicalStatus: cc(hl7('condition-clinical', 'active')),
      verificationStatus: cc(hl7('condition-ver-status', 'confirmed')),
      category: [cc(hl7('condition-category', 'problem-list-item'))],
      code: cc(sct(SCT.victimInHousehold)),
      subject,
      recordedDate: input.now,
      recorder: input.author,
    },
    'V',
  );
  const flag = mapSafeguardingFlag({
    id: id('flag'),
    subject,
    code: sct(SCT.victimInHousehold),
    category: 'safety',
    author: input.author,
    now: input.now,
    level: 'V',
  });
  const targets = [condition, flag];
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
