/**
 * Checks on code shapes: SNOMED CT identifiers (Verhoeff check digit, partition, namespace) and ICD-10 normalisation.
 * SNOMED CT Technical Implementation Guide, "SCTID" and "Check-digit computation":
 * https://confluence.ihtsdotools.org/display/DOCRELFMT/6.1+SCTID+Data+Type
 */

const DIHEDRAL: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/** Verhoeff permutation table: row 1 is the base permutation, row i applies it i times. */
const PERMUTATION: readonly (readonly number[])[] = buildPermutations();

function buildPermutations(): number[][] {
  const base = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
  const rows: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
  for (let i = 1; i < 8; i++) {
    const previous = rows[i - 1] ?? [];
    rows.push(base.map((b) => previous[b] ?? 0));
  }
  return rows;
}

/** True when the digit string passes the Verhoeff dihedral check (the check digit is the last digit). */
export function passesVerhoeff(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let check = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const permuted = PERMUTATION[i % 8]?.[digit] ?? 0;
    check = DIHEDRAL[check]?.[permuted] ?? 0;
  }
  return check === 0;
}

/** Partition identifiers of SCTIDs: 0x = short format (International), 1x = long format (with a namespace). */
const PARTITIONS = new Set(['00', '01', '02', '10', '11', '12']);

/**
 * True when the string is a well-formed SCTID: 6–18 digits, no leading zero, a known partition, a valid check digit,
 * and — for the long format (partition 1x) — room for the 7-digit namespace and an item id (11 digits or more).
 */
export function isValidSctid(value: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(value)) return false;
  const partition = value.slice(-3, -1);
  if (partition.startsWith('1') && value.length < 11) return false;
  return PARTITIONS.has(partition) && passesVerhoeff(value);
}

/** The namespace of a long-format SCTID (7 digits before the partition), or undefined for a short-format one. */
export function sctidNamespace(value: string): string | undefined {
  if (value.length < 11 || value.charAt(value.length - 3) !== '1') return undefined;
  return value.slice(-10, -3);
}

/**
 * EMIS-local SNOMED-shaped ids live in namespace 1000006 (the 7 digits before the partition); they are not in the
 * UK release and must never be emitted or extracted as SNOMED CT (shared/research/terminology.md §1).
 */
export const EMIS_LOCAL_NAMESPACE = '1000006';

/** True when the SCTID is in the EMIS-local namespace. */
export function isEmisLocalSctid(value: string): boolean {
  return sctidNamespace(value) === EMIS_LOCAL_NAMESPACE;
}

/** ICD-10 code without the dot, upper case: `x60.2` → `X602`. */
export function normaliseIcd10(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}
