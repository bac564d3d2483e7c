import type { Bundle, Patient, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { mapFormToBundle } from '../../../src/recording/index.ts';
import {
  APP_DEVICE_REFERENCE,
  buildSeedBundles,
  isValidNhsNumber,
  seedSandbox,
} from '../../../src/sandbox/seed/index.ts';
import { keyOf, referencesIn, resourcesOf, validationErrors } from './seed-test.helper.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const BUNDLES = buildSeedBundles(NOW);
const RESOURCES = BUNDLES.flatMap(resourcesOf);
const PATIENTS = RESOURCES.filter((r): r is Patient => r.resourceType === 'Patient');
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

function datesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(datesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && key !== 'reference') return [v];
    return datesIn(v);
  });
}

describe('seed bundles', () => {
  it('holds at least 30 patients, among them the five Crossing Pathways personas', () => {
    expect(PATIENTS.length).toBeGreaterThanOrEqual(30);
    const ids = PATIENTS.map((p) => p.id);
    for (const persona of ['samira', 'tara', 'kate', 'emily', 'mary'])
      expect(ids).toContain(`persona-${persona}`);
  });

  it('holds the sandbox practitioners, their roles and the organisations', () => {
    const keys = RESOURCES.map(keyOf);
    for (const user of [
      'sandbox-gp',
      'sandbox-mh-clinician',
      'sandbox-safeguarding-lead',
      'sandbox-data-lead',
    ]) {
      expect(keys).toContain(`Practitioner/${user}`);
      expect(keys).toContain(`PractitionerRole/${user}-role`);
    }
    expect(keys).toContain('Organization/sandbox-practice');
    expect(keys).toContain('Organization/sandbox-mh-trust');
  });

  it('registers the recording app as the Device that Provenance names', () => {
    const device = RESOURCES.find((r) => keyOf(r) === APP_DEVICE_REFERENCE);
    expect(device).toEqual({
      resourceType: 'Device',
      id: 'safe-enquiry-app',
      status: 'active',
      deviceName: [{ name: 'Safe Enquiry recording app', type: 'user-friendly-name' }],
      version: [{ value: '0.1.0' }],
    });
    expect(BUNDLES[0]?.entry?.map((e) => e.resource && keyOf(e.resource))).toContain(APP_DEVICE_REFERENCE);
    const recorded = mapFormToBundle(
      { enquiry: { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now' } },
      {
        submissionId: 'seed-device-test',
        patientId: 'persona-emily',
        authorRef: 'Practitioner/sandbox-mh-clinician',
        appDevice: APP_DEVICE_REFERENCE,
        now: NOW,
      },
    );
    const agents = resourcesOf(recorded).flatMap((r) => (r.resourceType === 'Provenance' ? r.agent : []));
    const seeded = new Set(RESOURCES.map(keyOf));
    expect(agents.map((a) => a.who.reference)).toEqual([
      'Practitioner/sandbox-mh-clinician',
      APP_DEVICE_REFERENCE,
    ]);
    expect(agents.every((a) => seeded.has(a.who.reference ?? ''))).toBe(true);
  });

  it('is made of transaction Bundles of PUTs with client-assigned ids, of a sensible size', () => {
    for (const bundle of BUNDLES) {
      expect(bundle.type).toBe('transaction');
      expect(bundle.entry?.length ?? 0).toBeGreaterThan(0);
      expect(bundle.entry?.length ?? 0).toBeLessThanOrEqual(100);
      for (const entry of bundle.entry ?? []) {
        expect(entry.request?.method).toBe('PUT');
        expect(entry.request?.url).toBe(keyOf(entry.resource as Resource));
      }
    }
  });

  it('gives every resource a unique, readable FHIR id', () => {
    const keys = RESOURCES.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of RESOURCES) expect(r.id).toMatch(/^[a-z0-9-]{1,64}$/);
  });

  it('writes only valid FHIR R4 resources', () => {
    const problems = RESOURCES.flatMap((r) =>
      validationErrors(r).map(
        (i) => `${keyOf(r)}: ${i.details?.text ?? ''} ${(i.expression ?? []).join(',')}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('resolves every reference within the seed', () => {
    const keys = new Set(RESOURCES.map(keyOf));
    const dangling = RESOURCES.flatMap((r) =>
      referencesIn(r)
        .filter((ref) => !keys.has(ref))
        .map((ref) => `${keyOf(r)} → ${ref}`),
    );
    expect(dangling).toEqual([]);
  });

  it('gives every patient a valid, unique NHS number from the 999 test range', () => {
    const numbers = PATIENTS.map((p) => p.identifier?.find((i) => i.system === NHS)?.value ?? '');
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('dates nothing after now', () => {
    const late = RESOURCES.flatMap((r) =>
      datesIn(r)
        .filter((d) => Date.parse(d) > NOW.getTime())
        .map((d) => `${keyOf(r)} ${d}`),
    );
    expect(late).toEqual([]);
    for (const p of PATIENTS) expect(Date.parse(p.birthDate ?? '')).toBeLessThan(NOW.getTime());
  });
});

describe('seed determinism', () => {
  it('builds the same Bundles for the same now', () => {
    expect(buildSeedBundles(new Date(NOW.getTime()))).toEqual(BUNDLES);
  });

  it('keeps ids stable whatever now is, moving only the dates', () => {
    const later = buildSeedBundles(new Date('2031-02-28T23:59:59.999Z'));
    expect(later.flatMap(resourcesOf).map(keyOf)).toEqual(RESOURCES.map(keyOf));
    expect(later).not.toEqual(BUNDLES);
  });

  it('loads every Bundle in order through seedSandbox and counts what it loaded', async () => {
    const loaded: Bundle[] = [];
    const result = await seedSandbox(async (bundle) => {
      loaded.push(bundle);
    }, NOW);
    expect(loaded).toEqual(BUNDLES);
    expect(loaded[0]?.id).toBe('seed-directory');
    expect(result).toEqual({ patients: PATIENTS.length, resources: RESOURCES.length });
  });

  it('stops at the first Bundle that fails to load', async () => {
    let calls = 0;
    const failing = seedSandbox(async () => {
      calls++;
      if (calls === 2) throw new Error('load failed');
    }, NOW);
    await expect(failing).rejects.toThrow('load failed');
    expect(calls).toBe(2);
  });
});
