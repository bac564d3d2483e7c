import type { Progress } from './progress.ts';
import type { RecordProcessor } from './record-processor.ts';

/**
 * The three passes of an extraction, in order. Records first (interning the patients and encounters that qualifying
 * records reference), then Encounters (their service type gives those records' setting), then Patients
 * (demographics of referenced patients only). Any file order in the input works; memory grows with qualifying
 * records' patients, never with the number of resources read.
 */
export const PHASES = ['records', 'encounters', 'patients'] as const;
export type Phase = (typeof PHASES)[number];

/** The pass in which a resource type is read, or undefined when the dataset does not use the type. */
export function phaseOfType(type: string): Phase | undefined {
  if (type === 'Patient') return 'patients';
  if (type === 'Encounter') return 'encounters';
  return ['Observation', 'Condition', 'Procedure', 'ServiceRequest', 'Flag'].includes(type)
    ? 'records'
    : undefined;
}

/** What a source feeds during a pass. */
export interface SourceSink {
  readonly processor: RecordProcessor;
  readonly progress: Progress;
  /** Notes an input file or download that was not read (or not to the end), for the data-quality report. */
  readonly skipped: (file: string, reason: string) => void;
  /** Notes Bulk Data export error entries (OperationOutcomes), for the data-quality report. */
  readonly exportErrors: (count: number) => void;
  /** Ids of the patients whose demographics are needed, known after the first two passes. */
  readonly neededPatientIds: () => Iterable<string>;
}

/** A directory of NDJSON or a FHIR server. */
export interface ResourceSource {
  /** Shown in the report: the directory's name or the server's base URL (never a token). */
  readonly description: string;
  readPhase(phase: Phase, sink: SourceSink): Promise<void>;
}
