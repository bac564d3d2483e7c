import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstantFast } from '../../../src/hooks/rules/fhir-instant.parser.ts';
import { localDay, parseFhirDate } from '../../../src/hooks/rules/index.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** dateTimes in the fast shape, including out-of-range fields the fast path must hand back to Date.parse. */
const dateTime = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    millis: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.constant(''),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })),
    ),
  })
  .map((d) => {
    const zone = typeof d.zone === 'string' ? d.zone : `${d.zone[0]}${pad(d.zone[1])}:${pad(d.zone[2])}`;
    const millis = d.millis === undefined ? '' : `.${pad(d.millis, 3)}`;
    const zoneInRange = typeof d.zone === 'string' ? d.zone === 'Z' : d.zone[1] < 24 && d.zone[2] < 60;
    const inRange =
      d.year >= 1000 &&
      d.month >= 1 &&
      d.month <= 12 &&
      d.day >= 1 &&
      d.day <= 31 &&
      d.hour < 24 &&
      d.minute < 60 &&
      d.second < 60 &&
      zoneInRange;
    const text = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${millis}${zone}`;
    return { text, inRange };
  });

describe('parseInstantFast (the dateTime fast path)', () => {
  it('agrees with Date.parse whenever it answers, and answers for every in-range Z or offset time', () => {
    fc.assert(
      fc.property(dateTime, ({ text, inRange }) => {
        const fast = parseInstantFast(text);
        if (fast !== undefined) expect(fast).toBe(Date.parse(text));
        expect(fast !== undefined).toBe(inRange);
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['2025-03-01T09:30:00Z', Date.UTC(2025, 2, 1, 9, 30)],
    ['2025-03-01T09:30:00.250Z', Date.UTC(2025, 2, 1, 9, 30, 0, 250)],
    ['2025-03-01T09:30:00+01:00', Date.UTC(2025, 2, 1, 8, 30)],
    ['2025-03-01T09:30:00-05:30', Date.UTC(2025, 2, 1, 15, 0)],
  ])('%s', (text, expected) => {
    expect(parseInstantFast(text)).toBe(expected);
  });

  it.each([
    '2025-03-01',
    '2025-03-01T09:30Z',
    '2025-03-01T09:30:00',
    '2025-03-01T09:30:00.1Z',
    '2025-03-01T24:00:00Z',
    '0099-03-01T09:30:00Z',
    '2025-03-01T09:30:00Zjunk',
  ])('hands %s to the general parser', (text) => {
    expect(parseInstantFast(text)).toBeUndefined();
  });

  it('parseFhirDate still reads every FHIR precision', () => {
    expect(parseFhirDate('2025')).toBe(Date.UTC(2025, 0, 1));
    expect(parseFhirDate('2025-03')).toBe(Date.UTC(2025, 2, 1));
    expect(parseFhirDate('2025-03-01T09:30:00.1Z')).toBe(Date.UTC(2025, 2, 1, 9, 30, 0, 100));
    expect(parseFhirDate('2025-03-01T09:30:00Z')).toBe(Date.UTC(2025, 2, 1, 9, 30));
    expect(parseFhirDate('yesterday')).toBeUndefined();
  });
});

describe('localDay (remembers the last second per zone)', () => {
  it('two instants a second apart across local midnight fall on different days', () => {
    const midnight = Date.UTC(2025, 6, 1, 23, 0, 0);
    expect(localDay(midnight - 1_000, 'Europe/London')).toBe('2025-07-01');
    expect(localDay(midnight, 'Europe/London')).toBe('2025-07-02');
    expect(localDay(midnight - 1_000, 'Europe/London')).toBe('2025-07-01');
  });

  it('the same instant gives each zone its own day', () => {
    const at = Date.UTC(2025, 6, 1, 23, 30, 0);
    expect(localDay(at, 'UTC')).toBe('2025-07-01');
    expect(localDay(at, 'Europe/London')).toBe('2025-07-02');
    expect(localDay(at, 'UTC')).toBe('2025-07-01');
  });
});
