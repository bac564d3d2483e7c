import type { BundleEntry, FhirResource, Reference, Resource } from 'fhir/r4.js';
import { type ConfidentialityLevel, dvaSecurityLabels } from '../shared/security-labels.ts';
import type { DvaForm } from './form.schema.ts';
import { recordId } from './record-id.ts';
import type { RecordingContext } from './recording-context.ts';

const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition';

/** UK Core R4 2.0.0 profiles for the resource types we write (shared/fhir/uk-core-2.0.0); none exists for RiskAssessment. */
export const UK_CORE_PROFILES: Readonly<Record<string, string>> = {
  Procedure: `${UK_CORE}/UKCore-Procedure`,
  Condition: `${UK_CORE}/UKCore-Condition`,
  Observation: `${UK_CORE}/UKCore-Observation`,
  ServiceRequest: `${UK_CORE}/UKCore-ServiceRequest`,
  Flag: `${UK_CORE}/UKCore-Flag`,
  CarePlan: `${UK_CORE}/UKCore-CarePlan`,
  Consent: `${UK_CORE}/UKCore-Consent`,
  QuestionnaireResponse: `${UK_CORE}/UKCore-QuestionnaireResponse`,
  Provenance: `${UK_CORE}/UKCore-Provenance`,
  Task: `${UK_CORE}/UKCore-Task`,
};

/**
 * Whose record a group of resources is written to. Ids are derived per scope, so resources on a child's or a
 * suspected perpetrator's record cannot be linked by id to the patient's (or to each other's).
 */
export interface RecordScope {
  readonly key: string;
  readonly subject: Reference;
  readonly level: ConfidentialityLevel;
}

/** What every section mapper gets: the parsed form, the context, and id/reference helpers. */
export interface MappingInput {
  readonly form: DvaForm;
  readonly context: RecordingContext;
  readonly now: string;
  readonly patient: Reference;
  readonly author: Reference;
  readonly encounter?: Reference | undefined;
  /** The id of the resource in `slot` on the patient's record. */
  readonly id: (slot: string) => string;
}

export function buildMappingInput(form: DvaForm, context: RecordingContext): MappingInput {
  const scope = `patient:${context.patientId}`;
  return {
    form,
    context,
    now: context.now.toISOString(),
    patient: { reference: `Patient/${context.patientId}` },
    author: { reference: context.authorRef },
    encounter: context.encounterId ? { reference: `Encounter/${context.encounterId}` } : undefined,
    id: (slot) => recordId(context.submissionId, scope, slot),
  };
}

/** Adds the UK Core profile and the DVA security labels (terminology.md §3b) to a resource. */
export function labelled<T extends Resource>(resource: T, level: ConfidentialityLevel): T {
  const profile = UK_CORE_PROFILES[resource.resourceType];
  const meta = { ...(profile ? { profile: [profile] } : {}), security: dvaSecurityLabels(level) };
  return Object.assign({ resourceType: resource.resourceType, id: resource.id, meta }, resource, { meta });
}

/** A reference to a resource of this Bundle. */
export function ref(resource: Resource): Reference {
  return { reference: `${resource.resourceType}/${resource.id ?? ''}` };
}

/**
 * A transaction entry that PUTs the resource at its client-assigned id: a retried submit overwrites the same ids
 * (creating nothing twice), and the Bundle needs no conditional entries (Medplum caps those at 8 per transaction).
 */
export function putEntry(resource: FhirResource): BundleEntry<FhirResource> {
  return {
    fullUrl: `urn:uuid:${resource.id ?? ''}`,
    resource,
    request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
  };
}

/** Drops undefined values so no emitted element is empty. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
