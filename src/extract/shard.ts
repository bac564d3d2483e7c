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
