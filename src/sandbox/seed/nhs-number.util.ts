/**
 * NHS numbers: ten digits, the last a modulus 11 check digit (NHS Data Dictionary, "NHS NUMBER"). Synthetic numbers
 * are taken from the 999 range, which NHS England reserves for testing and never issues to a person.
 */

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** The check digit of nine digits, or undefined when the remainder makes the number invalid (check 10). */
export function nhsCheckDigit(nineDigits: string): number | undefined {
  if (!/^\d{9}$/.test(nineDigits)) return undefined;
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(nineDigits.charAt(i)) * weight;
  });
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** True when the value is ten digits whose last digit is the modulus 11 check digit of the first nine. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value.charAt(9));
}

/**
 * A valid synthetic NHS number in the 999 test range for a serial (0–99 999): the first valid number among
 * `999 {serial}{0–9}`, so that different serials never collide and a serial always gives the same number.
 */
export function syntheticNhsNumber(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999) {
    throw new RangeError('serial must be an integer from 0 to 99999');
  }
  for (let k = 0; k < 10; k++) {
    const nine = `999${String(serial * 10 + k).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
  throw new RangeError('no valid NHS number for this serial');
}
