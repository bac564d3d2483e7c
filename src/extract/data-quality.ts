import { z } from 'zod';

/** Malformed lines listed by location in the report; more are counted but not listed. */
export const MAX_LISTED_PROBLEMS = 50;

const countMap = z.record(z.string(), z.number().int().nonnegative());
const count = z.number().int().nonnegative();

/**
 * What the extraction noticed about its input. `records…`, `patientsNotFound` and `encountersNotFound` concern
 * records coded with a measure code (so the report applies disclosure control to them); the rest concern the files
 * and every resource read. In a sharded run, file-level counts are kept by shard 1 only and record-level counts by
 * the record's patient's shard, so that merged shards report exactly what a single run would.
 */
export const dataQualitySchema = z.object({
  resourcesRead: countMap,
  otherResourceTypes: countMap,
  malformedLines: count,
  malformedExamples: z.array(z.object({ file: z.string(), line: z.number().int(), reason: z.string() })),
  skippedFiles: z.array(z.object({ file: z.string(), reason: z.string() })),
  typeMismatches: count,
  emisLocalCodes: count,
  codingsWithoutSystem: count,
  invalidSnomedCodes: count,
  recordsCounted: count,
  recordsWithoutDate: count,
  recordsWithoutMonth: count,
  recordsSubjectNotPatient: count,
  recordsExcludedByStatus: count,
  recordsOutsidePeriod: count,
  encountersNotFound: count,
  patientsNotFound: count,
  exportErrors: count,
});
export type DataQuality = z.infer<typeof dataQualitySchema>;

/** Counters of DataQuality that are plain numbers. */
export type DataQualityCounter = {
  [K in keyof DataQuality]: DataQuality[K] extends number ? K : never;
}[keyof DataQuality];

export function emptyDataQuality(): DataQuality {
  return {
    resourcesRead: {},
    otherResourceTypes: {},
    malformedLines: 0,
    malformedExamples: [],
    skippedFiles: [],
    typeMismatches: 0,
    emisLocalCodes: 0,
    codingsWithoutSystem: 0,
    invalidSnomedCodes: 0,
    recordsCounted: 0,
    recordsWithoutDate: 0,
    recordsWithoutMonth: 0,
    recordsSubjectNotPatient: 0,
    recordsExcludedByStatus: 0,
    recordsOutsidePeriod: 0,
    encountersNotFound: 0,
    patientsNotFound: 0,
    exportErrors: 0,
  };
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

/** Location order: by file, then line. */
function compareLocations(a: { file: string; line?: number }, b: { file: string; line?: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0);
}

/**
 * Adds a problem to a listed set, keeping the first MAX_LISTED_PROBLEMS in file and line order — whatever the order
 * they were met in — so that merged shards list exactly what a single run lists.
 */
function keepFirst<T extends { file: string; line?: number }>(list: T[], item: T): void {
  const last = list[list.length - 1];
  if (list.length >= MAX_LISTED_PROBLEMS && last !== undefined && compareLocations(item, last) >= 0) return;
  list.push(item);
  list.sort(compareLocations);
  if (list.length > MAX_LISTED_PROBLEMS) list.pop();
}

/** Sums data quality from several shards. Every counter adds exactly; listed problems merge in location order. */
export function mergeDataQuality(parts: readonly DataQuality[]): DataQuality {
  const merged = emptyDataQuality();
  for (const part of parts) {
    addCounts(merged.resourcesRead, part.resourcesRead);
    addCounts(merged.otherResourceTypes, part.otherResourceTypes);
    for (const example of part.malformedExamples) keepFirst(merged.malformedExamples, example);
    for (const skipped of part.skippedFiles) keepFirst(merged.skippedFiles, skipped);
    for (const key of Object.keys(merged) as (keyof DataQuality)[]) {
      const value = part[key];
      if (typeof value === 'number') (merged[key] as number) += value;
    }
  }
  return merged;
}

/** Notes a malformed line: counted always, listed when among the first by location. */
export function noteMalformedLine(quality: DataQuality, file: string, line: number, reason: string): void {
  quality.malformedLines++;
  keepFirst(quality.malformedExamples, { file, line, reason });
}

/** Notes a file that was not read, or not to the end. */
export function noteSkippedFile(quality: DataQuality, file: string, reason: string): void {
  keepFirst(quality.skippedFiles, { file, reason });
}
