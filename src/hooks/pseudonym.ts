import { createHmac, randomBytes } from 'node:crypto';

/**
 * Pseudonymous ids for the pilot store: HMAC-SHA256 of a reference under a key, truncated (128 bits). The same
 * patient gets the same pseudonym across calls and instances (the key is shared), and the id cannot be read back.
 */
export type Pseudonymizer = (reference: string) => string;

export function createPseudonymizer(key: string): Pseudonymizer {
  return (reference) => createHmac('sha256', key).update(reference).digest('base64url').slice(0, 22);
}

export function randomPseudonymKey(): string {
  return randomBytes(32).toString('base64url');
}
