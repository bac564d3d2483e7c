export {
  ageInYears,
  type ChildRecord,
  loadCareSetting,
  loadChildren,
  loadPatient,
  loadSummary,
  NHS_NUMBER_SYSTEM,
  type PatientFacts,
  patientFacts,
} from './record.loader.ts';
