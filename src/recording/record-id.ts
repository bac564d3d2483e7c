import { sha256Hex } from './sha256.ts';

/**
 * The id of one resource of one submission: a UUID (RFC 9562 version 8) made from the SHA-256 of the submission id,
 * the record it belongs to (`patient:…`, `child:…`, `perpetrator:…`) and its slot. The same submission always gets
 * the same ids (so a retry is idempotent), and without the submission id — which is stored nowhere — ids on
 * different records cannot be linked to each other.
 */
export function recordId(submissionId: string, scope: string, slot: string): string {
  const hex = sha256Hex(`safe-enquiry/record-id/v1\n${submissionId}\n${scope}\n${slot}`);
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
