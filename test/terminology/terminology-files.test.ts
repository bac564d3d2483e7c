import fs from 'node:fs';
import path from 'node:path';
import type { CodeSystem, ConceptMap, ValueSet } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, ICD10, SNOMED } from '../../src/shared/index.ts';
import {
  indexResources,
  isEmisLocalSctid,
  isValidSctid,
  LOCAL_SYSTEM,
  MEASURE_VALUE_SET_IDS,
  TERMINOLOGY_JSON,
  VALUE_SET_IDS,
} from '../../src/terminology/index.ts';
import { validateR4 } from '../recording/fhir-validation.helper.ts';

const DIR = path.resolve(import.meta.dirname, '../../terminology');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const RESOURCES = FILES.map((file) => ({
  file,
  resource: JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as ValueSet | CodeSystem | ConceptMap,
}));
const VALUE_SETS = RESOURCES.flatMap(({ resource }) =>
  resource.resourceType === 'ValueSet' ? [resource] : [],
);

/** CONTRACT: shared/docs/dataset.md "Measures" — the codes each measure ValueSet must hold, exactly. */
const DATASET_CODES: Record<string, readonly string[]> = {
  'enquiry-asked': ['700410005'],
  'enquiry-declined': ['700411009'],
  'enquiry-not-made': ['887331000000105', '699231000', '700410005'],
  disclosure: [
    '879911000000102',
    '205171000000107',
    '706893006',
    '1087071000000109',
    '697950003',
    '429746005',
    '412732008',
    '850441000000102',
    '720684005',
    '720595008',
    '720025009',
    '225827005',
    '720411002',
    '720741001',
    '720428004',
  ],
  'risk-assessment': ['886201000000108', '886191000000106', '886231000000102'],
  'risk-high': ['759481000000100'],
  'marac-referral': ['978091000000105'],
  'idva-referral': ['431719007'],
  'da-service-referral': ['758599003', '784861000000102'],
  'alleged-perpetrator': [
    '206411000000103',
    '205181000000109',
    '206381000000100',
    '206391000000103',
    '206401000000100',
  ],
  'child-in-household': ['881081000000100', '983731000000107', '895141000000105'],
  'self-harm': ['248062006', '276853009', '271982007', '82313006', '735642007'],
};
const SELF_HARM_ICD10 = Array.from({ length: 25 }, (_, i) => `X${60 + i}`);

function includedCodes(vs: ValueSet, system: string): string[] {
  return (vs.compose?.include ?? [])
    .filter((inc) => inc.system === system)
    .flatMap((inc) => (inc.concept ?? []).map((c) => c.code));
}

describe('terminology/ files', () => {
  it.each(RESOURCES)('$file is valid FHIR R4', ({ resource }) => {
    expect(validateR4(resource)).toEqual([]);
  });

  it.each(RESOURCES)('$file: id, file name and canonical url agree', ({ file, resource }) => {
    expect(file).toBe(`${resource.resourceType}-${resource.id}.json`);
    expect(resource.url).toBe(canonicalUrl(resource.resourceType, resource.id ?? ''));
  });

  it.each(RESOURCES)('$file says where its codes come from', ({ resource }) => {
    expect(resource.description ?? '').toMatch(
      /VERIFIED|LOCAL|Local|local|terminology\.md|Source|definitions/,
    );
  });

  it('ids and urls are unique', () => {
    const urls = RESOURCES.map(({ resource }) => resource.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('the static import list covers every file', () => {
    const imported = TERMINOLOGY_JSON.map((r) => {
      const typed = r as { resourceType: string; id: string };
      return `${typed.resourceType}-${typed.id}.json`;
    });
    expect(imported.sort()).toEqual([...FILES].sort());
    expect(() => indexResources(TERMINOLOGY_JSON)).not.toThrow();
  });

  it('every ValueSet id constant has its file', () => {
    const ids = new Set(VALUE_SETS.map((vs) => vs.id));
    for (const id of Object.values(VALUE_SET_IDS)) expect(ids, id).toContain(id);
    expect(ids).not.toContain('indicator-cns-symptoms');
  });

  it.each(MEASURE_VALUE_SET_IDS)('measure %s holds exactly the dataset.md codes', (id) => {
    const vs = VALUE_SETS.find((v) => v.id === id);
    expect(vs).toBeDefined();
    if (!vs) return;
    expect(includedCodes(vs, SNOMED).sort()).toEqual([...(DATASET_CODES[id] ?? [])].sort());
    expect(includedCodes(vs, ICD10)).toEqual(id === 'self-harm' ? SELF_HARM_ICD10 : []);
  });
});

describe('codes in terminology/', () => {
  const snomedCodes = VALUE_SETS.flatMap((vs) =>
    includedCodes(vs, SNOMED).map((code) => ({ id: vs.id, code })),
  );

  it('has SNOMED codes to check', () => {
    expect(snomedCodes.length).toBeGreaterThan(80);
  });

  it.each(snomedCodes)('$id: SNOMED $code is a valid SCTID outside the EMIS-local namespace', ({ code }) => {
    expect(isValidSctid(code)).toBe(true);
    expect(isEmisLocalSctid(code)).toBe(false);
  });

  it.each(VALUE_SETS)('ValueSet $id has no duplicate system|code and only known systems', (vs) => {
    const keys = (vs.compose?.include ?? []).flatMap((inc) =>
      (inc.concept ?? []).map((c) => `${inc.system}|${c.code}`),
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const inc of vs.compose?.include ?? []) expect(inc.system ?? '').toMatch(/^(http|https):\/\//);
  });

  it('ICD-10 codes are WHO ICD-10 categories or subcodes, not ICD-10-CM', () => {
    for (const vs of VALUE_SETS) {
      for (const code of includedCodes(vs, ICD10)) expect(code).toMatch(/^[A-Z]\d\d(\.\d)?$/);
    }
  });

  it('every local concept included by a ValueSet exists in the local CodeSystem with its display', () => {
    const local = RESOURCES.find(({ resource }) => resource.url === LOCAL_SYSTEM)?.resource as CodeSystem;
    const byCode = new Map((local.concept ?? []).map((c) => [c.code, c.display]));
    for (const vs of VALUE_SETS) {
      for (const inc of vs.compose?.include ?? []) {
        if (inc.system !== LOCAL_SYSTEM) continue;
        for (const c of inc.concept ?? []) expect(byCode.get(c.code), c.code).toBe(c.display);
      }
    }
  });

  it('the local CodeSystem is unique by code and says why each concept is local', () => {
    const local = RESOURCES.find(({ resource }) => resource.url === LOCAL_SYSTEM)?.resource as CodeSystem;
    const codes = (local.concept ?? []).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(local.count).toBe(codes.length);
    expect(local.description).toMatch(/^LOCAL/);
    for (const c of local.concept ?? []) {
      expect(c.display, c.code).toBeTruthy();
      expect(c.definition ?? '', c.code).toMatch(/[Ll]ocal/);
    }
  });
});
