import type { CodeSystem, ConceptMap, ValueSet } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, ICD10, OperationOutcomeError, SNOMED } from '../../src/shared/index.ts';
import {
  CDS_OVERRIDE_REASON_CODES,
  createTerminology,
  ENQUIRY_NOT_MADE_REASON_CODES,
  LOCAL_ABUSE_TYPE_CODES,
  LOCAL_CODES,
  LOCAL_SYSTEM,
  PRACTICE_SETTING_SYSTEM,
  terminology,
} from '../../src/terminology/index.ts';

describe('terminology.contains', () => {
  it.each([
    ['enquiry-asked', SNOMED, '700410005', true],
    ['enquiry-asked', SNOMED, '700411009', false],
    ['enquiry-asked', 'http://example.org/other', '700410005', false],
    ['self-harm', ICD10, 'X60', true],
    ['self-harm', ICD10, 'X60.2', true],
    ['self-harm', ICD10, 'X602', true],
    ['self-harm', ICD10, 'x84.9', true],
    ['self-harm', ICD10, 'X85', false],
    ['self-harm', ICD10, 'X5', false],
    ['self-harm', ICD10, 'Y87.0', false],
    ['self-harm', SNOMED, 'X60', false],
    ['indicator-assault', ICD10, 'Y07.0', true],
    ['indicator-repeated-overdose', SNOMED, '390867000', true],
    ['enquiry-any', SNOMED, '887331000000105', true],
    ['cds-override-reason', LOCAL_SYSTEM, 'override-not-alone', true],
    ['cds-override-reason', LOCAL_SYSTEM, 'not-asked-not-alone', false],
    ['safe-enquiry-local', LOCAL_SYSTEM, 'safety-plan', true],
    ['safe-enquiry-local', LOCAL_SYSTEM, 'no-such-code', false],
  ] as const)('%s contains %s|%s → %s', (vs, system, code, expected) => {
    expect(terminology.contains(vs, { system, code })).toBe(expected);
  });

  it('is false for a coding without system or code', () => {
    expect(terminology.contains('enquiry-asked', { code: '700410005' })).toBe(false);
    expect(terminology.contains('enquiry-asked', { system: SNOMED })).toBe(false);
  });

  it('throws a stable error for an unknown ValueSet', () => {
    expect(() => terminology.contains('no-such-vs', { system: SNOMED, code: '700410005' })).toThrow(
      OperationOutcomeError,
    );
  });

  it('containsAny checks every coding and accepts undefined', () => {
    const codings = [
      { system: 'http://example.org', code: '1' },
      { system: SNOMED, code: '879911000000102' },
    ];
    expect(terminology.containsAny('disclosure', codings)).toBe(true);
    expect(terminology.containsAny('disclosure', codings.slice(0, 1))).toBe(false);
    expect(terminology.containsAny('disclosure', undefined)).toBe(false);
  });
});

describe('terminology.concepts and lookup', () => {
  it('expands explicit concepts with displays, in order', () => {
    expect(terminology.concepts('enquiry-not-made')).toEqual([
      { system: SNOMED, code: '887331000000105', display: 'Routine enquiry about domestic abuse not made' },
      { system: SNOMED, code: '699231000', display: 'Domestic abuse not discussed' },
      { system: SNOMED, code: '700410005', display: 'Routine enquiry about domestic abuse' },
    ]);
  });

  it('expands a whole local CodeSystem', () => {
    const codes = terminology.concepts('care-setting').map((c) => c.code);
    expect(codes).toEqual(['general-practice', 'mental-health', 'other']);
  });

  it('looks up displays from CodeSystems and from ValueSet concepts', () => {
    expect(terminology.lookup(LOCAL_SYSTEM, 'safety-plan')?.display).toBe('DVA safety plan');
    expect(terminology.lookup(SNOMED, '390867000')?.display).toBe('H/O: repeated overdose');
    expect(terminology.lookup(ICD10, 'X60')).toEqual({ system: ICD10, code: 'X60' });
    expect(terminology.lookup(SNOMED, '1')).toBeUndefined();
  });

  it.each([
    ...CDS_OVERRIDE_REASON_CODES,
    ...ENQUIRY_NOT_MADE_REASON_CODES,
    ...LOCAL_ABUSE_TYPE_CODES,
    ...Object.values(LOCAL_CODES),
  ])('local code %s exists in the local CodeSystem', (code) => {
    expect(terminology.lookup(LOCAL_SYSTEM, code)?.display).toBeTruthy();
  });

  it('override and not-asked reason ValueSets match the code constants', () => {
    expect(terminology.concepts('cds-override-reason').map((c) => c.code)).toEqual([
      ...CDS_OVERRIDE_REASON_CODES,
    ]);
    expect(terminology.concepts('enquiry-not-made-reason').map((c) => c.code)).toEqual([
      ...ENQUIRY_NOT_MADE_REASON_CODES,
    ]);
  });
});

describe('terminology.careSetting', () => {
  it.each([
    ['600', 'general-practice'],
    ['710', 'mental-health'],
    ['711', 'mental-health'],
    ['712', 'mental-health'],
    ['713', 'mental-health'],
    ['715', 'mental-health'],
    ['601', 'other'],
    ['999', 'other'],
  ] as const)('%s → %s', (code, expected) => {
    expect(terminology.careSetting({ system: PRACTICE_SETTING_SYSTEM, code })).toBe(expected);
  });

  it('is undefined for other systems and for a missing code', () => {
    expect(terminology.careSetting({ system: SNOMED, code: '600' })).toBeUndefined();
    expect(terminology.careSetting({ system: PRACTICE_SETTING_SYSTEM })).toBeUndefined();
    expect(terminology.careSetting({ code: '600' })).toBeUndefined();
  });
});

describe('createTerminology over custom resources', () => {
  const cs: CodeSystem = {
    resourceType: 'CodeSystem',
    id: 'x',
    url: canonicalUrl('CodeSystem', 'x'),
    status: 'draft',
    content: 'complete',
    concept: [{ code: 'a', display: 'A', concept: [{ code: 'a1', display: 'A1' }] }],
  };
  const nested: ValueSet = {
    resourceType: 'ValueSet',
    id: 'inner',
    url: canonicalUrl('ValueSet', 'inner'),
    status: 'draft',
    compose: { include: [{ system: ICD10, concept: [{ code: 'T74.1' }] }] },
  };
  const outer: ValueSet = {
    resourceType: 'ValueSet',
    id: 'outer',
    url: canonicalUrl('ValueSet', 'outer'),
    status: 'draft',
    compose: {
      include: [
        { valueSet: [canonicalUrl('ValueSet', 'inner')] },
        { system: cs.url ?? '' },
        { system: 'http://loinc.org' },
      ],
      exclude: [{ system: cs.url ?? '', concept: [{ code: 'a' }] }],
    },
  };
  const provided: ConceptMap = {
    resourceType: 'ConceptMap',
    id: 'care-setting',
    status: 'draft',
    group: [{ source: 'urn:s', element: [{ code: 'z', target: [] }], unmapped: { mode: 'provided' } }],
  };
  const t = createTerminology([cs, nested, outer, provided]);

  it('follows nested ValueSets, hierarchies, excludes and whole external systems', () => {
    expect(t.contains('outer', { system: ICD10, code: 'T741' })).toBe(true);
    expect(t.contains('outer', { system: ICD10, code: 'T74' })).toBe(false);
    expect(t.contains('outer', { system: cs.url, code: 'a1' })).toBe(true);
    expect(t.contains('outer', { system: cs.url, code: 'a' })).toBe(false);
    expect(t.contains('outer', { system: 'http://loinc.org', code: 'anything' })).toBe(true);
    expect(t.concepts('outer').map((c) => c.code)).toEqual(['T74.1', 'a1']);
  });

  it('maps with unmapped mode provided, and an element with no target is unknown', () => {
    expect(t.careSetting({ system: 'urn:s', code: 'mental-health' })).toBe('mental-health');
    expect(t.careSetting({ system: 'urn:s', code: 'nonsense' })).toBeUndefined();
    expect(t.careSetting({ system: 'urn:s', code: 'z' })).toBeUndefined();
  });

  it('rejects a file that is not a terminology resource', () => {
    expect(() => createTerminology([{ resourceType: 'Patient', id: 'p' }])).toThrow(/terminology/);
    expect(() => createTerminology([{ ...outer, id: 'broken', url: 'urn:b' }])).toThrow(/inner/);
  });
});
