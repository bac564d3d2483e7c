import { describe, expect, it } from 'vitest';
import { createPseudonymizer } from '../../src/hooks/pseudonym.ts';

describe('createPseudonymizer (HMAC-SHA256, remembered per process)', () => {
  it('is stable per key, differs across keys and references, and never contains the reference', () => {
    const a = createPseudonymizer('key-a-0123456789abcdef');
    const b = createPseudonymizer('key-b-0123456789abcdef');
    const first = a('Patient/persona-samira');
    expect(a('Patient/persona-samira')).toBe(first);
    expect(createPseudonymizer('key-a-0123456789abcdef')('Patient/persona-samira')).toBe(first);
    expect(b('Patient/persona-samira')).not.toBe(first);
    expect(a('Patient/persona-tara')).not.toBe(first);
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first).not.toContain('samira');
  });

  it('gives the same answers after its memo fills up and is reset', () => {
    const p = createPseudonymizer('key-c-0123456789abcdef');
    const before = p('Practitioner/sandbox-gp');
    for (let i = 0; i < 10_001; i++) p(`Patient/p-${i}`);
    expect(p('Practitioner/sandbox-gp')).toBe(before);
  });
});
