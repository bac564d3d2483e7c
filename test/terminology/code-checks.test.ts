import { describe, expect, it } from 'vitest';
import {
  isEmisLocalSctid,
  isValidSctid,
  normaliseIcd10,
  passesVerhoeff,
  sctidNamespace,
} from '../../src/terminology/index.ts';

describe('SCTID checks', () => {
  it.each([
    ['2363', true],
    ['2364', false],
    ['138875005', true],
    ['138875006', false],
    ['abc', false],
    ['', false],
  ])('Verhoeff(%s) → %s', (value, expected) => {
    expect(passesVerhoeff(value)).toBe(expected);
  });

  it.each([
    ['138875005', true],
    ['404684003', true],
    ['879911000000102', true],
    ['1871751000006106', true],
    ['12345', false],
    ['0138875005', false],
    ['138875035', false],
    ['960106', false],
    ['1234567890123456789', false],
  ])('isValidSctid(%s) → %s', (value, expected) => {
    expect(isValidSctid(value)).toBe(expected);
  });

  it.each([
    ['1871751000006106', true],
    ['1626311000006106', true],
    ['879911000000102', false],
    ['138875005', false],
  ])('isEmisLocalSctid(%s) → %s', (value, expected) => {
    expect(isEmisLocalSctid(value)).toBe(expected);
  });

  it('reads the namespace of long-format ids only', () => {
    expect(sctidNamespace('879911000000102')).toBe('1000000');
    expect(sctidNamespace('138875005')).toBeUndefined();
  });
});

describe('normaliseIcd10', () => {
  it.each([
    ['X60.2', 'X602'],
    ['x60', 'X60'],
    [' Y07.0 ', 'Y070'],
  ])('%s → %s', (code, expected) => {
    expect(normaliseIcd10(code)).toBe(expected);
  });
});
