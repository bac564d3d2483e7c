import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordId } from '../../src/recording/index.ts';
import { sha256Hex } from '../../src/recording/sha256.ts';

describe('sha256Hex', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é😀 submission'])(
    'matches node:crypto for %j',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    },
  );

  it('matches node:crypto for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
      }),
    );
  });
});

describe('recordId', () => {
  it('is a version-8 UUID, stable for the same inputs and different across scopes and slots', () => {
    const id = recordId('sub-1', 'patient:p1', 'enquiry');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(recordId('sub-1', 'patient:p1', 'enquiry')).toBe(id);
    expect(recordId('sub-1', 'perpetrator:p2', 'enquiry')).not.toBe(id);
    expect(recordId('sub-1', 'patient:p1', 'flag')).not.toBe(id);
    expect(recordId('sub-2', 'patient:p1', 'enquiry')).not.toBe(id);
  });

  it('does not contain the submission id', () => {
    expect(recordId('abcdef12', 'patient:p1', 'enquiry')).not.toContain('abcdef12');
  });
});
