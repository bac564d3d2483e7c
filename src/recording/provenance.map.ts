import type { Provenance, Reference, Resource } from 'fhir/r4.js';
import { cc, hl7 } from './codings.ts';
import { labelled, ref } from './resource.build.ts';

export interface ProvenanceInput {
  readonly id: string;
  readonly targets: readonly Resource[];
  readonly author: Reference;
  readonly appDevice?: string | undefined;
  readonly now: string;
  readonly level: 'R' | 'V';
}

/**
 * Who recorded the resources of one record and with what (the app as assembler). One Provenance per record, so that
 * no Provenance links a patient's record to a child's or to a suspected perpetrator's.
 */
export function mapProvenance(input: ProvenanceInput): Provenance {
  const provenance: Provenance = {
    resourceType: 'Provenance',
    id: input.id,
    target: input.targets.map(ref),
    recorded: input.now,
    agent: [
      { type: cc(hl7('provenance-participant-type', 'author')), who: input.author },
      ...(input.appDevice
        ? [{ type: cc(hl7('provenance-participant-type', 'assembler')), who: { reference: input.appDevice } }]
        : []),
    ],
  };
  return labelled(provenance, input.level);
}
