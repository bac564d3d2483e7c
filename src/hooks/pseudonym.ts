import { createHmac, randomBytes } from 'node:crypto';

/**
 * Pseudonymous ids for the pilot store: HMAC-SHA256 of a reference under a key, truncated (128 bits). The same
 * patient gets the same pseudonym across calls and instances (the key is shared), and the id cannot be read back.
 */
export type Pseudonymizer = (reference: string) => string;

/** Pseudonyms remembered per process (clinicians and patients recur); the memo is reset when it grows this large. */
const MEMO_LIMIT = 10_000;

export function createPseudonymizer(key: string): Pseudonymizer {
  const memo = new Map<string, string>();
  return (reference) => {
    const known = memo.get(reference);
    if (known !== undefined) return known;
    const pseudonym = createHmac('sha256', key).update(reference).digest('base64url').slice(0, 22);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(reference, pseudonym);
    return pseudonym;
  };
}

export function randomPseudonymKey(): string {
  return randomBytes(32).toString('base64url');
}
