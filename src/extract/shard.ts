import { z } from 'zod';

/** One shard of a run: `index` of `count`, 1-based as written on the command line (`--shard 2/8`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE_RUN: Shard = { index: 1, count: 1 };

export const shardSchema = z
  .string()
  .regex(/^\d{1,6}\/\d{1,6}$/, 'expected i/n, e.g. 2/8')
  .transform((value): Shard => {
    const [index, count] = value.split('/').map(Number);
    return { index: index ?? 0, count: count ?? 0 };
  })
  .refine((s) => s.count >= 1 && s.index >= 1 && s.index <= s.count, 'expected 1 ≤ i ≤ n');

/**
 * FNV-1a (32-bit) over the UTF-16 code units of a patient id: a stable hash, the same on every machine and run,
 * independent of file order (http://www.isthe.com/chongo/tech/comp/fnv/).
 */
export function hashPatientId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** True when the patient belongs to this shard. */
export function isInShard(patientId: string, shard: Shard): boolean {
  return shard.count === 1 || hashPatientId(patientId) % shard.count === shard.index - 1;
}

const PATIENT_MARKER = 'Patient/';
const QUOTE = 0x22;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;

/** What a shard does with one raw NDJSON line, decided before parsing it. */
export interface LineVerdict {
  /** False when every `Patient/{id}` on the line belongs to other shards: the line cannot count here. */
  readonly parse: boolean;
  /** True for exactly one shard per line: it keeps the line's file-level data quality. */
  readonly owner: boolean;
}

const WHOLE_LINE: LineVerdict = { parse: true, owner: true };

/**
 * Lets a shard skip `JSON.parse` for the lines of other shards' patients, which is what makes n shards ~n times
 * faster. The candidates are the ids after each `Patient/` in the raw text, cut exactly as `referenceId` cuts them
 * (up to `/` or the closing quote). A line is skipped only when every candidate hashes to another shard; a candidate
 * with a JSON escape, or a line with none, is parsed. Owner: the first candidate's shard, else a hash of file and line.
 */
export function lineVerdict(text: string, file: string, line: number, shard: Shard): LineVerdict {
  if (shard.count === 1) return WHOLE_LINE;
  const mine = shard.index - 1;
  let first: number | undefined;
  let at = text.indexOf(PATIENT_MARKER);
  while (at !== -1) {
    const start = at + PATIENT_MARKER.length;
    let end = start;
    let code = text.charCodeAt(end);
    while (end < text.length && code !== QUOTE && code !== SLASH && code !== BACKSLASH)
      code = text.charCodeAt(++end);
    if (code === BACKSLASH)
      return { parse: true, owner: first === undefined ? isLineOwner(file, line, shard) : first === mine };
    const owner = hashPatientId(text.slice(start, end)) % shard.count;
    first ??= owner;
    if (owner === mine) return { parse: true, owner: first === mine };
    at = text.indexOf(PATIENT_MARKER, end);
  }
  if (first !== undefined) return { parse: false, owner: false };
  return { parse: true, owner: isLineOwner(file, line, shard) };
}

/** The shard that keeps a line's file-level data quality when the line names no patient: a hash of file and line. */
export function isLineOwner(file: string, line: number, shard: Shard): boolean {
  return shard.count === 1 || hashPatientId(`${file}:${line}`) % shard.count === shard.index - 1;
}
