import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { evaluateWholeFamily } from '../../../src/hooks/rules/index.ts';
import { CODES, condition, encounter, flag, observation, patient } from '../fhir-builders.ts';
import { contextFor } from '../rule-harness.ts';

const camhs = () => encounter('2026-06-10T08:30:00Z', { setting: '711', status: 'in-progress' });

const cases: readonly {
  name: string;
  birthDate: string;
  resources: () => Resource[];
  fires: boolean;
  own?: boolean;
}[] = [
  {
    name: '12-year-old in CAMHS, DA victim in household (Flag)',
    birthDate: '2014-01-20',
    resources: () => [camhs(), flag(CODES.victimInHousehold, '2025-10-01')],
    fires: true,
    own: false,
  },
  {
    name: '16-year-old in CAMHS, police domestic incident notification → also own relationships',
    birthDate: '2010-03-01',
    resources: () => [camhs(), observation(CODES.policeNotification, '2026-02-14')],
    fires: true,
    own: true,
  },
  {
    name: '17-year-old, child safeguarding concern',
    birthDate: '2008-07-01',
    resources: () => [camhs(), condition(CODES.childSafeguardingConcern, '2025-09-01')],
    fires: true,
    own: true,
  },
  {
    name: '18-year-old is not a child',
    birthDate: '2008-06-10',
    resources: () => [camhs(), flag(CODES.victimInHousehold, '2025-10-01')],
    fires: false,
  },
  {
    name: 'adult mental-health setting (710) is not CAMHS',
    birthDate: '2012-01-01',
    resources: () => [
      encounter('2026-06-10T08:30:00Z', { setting: '710', status: 'in-progress' }),
      flag(CODES.victimInHousehold, '2025-10-01'),
    ],
    fires: false,
  },
  {
    name: 'CAMHS without household concern',
    birthDate: '2012-01-01',
    resources: () => [camhs()],
    fires: false,
  },
  {
    name: 'an inactive flag is not evidence',
    birthDate: '2012-01-01',
    resources: () => [camhs(), flag(CODES.victimInHousehold, '2025-10-01', { status: 'inactive' })],
    fires: false,
  },
  {
    name: 'a household notification older than 24 months',
    birthDate: '2012-01-01',
    resources: () => [camhs(), observation(CODES.policeNotification, '2024-01-01')],
    fires: false,
  },
];

describe('whole-family rule (CAMHS poster: child in CAMHS with domestic abuse in the household)', () => {
  it.each(cases)('$name', ({ birthDate, resources, fires, own }) => {
    const hit = evaluateWholeFamily(contextFor({ patient: patient(birthDate), resources: resources() }));
    expect(hit !== undefined).toBe(fires);
    if (own !== undefined) expect(hit?.ownRelationships).toBe(own);
  });

  it('does not fire without a birth date (age unknown)', () => {
    expect(
      evaluateWholeFamily(contextFor({ resources: [camhs(), flag(CODES.victimInHousehold, '2025-10-01')] })),
    ).toBeUndefined();
  });
});
