import type { Bundle, CodeableConcept, FhirResource } from 'fhir/r4.js';
import { type DvaForm, mapFormToBundle } from '../../src/recording/index.ts';
import { SNOMED } from '../../src/shared/index.ts';
import { LOCAL_SYSTEM } from '../../src/terminology/index.ts';
import { resourcesOf } from './bundle.invariants.ts';
import { contextFor } from './forms.fixture.ts';

/** Small queries over emitted Bundles, for the mapping tests. */

export const PATIENT = 'p1';
export const ASKED = {
  setting: 'general-practice',
  patientAlone: true,
  privateSpace: true,
  interpreter: 'not-needed',
} as const;
export const map = (form: DvaForm, patientId = PATIENT) => mapFormToBundle(form, contextFor(patientId));
export const ofType = <T extends FhirResource['resourceType']>(bundle: Bundle<FhirResource>, type: T) =>
  resourcesOf(bundle).filter((r): r is Extract<FhirResource, { resourceType: T }> => r.resourceType === type);
export const codes = (concept: CodeableConcept | undefined) =>
  (concept?.coding ?? []).map(
    (c) => `${c.system === SNOMED ? 'sct' : c.system === LOCAL_SYSTEM ? 'local' : c.system}|${c.code}`,
  );
export const DISCLOSED: DvaForm = {
  enquiry: { ...ASKED, outcome: 'asked-disclosed' },
  disclosure: { timing: 'current', abuseTypes: ['physical'], relationships: [] },
};
