export { createFhirRestReader, type FhirRestReader, PortalUnavailableError } from './fhir-rest.reader.ts';
export {
  carriesDvaCode,
  DVA_VALUE_SET_IDS,
  isAboutPatient,
  isSafeForPatientFacing,
} from './patient-facing.filter.ts';
export { renderMessagePage, renderRecordPage, renderSummaryPage } from './portal.page.ts';
export {
  createPatientPortal,
  type PatientPortal,
  SANDBOX_PORTAL_PATIENT,
  SANDBOX_PROXIES,
} from './portal.router.ts';
export type {
  PatientPortalDeps,
  PatientPortalOptions,
  PortalTokenGrant,
  PortalViewer,
  ProxyGrant,
} from './portal.types.ts';
export {
  loadPortalRecord,
  PORTAL_SCOPE,
  type PortalRecord,
  portalTokenGrant,
} from './portal-record.loader.ts';
export { buildRecordView, type RecordView } from './record.view.ts';
