import type { Resource } from 'fhir/r4.js';

/**
 * For each resource type in the FHIR R4 Patient compartment (CompartmentDefinition/patient,
 * https://hl7.org/fhir/R4/compartmentdefinition-patient.html): the search parameters and element paths that say
 * which patient a record is *about*. Inclusion through `performer`, `author`, `recorder`… is left out on purpose: a
 * patient-confined token sees records about its patient, not every record its patient touched. Types with no
 * entry here are outside the compartment (Practitioner, Organization, Medication, …) and are not confined.
 * `Group` is in the compartment but has no "about" path: a group discloses its other members, so confined tokens
 * never see one.
 */
interface CompartmentRule {
  readonly params: readonly string[];
  readonly paths: readonly (readonly string[])[];
}

const SUBJECT: CompartmentRule = { params: ['patient', 'subject'], paths: [['subject']] };
const PATIENT: CompartmentRule = { params: ['patient'], paths: [['patient']] };

const RULES: Readonly<Record<string, CompartmentRule>> = {
  Patient: { params: ['_id'], paths: [] },
  Account: SUBJECT,
  AdverseEvent: SUBJECT,
  AllergyIntolerance: PATIENT,
  Appointment: { params: ['patient', 'actor'], paths: [['participant', 'actor']] },
  AppointmentResponse: { params: ['patient', 'actor'], paths: [['actor']] },
  AuditEvent: { params: ['patient'], paths: [['entity', 'what']] },
  Basic: SUBJECT,
  BodyStructure: PATIENT,
  CarePlan: SUBJECT,
  CareTeam: SUBJECT,
  ChargeItem: SUBJECT,
  Claim: PATIENT,
  ClaimResponse: PATIENT,
  ClinicalImpression: SUBJECT,
  Communication: SUBJECT,
  CommunicationRequest: SUBJECT,
  Composition: SUBJECT,
  Condition: SUBJECT,
  Consent: PATIENT,
  Coverage: { params: ['beneficiary', 'patient'], paths: [['beneficiary']] },
  CoverageEligibilityRequest: PATIENT,
  CoverageEligibilityResponse: PATIENT,
  DetectedIssue: PATIENT,
  DeviceRequest: SUBJECT,
  DeviceUseStatement: SUBJECT,
  DiagnosticReport: SUBJECT,
  DocumentManifest: SUBJECT,
  DocumentReference: SUBJECT,
  Encounter: SUBJECT,
  EnrollmentRequest: { params: ['patient', 'subject'], paths: [['candidate']] },
  EpisodeOfCare: PATIENT,
  ExplanationOfBenefit: PATIENT,
  FamilyMemberHistory: PATIENT,
  Flag: SUBJECT,
  Goal: SUBJECT,
  Group: { params: [], paths: [] },
  ImagingStudy: SUBJECT,
  Immunization: PATIENT,
  ImmunizationEvaluation: PATIENT,
  ImmunizationRecommendation: PATIENT,
  Invoice: SUBJECT,
  List: SUBJECT,
  MeasureReport: SUBJECT,
  Media: SUBJECT,
  MedicationAdministration: SUBJECT,
  MedicationDispense: SUBJECT,
  MedicationRequest: SUBJECT,
  MedicationStatement: SUBJECT,
  MolecularSequence: PATIENT,
  NutritionOrder: PATIENT,
  Observation: SUBJECT,
  Person: { params: ['patient'], paths: [['link', 'target']] },
  Procedure: SUBJECT,
  Provenance: { params: ['patient'], paths: [['target']] },
  QuestionnaireResponse: SUBJECT,
  RelatedPerson: PATIENT,
  RequestGroup: SUBJECT,
  ResearchSubject: { params: ['individual', 'patient'], paths: [['individual']] },
  RiskAssessment: SUBJECT,
  Schedule: { params: ['actor'], paths: [['actor']] },
  ServiceRequest: SUBJECT,
  Specimen: SUBJECT,
  SupplyDelivery: PATIENT,
  SupplyRequest: { params: ['subject'], paths: [['deliverTo']] },
  Task: { params: ['patient'], paths: [['for']] },
  VisionPrescription: PATIENT,
};

/** True when resources of this type belong to the Patient compartment (so patient-confined tokens are limited). */
export function isCompartmentType(resourceType: string): boolean {
  return Object.hasOwn(RULES, resourceType);
}

/** The search parameters that pin a search on this type to one patient (`[]` for types outside the compartment). */
export function compartmentSearchParams(resourceType: string): readonly string[] {
  return RULES[resourceType]?.params ?? [];
}

/** True when `reference` (relative, absolute or a bare id where `bareIdAllowed`) points at `Patient/{patientId}`. */
export function refersToPatient(reference: string, patientId: string, bareIdAllowed = false): boolean {
  if (bareIdAllowed && reference === patientId) return true;
  const target = `Patient/${patientId}`;
  return reference === target || reference.endsWith(`/${target}`);
}

function collectReferences(value: unknown, path: readonly string[], out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, path, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const [head, ...rest] = path;
  if (head === undefined) {
    const reference = (value as { reference?: unknown }).reference;
    if (typeof reference === 'string') out.push(reference);
    return;
  }
  collectReferences((value as Record<string, unknown>)[head], rest, out);
}

/** The `Patient/…` references a resource is about (its own reference for a Patient). */
export function patientReferencesOf(resource: Resource): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [`Patient/${resource.id}`] : [];
  const out: string[] = [];
  for (const path of RULES[resource.resourceType]?.paths ?? []) collectReferences(resource, path, out);
  return out
    .map((ref) => /(?:^|\/)(Patient\/[^/]+)$/.exec(ref)?.[1])
    .filter((ref): ref is string => ref !== undefined);
}

/**
 * True when the resource is in `patientId`'s compartment or outside the compartment altogether (reference data such as
 * Practitioner or Medication). A Patient is in its own compartment by id only.
 */
export function isWithinPatientCompartment(resource: Resource, patientId: string): boolean {
  if (!isCompartmentType(resource.resourceType)) return true;
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  return patientReferencesOf(resource).includes(`Patient/${patientId}`);
}
