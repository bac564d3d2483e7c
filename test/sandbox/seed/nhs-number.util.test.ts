import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, syntheticNhsNumber } from '../../../src/sandbox/seed/index.ts';
import { nhsCheckDigit } from '../../../src/sandbox/seed/nhs-number.util.ts';

describe('NHS number modulus 11', () => {
  it.each([
    ['9434765919', true],
    ['9434765918', false],
    ['943476591', false],
    ['94347659190', false],
    ['943476591x', false],
  ])('isValidNhsNumber(%s) = %s', (value, valid) => {
    expect(isValidNhsNumber(value)).toBe(valid);
  });

  it('computes the check digit, 11 becoming 0 and 10 meaning invalid', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('999000005')).toBe(0);
    expect(nhsCheckDigit('999000000')).toBeUndefined();
    expect(syntheticNhsNumber(0)).toBe('9990000018');
    expect(nhsCheckDigit('12345678')).toBeUndefined();
  });

  it('gives a valid number in the 999 test range for every serial, the same each time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (serial) => {
        const value = syntheticNhsNumber(serial);
        expect(value).toMatch(/^999\d{7}$/);
        expect(isValidNhsNumber(value)).toBe(true);
        expect(syntheticNhsNumber(serial)).toBe(value);
      }),
    );
  });

  it('never gives two serials the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), (a, b) => {
        fc.pre(a !== b);
        expect(syntheticNhsNumber(a)).not.toBe(syntheticNhsNumber(b));
      }),
    );
  });

  it('detects every single-digit error of a synthetic number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.nat(9),
        fc.integer({ min: 1, max: 9 }),
        (s, pos, add) => {
          const value = syntheticNhsNumber(s);
          const changed = `${value.slice(0, pos)}${(Number(value.charAt(pos)) + add) % 10}${value.slice(pos + 1)}`;
          expect(isValidNhsNumber(changed)).toBe(false);
        },
      ),
    );
  });

  it('rejects serials out of range', () => {
    expect(() => syntheticNhsNumber(-1)).toThrow(RangeError);
    expect(() => syntheticNhsNumber(100_000)).toThrow(RangeError);
    expect(() => syntheticNhsNumber(1.5)).toThrow(RangeError);
  });
});
