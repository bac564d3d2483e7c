import type { Resource } from 'fhir/r4.js';
import { emptyDataQuality } from '../../../src/extract/data-quality.ts';
import { extractPartial } from '../../../src/extract/extraction-engine.ts';
import { buildMeasureLookup } from '../../../src/extract/measure-lookup.ts';
import type { MeasureId } from '../../../src/extract/measures.ts';
import { BREAKDOWN_OFFSETS, BREAKDOWNS } from '../../../src/extract/measures.ts';
import type { PartialResult } from '../../../src/extract/partial.ts';
import { Progress } from '../../../src/extract/progress.ts';
import { type Shard, WHOLE_RUN } from '../../../src/extract/shard.ts';
import {
  type Phase,
  phaseOfType,
  type ResourceSource,
  type SourceSink,
} from '../../../src/extract/source.port.ts';
import { terminology } from '../../../src/terminology/index.ts';

/** An in-memory source that serves resources like a Bulk Data folder (by type, pass by pass). */
export class MemorySource implements ResourceSource {
  readonly description = 'memory';
  readonly #resources: readonly Resource[];

  constructor(resources: readonly Resource[]) {
    this.#resources = resources;
  }

  async readPhase(phase: Phase, sink: SourceSink): Promise<void> {
    for (const resource of this.#resources) {
      const resourcePhase = phaseOfType(resource.resourceType) ?? 'records';
      if (resourcePhase === phase)
        sink.processor.handleResource(resource as unknown as Record<string, unknown>);
    }
  }
}

export interface CountOptions {
  readonly from?: string;
  readonly to?: string;
  readonly shard?: Shard;
}

/** Runs the real extraction engine over resources and returns the exact partial result. */
export async function extractFrom(
  resources: readonly Resource[],
  options: CountOptions = {},
): Promise<PartialResult> {
  const { partial } = await extractPartial(new MemorySource(resources), {
    lookup: buildMeasureLookup(terminology),
    terminology,
    shard: options.shard ?? WHOLE_RUN,
    progress: new Progress(),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  });
  return partial;
}

/** One exact count: measure × month × breakdown × category (0 when absent). */
export function countOf(
  partial: PartialResult,
  measure: MeasureId,
  month: string,
  breakdown: (typeof BREAKDOWNS)[number]['id'] = 'all',
  category = 'all',
): number {
  const spec = BREAKDOWNS.find((b) => b.id === breakdown);
  const index = (spec?.categories as readonly string[] | undefined)?.indexOf(category) ?? -1;
  if (index < 0) throw new Error(`no category ${category} in ${breakdown}`);
  return partial.counts[measure]?.[month]?.[BREAKDOWN_OFFSETS[breakdown] + index] ?? 0;
}

/** The `all` counts of every measure and month that has any. */
export function allCounts(partial: PartialResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [measure, byMonth] of Object.entries(partial.counts)) {
    for (const [month, cells] of Object.entries(byMonth ?? {})) out[`${measure} ${month}`] = cells[0] ?? 0;
  }
  return out;
}

export { emptyDataQuality };
