export { CallbackError, createFhirFetcher, type FetcherOptions, type FhirFetcher } from './fhir-fetcher.ts';
export { PREFETCH_KEYS, type PrefetchKey, prefetchTemplates } from './prefetch-keys.ts';
export {
  type FetcherFor,
  type PatientData,
  type ResolveOptions,
  readPrefetchValue,
  resolvePatientData,
} from './prefetch-resolver.ts';
