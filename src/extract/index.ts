export type { PollTiming } from './bulk-export.client.ts';
export type { DataQuality } from './data-quality.ts';
export {
  type ControlledCount,
  controlCells,
  controlGroup,
  DEFAULT_DISCLOSURE_RULES,
  type DisclosureRules,
  REDACTED,
  roundCount,
} from './disclosure-control.ts';
export { MEASURE_IDS, type MeasureId } from './measures.ts';
export { MEASURES_CSV_HEADER } from './measures-csv.writer.ts';
export { type MergeOptions, mergeShardResults } from './merge-shards.ts';
export type { OutputFiles } from './output-files.writer.ts';
export { PARTIAL_FILE, type PartialResult } from './partial.ts';
export type { ProgressOutput } from './progress.ts';
export { type ExtractionOptions, type ExtractionSummary, runExtraction } from './run-extraction.ts';
export { hashPatientId, type Shard } from './shard.ts';
export type { MeasureTerminology } from './terminology.port.ts';
