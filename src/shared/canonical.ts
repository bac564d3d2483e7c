/**
 * Canonical URL base for every conformance resource this project publishes (terminology/, error codes).
 * One constant, so that a deployment that republishes the terminology changes it in one place.
 */
export const CANONICAL_BASE = 'https://fhir.safe-enquiry.org';

export function canonicalUrl(resourceType: 'ValueSet' | 'CodeSystem' | 'ConceptMap', id: string): string {
  return `${CANONICAL_BASE}/${resourceType}/${id}`;
}

export const SNOMED = 'http://snomed.info/sct';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
