import { getStatus, OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import type { Bundle, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';

const TEST_CODES = 'https://fhir.safe-enquiry.org/conformance/measure';
let repo: SandboxRepository;
let patient: Patient & { id: string };
let other: Patient & { id: string };

function obs(
  subject: string,
  value: number | undefined,
  date: string | undefined,
  label?: string,
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: TEST_CODES, code: 'measure-a' }] },
    subject: { reference: `Patient/${subject}` },
    ...(value === undefined
      ? {}
      : {
          valueQuantity: { value, unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
        }),
    ...(date === undefined ? {} : { effectiveDateTime: date }),
    ...(label ? { meta: { tag: [{ system: 'urn:test', code: label }] } } : {}),
  };
}

async function run(query: string): Promise<Bundle> {
  return repo.search(parseSearchRequest(query));
}

function values(bundle: Bundle): (number | undefined)[] {
  return (bundle.entry ?? [])
    .filter((e) => e.search?.mode === 'match')
    .map((e) => (e.resource as Observation).valueQuantity?.value);
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (err) {
    return err instanceof OperationOutcomeError ? getStatus(err.outcome) : 0;
  }
}

beforeAll(async () => {
  repo = await SandboxRepository.open();
  patient = await repo.createResource<Patient>({
    resourceType: 'Patient',
    identifier: [{ system: 'urn:test:mrn', value: 'MRN-1' }],
    name: [{ family: 'Main' }],
  });
  other = await repo.createResource<Patient>({ resourceType: 'Patient', name: [{ family: 'Other' }] });
  const rows: [number | undefined, string | undefined, string?][] = [
    [48, '2024-01-05'],
    [52, '2024-02-05', 'hide'],
    [60.5, '2024-03-05'],
    [75, undefined],
    [undefined, '2024-04-05'],
  ];
  for (const [value, date, label] of rows) await repo.createResource(obs(patient.id, value, date, label));
  await repo.createResource(obs(other.id, 99, '2024-05-05'));
});

describe('number and quantity search (missing from Medplum’s in-memory matcher)', () => {
  it.each([
    ['gt52', [60.5, 75]],
    ['ge52', [52, 60.5, 75]],
    ['lt52', [48]],
    ['le52', [48, 52]],
    ['52', [52]],
    ['ne52', [48, 60.5, 75]],
    ['61', [60.5]],
    ['60', []],
    ['60.5', [60.5]],
    ['ap50', [48, 52]],
    ['gt52|http://unitsofmeasure.org|mmol/mol', [60.5, 75]],
    ['gt52||mmol/mol', [60.5, 75]],
    ['gt52|http://unitsofmeasure.org|%', []],
    ['48,75', [48, 75]],
  ])('value-quantity=%s', async (query, expected) => {
    const bundle = await run(
      `Observation?subject=Patient/${patient.id}&value-quantity=${encodeURIComponent(query)}`,
    );
    expect(values(bundle)).toEqual(expected);
  });
});

describe('sorting, paging and totals', () => {
  it('sorts by date with missing values last, both ways', async () => {
    const asc = await run(`Observation?subject=Patient/${patient.id}&_sort=date`);
    const desc = await run(`Observation?subject=Patient/${patient.id}&_sort=-date`);
    expect(values(asc)).toEqual([48, 52, 60.5, undefined, 75]);
    expect(values(desc)).toEqual([undefined, 60.5, 52, 48, 75]);
  });

  it('pages after sorting and reports the total of all matches', async () => {
    const page = await run(`Observation?subject=Patient/${patient.id}&_sort=date&_count=2&_offset=1`);
    expect(page.total).toBe(5);
    expect(values(page)).toEqual([52, 60.5]);
  });
});

describe('visibility', () => {
  const hideTagged = (r: Resource) => !(r.meta?.tag ?? []).some((t) => t.code === 'hide');

  it('drops hidden resources before paging so pages and total agree', async () => {
    const page = await repo.withVisibility(hideTagged, () =>
      run(`Observation?subject=Patient/${patient.id}&_sort=date&_count=2`),
    );
    expect(page.total).toBe(4);
    expect(values(page)).toEqual([48, 60.5]);
  });

  it('treats a hidden resource as missing for read, vread and history', async () => {
    const hidden = (await run('Observation?_tag=hide')).entry?.[0]?.resource as Observation & { id: string };
    const read = repo.withVisibility(hideTagged, () => repo.readResource('Observation', hidden.id));
    const vread = repo.withVisibility(hideTagged, () =>
      repo.readVersion('Observation', hidden.id, hidden.meta?.versionId ?? ''),
    );
    const history = repo.withVisibility(hideTagged, () => repo.readHistory('Observation', hidden.id));
    expect([await statusOf(read), await statusOf(vread), await statusOf(history)]).toEqual([404, 404, 404]);
  });

  it('keeps a hidden patient out of _include and of chained matches', async () => {
    const hidePatient = (r: Resource) => r.id !== patient.id;
    const included = await repo.withVisibility(hidePatient, () =>
      run(`Observation?subject=Patient/${patient.id}&_include=Observation:patient&_count=1`),
    );
    expect((included.entry ?? []).map((e) => e.resource?.resourceType)).toEqual(['Observation']);
    const chained = await repo.withVisibility(hidePatient, () =>
      run('Observation?subject:Patient.identifier=urn:test:mrn|MRN-1'),
    );
    expect(chained.total).toBe(0);
  });
});

describe('parameters', () => {
  it('follows chains with or without an explicit type', async () => {
    const explicit = await run('Observation?subject:Patient.identifier=urn:test:mrn|MRN-1');
    const implicit = await run('Observation?subject.name=Other');
    expect(explicit.total).toBe(5);
    expect(implicit.total).toBe(1);
  });

  it('subsets with _elements, keeping mandatory elements and tagging SUBSETTED', async () => {
    const bundle = await run(`Observation?subject=Patient/${other.id}&_elements=effective`);
    const resource = bundle.entry?.[0]?.resource as Observation;
    expect(Object.keys(resource).sort()).toEqual([
      'code',
      'effectiveDateTime',
      'id',
      'meta',
      'resourceType',
      'status',
    ]);
    expect(resource.meta?.tag?.map((t) => t.code)).toContain('SUBSETTED');
  });

  it.each([
    ['an unknown parameter', 'Observation?colour=red'],
    ['reverse chaining', 'Patient?_has:Observation:subject:code=measure-a'],
    ['an unknown sort key', 'Observation?_sort=colour'],
    ['an ambiguous chain', 'Observation?subject.colour=red'],
  ])('refuses %s with 400', async (_name, query) => {
    expect(await statusOf(run(query))).toBe(400);
  });

  it('refuses a composite parameter with 400', async () => {
    const filters = [{ code: 'code-value-quantity', operator: 'eq' as const, value: 'measure-a$gt5' }];
    expect(await statusOf(repo.search({ resourceType: 'Observation', filters }))).toBe(400);
  });
});
