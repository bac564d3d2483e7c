export { createFhirErrorHandler, type ErrorHandlerOptions, FHIR_JSON, notFoundHandler } from './errors.ts';
