import { describe, expect, it } from 'vitest';
import { buildClinicalRecord, codeMatcherFor } from '../../../src/hooks/rules/index.ts';
import { terminology } from '../../../src/terminology/index.ts';
import { CODES, condition, encounter, observation, PATIENT_ID, patient } from '../fhir-builders.ts';
import { NOW } from '../rule-harness.ts';

const classify = codeMatcherFor(terminology).valueSetsOf;
const build = (resources: readonly unknown[]) =>
  buildClinicalRecord({
    patientId: PATIENT_ID,
    patient: patient('1990-04-02'),
    resources,
    now: NOW,
    classify,
  });
const otherPatient = { subject: { reference: 'Patient/someone-else' } };
const filler = { system: 'urn:test:filler', code: 'not-an-indicator' };

describe('buildClinicalRecord (classifies first, re-checks what a rule would read)', () => {
  it('keeps coded indicators and every encounter, and skips entries in no rule ValueSet', () => {
    const harm = condition(CODES.selfInflictedInjury, '2026-01-05');
    const record = build([harm, condition(filler, '2026-01-06'), encounter('2026-02-01T10:00:00Z')]);
    expect(record.facts.map((f) => f.ref)).toEqual([`Condition/${harm.id}`]);
    expect(record.encounters).toHaveLength(1);
    expect(record.dropped).toBe(0);
  });

  it("drops another patient's indicator and encounter (counted), ignores their uncoded entries (not counted)", () => {
    const record = build([
      condition(CODES.selfInflictedInjury, '2026-01-05', otherPatient),
      encounter('2026-02-01T10:00:00Z', otherPatient),
      condition(filler, '2026-01-06', otherPatient),
    ]);
    expect(record.facts).toEqual([]);
    expect(record.encounters).toEqual([]);
    expect(record.dropped).toBe(2);
  });

  it('counts an entry once when two prefetch keys both carry it', () => {
    const harm = condition(CODES.selfInflictedInjury, '2026-01-05');
    const seen = encounter('2026-02-01T10:00:00Z');
    const record = build([harm, seen, harm, seen]);
    expect(record.facts).toHaveLength(1);
    expect(record.encounters).toHaveLength(1);
  });

  it('applies the status re-checks only to entries a rule reads', () => {
    const record = build([
      condition(CODES.selfInflictedInjury, '2026-01-05', {
        verificationStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }],
        },
      }),
      observation(CODES.victimOfDomesticAbuse, '2025-03-01', { status: 'entered-in-error' }),
      observation(filler, '2025-03-01', { status: 'entered-in-error' }),
    ]);
    expect(record.facts).toEqual([]);
    expect(record.dropped).toBe(2);
  });

  it('dates facts and encounters exactly as before (fast and general date paths)', () => {
    const harm = condition(CODES.selfInflictedInjury, '2026-01-05T09:30:00+01:00');
    const visit = encounter('2026-02-01T10:00:00.500Z');
    const record = build([harm, visit]);
    expect(record.facts[0]?.at).toBe(Date.UTC(2026, 0, 5, 8, 30));
    expect(record.encounters[0]?.at).toBe(Date.UTC(2026, 1, 1, 10, 0, 0, 500));
  });
});
