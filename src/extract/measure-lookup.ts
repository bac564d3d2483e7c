import { createHash } from 'node:crypto';
import type { Coding } from 'fhir/r4.js';
import { ICD10 } from '../shared/index.ts';
import { normaliseIcd10 } from '../terminology/index.ts';
import { MEASURE_IDS, type MeasureId } from './measures.ts';
import type { MeasureTerminology } from './terminology.port.ts';

/** Bit of a measure in a mask: bit i is MEASURE_IDS[i]. */
export function measureBit(id: MeasureId): number {
  return 1 << MEASURE_IDS.indexOf(id);
}

const NOT_DONE_SHIFT = 16;
const LOW_MASK = (1 << NOT_DONE_SHIFT) - 1;

/**
 * The precomputed code → measures table, built once from the ValueSets (terminology/ValueSet-{measure}.json).
 * Each entry packs two masks: the measures a record counts for normally, and those it counts for when its
 * status is `not-done` (dataset.md: a code in both `enquiry-asked` and `enquiry-not-made` counts as asked,
 * or as not made when not done; a not-done record counts for nothing else).
 */
export interface MeasureLookup {
  /** Packed masks for one coding, 0 when it is in no measure. Use `normalMask`/`notDoneMask` to unpack. */
  readonly match: (system: string | undefined, code: string | undefined) => number;
  /** Stable digest of every measure's codes, so that merged shards are known to share one terminology. */
  readonly fingerprint: string;
}

export function normalMask(packed: number): number {
  return packed & LOW_MASK;
}

export function notDoneMask(packed: number): number {
  return packed >>> NOT_DONE_SHIFT;
}

function collectBits(terminology: MeasureTerminology): Map<string, Map<string, number>> {
  const bySystem = new Map<string, Map<string, number>>();
  for (const id of MEASURE_IDS) {
    for (const concept of terminology.concepts(id)) {
      const code = concept.system === ICD10 ? normaliseIcd10(concept.code) : concept.code;
      const codes = bySystem.get(concept.system) ?? new Map<string, number>();
      codes.set(code, (codes.get(code) ?? 0) | measureBit(id));
      bySystem.set(concept.system, codes);
    }
  }
  return bySystem;
}

function packMasks(bits: number): number {
  const asked = measureBit('enquiry-asked');
  const notMade = measureBit('enquiry-not-made');
  const normal = (bits & asked) !== 0 ? bits & ~notMade : bits;
  const whenNotDone = bits & notMade;
  return normal | (whenNotDone << NOT_DONE_SHIFT);
}

function digest(bySystem: Map<string, Map<string, number>>): string {
  const lines: string[] = [];
  for (const [system, codes] of bySystem) {
    for (const [code, bits] of codes) lines.push(`${system}|${code}|${bits}`);
  }
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

function matchIcd10(codes: ReadonlyMap<string, number>, code: string): number {
  const normalised = normaliseIcd10(code);
  for (let length = normalised.length; length >= 3; length--) {
    const packed = codes.get(length === normalised.length ? normalised : normalised.slice(0, length));
    if (packed !== undefined) return packed;
  }
  return 0;
}

/**
 * Builds the lookup from the terminology. ICD-10 matches with or without the dot, and a subcode (X60.2) matches
 * its category (X60), as src/terminology's `contains` does.
 */
export function buildMeasureLookup(terminology: MeasureTerminology): MeasureLookup {
  const bySystem = collectBits(terminology);
  const fingerprint = digest(bySystem);
  const table = new Map<string, Map<string, number>>();
  for (const [system, codes] of bySystem) {
    table.set(system, new Map([...codes].map(([code, bits]) => [code, packMasks(bits)])));
  }
  const icd10 = table.get(ICD10);
  const match = (system: string | undefined, code: string | undefined): number => {
    if (system === undefined || code === undefined) return 0;
    if (system === ICD10 && icd10) return matchIcd10(icd10, code);
    return table.get(system)?.get(code) ?? 0;
  };
  return { match, fingerprint };
}

/** The union of packed masks over a list of codings. */
export function matchCodings(lookup: MeasureLookup, codings: readonly Coding[] | undefined): number {
  if (codings === undefined) return 0;
  let packed = 0;
  for (const coding of codings) packed |= lookup.match(coding.system, coding.code);
  return packed;
}
