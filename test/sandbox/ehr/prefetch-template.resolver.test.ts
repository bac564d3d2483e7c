import { describe, expect, it } from 'vitest';
import { addToDate, resolvePrefetchTemplate } from '../../../src/sandbox/ehr/prefetch-template.resolver.ts';

const TODAY = new Date('2026-03-31T15:00:00Z');
const CONTEXT = { userId: 'Practitioner/sandbox-gp', patientId: 'persona-samira', encounterId: 'enc-1' };
const PATIENT_VIEW = { userId: 'Practitioner/sandbox-gp', patientId: 'persona-samira' };

describe('resolvePrefetchTemplate (CDS Hooks 2.0 "Prefetch tokens")', () => {
  it.each([
    ['Patient/{{context.patientId}}', CONTEXT, 'Patient/persona-samira'],
    ['Condition?patient={{context.patientId}}', CONTEXT, 'Condition?patient=persona-samira'],
    ['Encounter/{{context.encounterId}}', CONTEXT, 'Encounter/enc-1'],
    ['{{context.userId}}', CONTEXT, 'Practitioner/sandbox-gp'],
    ['Encounter?participant={{userPractitionerId}}', CONTEXT, 'Encounter?participant=sandbox-gp'],
    [
      'Observation?patient={{ context.patientId }}&_count=1&_sort=-date',
      CONTEXT,
      'Observation?patient=persona-samira&_count=1&_sort=-date',
    ],
    ['Observation?date=ge{{today() - 90 days}}', CONTEXT, 'Observation?date=ge2025-12-31'],
    ['Observation?date=le{{today() + 30 days}}', CONTEXT, 'Observation?date=le2026-04-30'],
    [
      'Observation?date=ge{{today() - 1 month}}&date=le{{today()}}',
      CONTEXT,
      'Observation?date=ge2026-02-28&date=le2026-03-31',
    ],
    ['Observation?date=ge{{today - 2 years}}', CONTEXT, 'Observation?date=ge2024-03-31'],
    ['Observation?date=ge{{today() - 2 weeks}}', CONTEXT, 'Observation?date=ge2026-03-17'],
    ['/Patient/{{context.patientId}}', CONTEXT, 'Patient/persona-samira'],
  ])('%s → %s', (template, context, expected) => {
    expect(resolvePrefetchTemplate(template, context, TODAY)).toBe(expected);
  });

  it.each([
    ['a context field the hook does not have', 'Encounter/{{context.encounterId}}', PATIENT_VIEW],
    ['a nested path', 'Medication/{{context.medication.id}}', { ...CONTEXT, medication: { id: 'm' } }],
    ['a non-primitive field', 'Bundle/{{context.draftOrders}}', { ...CONTEXT, draftOrders: { entry: [] } }],
    ['a user token of another type', 'Patient/{{userPatientId}}', CONTEXT],
    ['an unknown token', 'Observation?patient={{Patient.id}}', CONTEXT],
    ['an absolute URL', 'https://evil.example/Patient/{{context.patientId}}', CONTEXT],
    ['a lower-case path', 'metadata', CONTEXT],
    ['an unbalanced token', 'Patient/{{context.patientId', CONTEXT],
  ])('skips a template with %s', (_why, template, context) => {
    expect(resolvePrefetchTemplate(template, context, TODAY)).toBeUndefined();
  });

  it('percent-encodes token values but keeps reference slashes', () => {
    const context = { userId: 'Practitioner/a b', patientId: 'x&y=z' };
    expect(resolvePrefetchTemplate('Condition?patient={{context.patientId}}', context, TODAY)).toBe(
      'Condition?patient=x%26y%3Dz',
    );
    expect(resolvePrefetchTemplate('{{context.userId}}', context, TODAY)).toBe('Practitioner/a%20b');
  });
});

describe('addToDate', () => {
  it.each([
    ['2024-02-29', -1, 'year', '2023-02-28'],
    ['2026-01-31', 1, 'month', '2026-02-28'],
    ['2026-03-31', -1, 'month', '2026-02-28'],
    ['2026-12-31', 1, 'day', '2027-01-01'],
  ] as const)('%s %+d %s → %s', (start, amount, unit, expected) => {
    expect(
      addToDate(new Date(`${start}T00:00:00Z`), amount, unit)
        .toISOString()
        .slice(0, 10),
    ).toBe(expected);
  });
});
