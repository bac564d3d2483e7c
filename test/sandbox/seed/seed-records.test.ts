import type { Coding, Patient, RelatedPerson, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { buildSeedBundles } from '../../../src/sandbox/seed/index.ts';
import { isNotForPatient, isRestricted } from '../../../src/shared/index.ts';
import { LOCAL_SYSTEM, terminology, VALUE_SET_IDS } from '../../../src/terminology/index.ts';
import { keyOf, referencesIn, resourcesOf, validationErrors } from './seed-test.helper.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const BUNDLES = buildSeedBundles(NOW);
const RESOURCES = BUNDLES.flatMap(resourcesOf);
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

/** ValueSets whose codes are DVA information wherever they appear (terminology/). */
const DVA_VALUE_SETS = [
  VALUE_SET_IDS.enquiryAny,
  VALUE_SET_IDS.disclosure,
  VALUE_SET_IDS.allegedPerpetrator,
  VALUE_SET_IDS.safeguardingHousehold,
  VALUE_SET_IDS.riskAssessment,
  VALUE_SET_IDS.riskHigh,
  VALUE_SET_IDS.maracReferral,
  VALUE_SET_IDS.idvaReferral,
];

function codingsOf(value: unknown): Coding[] {
  if (Array.isArray(value)) return value.flatMap(codingsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'coding' && Array.isArray(v) ? v : codingsOf(v),
  );
}

function clinicalCodings(r: Resource): Coding[] {
  const { meta: _meta, ...rest } = r;
  return codingsOf(rest);
}

function isDvaRecord(r: Resource): boolean {
  const codings = clinicalCodings(r);
  return (
    codings.some((c) => c.system === LOCAL_SYSTEM) ||
    DVA_VALUE_SETS.some((vs) => terminology.containsAny(vs, codings))
  );
}

function patientBundle(id: string): Resource[] {
  return resourcesOf(
    BUNDLES.find((b) => b.id === `seed-${id}`) ?? { resourceType: 'Bundle', type: 'transaction' },
  );
}

function nhsNumberOf(id: string): string | undefined {
  const patient = RESOURCES.find((r): r is Patient => r.resourceType === 'Patient' && r.id === id);
  return patient?.identifier?.find((i) => i.system === NHS)?.value;
}

describe('DVA records on file', () => {
  it('carry R, SDV and NOPAT exactly as the recording library writes them', () => {
    const dva = RESOURCES.filter(isDvaRecord);
    expect(dva.length).toBeGreaterThan(20);
    const unlabelled = dva.filter((r) => !(isRestricted(r) && isNotForPatient(r))).map(keyOf);
    expect(unlabelled).toEqual([]);
    for (const r of dva) expect((r.meta?.security ?? []).map((c) => c.code)).toEqual(['R', 'SDV', 'NOPAT']);
  });

  it('label the consultation a DVA record was made in', () => {
    const encounters = new Set(RESOURCES.filter(isDvaRecord).flatMap((r) => referencesIn(r)));
    const consultations = RESOURCES.filter((r) => r.resourceType === 'Encounter' && encounters.has(keyOf(r)));
    expect(consultations.length).toBeGreaterThan(5);
    for (const e of consultations) expect(isNotForPatient(e) && isRestricted(e)).toBe(true);
  });

  it('leave ordinary records unlabelled (self-harm and indicators are not DVA information)', () => {
    const kate = patientBundle('persona-kate');
    expect(kate.length).toBeGreaterThan(20);
    expect(kate.filter((r) => r.meta?.security !== undefined)).toEqual([]);
  });

  it('keep DVA entries on Samira’s record, so that her online access has something to hide', () => {
    const hidden = patientBundle('persona-samira').filter(isNotForPatient);
    expect(hidden.map((r) => r.resourceType)).toEqual(
      expect.arrayContaining(['Condition', 'Flag', 'Procedure']),
    );
  });
});

describe('families', () => {
  it('link each child to a registered parent by a RelatedPerson carrying the parent’s NHS number', () => {
    const links = RESOURCES.filter((r): r is RelatedPerson => r.resourceType === 'RelatedPerson');
    expect(links.map((l) => l.patient.reference).sort()).toEqual(
      ['seed-001', 'seed-002', 'seed-004', 'seed-005', 'seed-006', 'seed-007'].map((id) => `Patient/${id}`),
    );
    const mothers = new Map([
      ['seed-001', 'persona-samira'],
      ['seed-004', 'persona-kate'],
      ['seed-007', 'persona-emily'],
    ]);
    for (const [child, mother] of mothers) {
      const link = links.find((l) => l.patient.reference === `Patient/${child}`);
      expect(link?.relationship?.[0]?.coding?.[0]).toMatchObject({ code: 'MTH' });
      expect(link?.identifier?.[0]?.value).toBe(nhsNumberOf(mother));
      expect(link?.address).toBeUndefined();
    }
  });

  it('never use Patient.link (it is for duplicate records)', () => {
    expect(RESOURCES.filter((r) => r.resourceType === 'Patient' && 'link' in r)).toEqual([]);
  });

  it('record the suspected perpetrator on his own record only, restricted', () => {
    const own = patientBundle('seed-003').filter((r) =>
      terminology.containsAny(VALUE_SET_IDS.allegedPerpetrator, clinicalCodings(r)),
    );
    expect(own.map((r) => r.resourceType).sort()).toEqual(['Condition', 'Flag']);
    for (const r of own) expect(isRestricted(r) && isNotForPatient(r)).toBe(true);
    const samira = JSON.stringify(patientBundle('persona-samira'));
    expect(samira).not.toContain('seed-003');
    expect(samira).not.toContain('Imran');
    expect(samira).not.toContain(nhsNumberOf('seed-003') ?? 'missing');
  });
});

describe('demographics', () => {
  it('give every patient a UK Core ethnic category, a gender, a date of birth and a fictional address', () => {
    for (const p of RESOURCES.filter((r): r is Patient => r.resourceType === 'Patient')) {
      const ethnic = p.extension?.find((e) => e.url.endsWith('Extension-UKCore-EthnicCategory'));
      expect(ethnic?.valueCodeableConcept?.coding?.[0]?.code).toMatch(/^[A-HJ-NPRSZ]$/);
      expect(p.gender).toBeDefined();
      expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.address?.[0]?.district).toBe('Wessex');
    }
  });

  it('has a validator that does reject an invalid resource', () => {
    expect(validationErrors({ resourceType: 'Condition' } as Resource).length).toBeGreaterThan(0);
  });
});
