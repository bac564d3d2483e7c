import type { Consent } from 'fhir/r4.js';
import { cc, hl7, local } from './codings.ts';
import type { ConsentSection } from './form.schema.ts';
import { labelled, type MappingInput } from './resource.build.ts';

const STATUS = { given: 'active', refused: 'rejected', 'not-sought': 'proposed' } as const;

/**
 * Consent to share DVA information and its lawful basis. The patient's decision is the status (given → active,
 * refused → rejected, not sought → proposed); the lawful basis for any sharing is `policyRule` (satisfying the R4
 * invariant ppc-1); `provision.type` says whether information is shared at all.
 */
export function mapConsent(input: MappingInput, consent: ConsentSection): Consent {
  const resource: Consent = {
    resourceType: 'Consent',
    id: input.id('consent'),
    status: STATUS[consent.decision],
    scope: cc(hl7('consentscope', 'patient-privacy')),
    category: [cc(local('dva-information-sharing'))],
    patient: input.patient,
    dateTime: input.now,
    ...(consent.decision === 'not-sought' ? {} : { performer: [input.patient] }),
    policyRule: cc(local(`lawful-basis-${consent.lawfulBasis}`)),
    provision: { type: consent.lawfulBasis === 'not-shared' ? 'deny' : 'permit' },
  };
  return labelled(resource, 'R');
}
