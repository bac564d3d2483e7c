import { type DataQuality, emptyDataQuality } from './data-quality.ts';
import type { MeasureLookup } from './measure-lookup.ts';
import { buildPartial, type PartialResult } from './partial.ts';
import type { Progress } from './progress.ts';
import { type ProcessorOptions, RecordProcessor } from './record-processor.ts';
import type { Shard } from './shard.ts';
import { PHASES, type ResourceSource, type SourceSink } from './source.port.ts';
import { monthIndex, Tally } from './tally.ts';
import type { MeasureTerminology } from './terminology.port.ts';

export interface EngineOptions {
  readonly lookup: MeasureLookup;
  readonly terminology: MeasureTerminology;
  readonly shard: Shard;
  readonly from?: string;
  readonly to?: string;
  readonly progress: Progress;
}

/** Counts about the run itself (not part of the dataset or its data quality). */
export interface EngineStats {
  readonly resourcesRead: number;
  /** Distinct (patient, measure, month, setting, day) keys held: what extraction memory grows with. */
  readonly keys: number;
  readonly patientsReferenced: number;
  readonly encountersReferenced: number;
}

function createProcessor(options: EngineOptions, tally: Tally, quality: DataQuality): RecordProcessor {
  const fromMonth = options.from === undefined ? undefined : monthIndex(options.from);
  const toMonth = options.to === undefined ? undefined : monthIndex(options.to);
  const processorOptions: ProcessorOptions = {
    lookup: options.lookup,
    terminology: options.terminology,
    shard: options.shard,
    ...(fromMonth === undefined ? {} : { fromMonth }),
    ...(toMonth === undefined ? {} : { toMonth }),
  };
  return new RecordProcessor(processorOptions, tally, quality);
}

async function readAllPhases(source: ResourceSource, sink: SourceSink, tally: Tally): Promise<void> {
  for (const phase of PHASES) {
    await source.readPhase(phase, sink);
    if (phase === 'encounters') tally.resolveEncounters();
  }
}

/**
 * Runs the three passes over a source and returns the exact (pre-disclosure-control) result.
 * Memory: the Tally's keys and the referenced patients' demographics; no resource outlives its line.
 */
export async function extractPartial(
  source: ResourceSource,
  options: EngineOptions,
): Promise<{ partial: PartialResult; stats: EngineStats }> {
  const quality = emptyDataQuality();
  const tally = new Tally();
  const processor = createProcessor(options, tally, quality);
  await readAllPhases(
    source,
    {
      processor,
      progress: options.progress,
      skipped: (file, reason) => processor.noteSkipped(file, reason),
      exportErrors: (count) => processor.noteExportErrors(count),
      neededPatientIds: () => tally.patients.ids(),
    },
    tally,
  );
  options.progress.finish(processor.resourcesRead);
  quality.patientsNotFound = tally.patients.missingCount;
  quality.encountersNotFound = tally.encounters.missingCount;
  const stats: EngineStats = {
    resourcesRead: processor.resourcesRead,
    keys: tally.keyCount,
    patientsReferenced: tally.patients.size,
    encountersReferenced: tally.encounters.size,
  };
  const period = {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  };
  const counts = tally.finalize();
  const partial = buildPartial({
    shard: options.shard,
    terminology: options.lookup.fingerprint,
    period,
    source: source.description,
    counts,
    dataQuality: quality,
  });
  return { partial, stats };
}
