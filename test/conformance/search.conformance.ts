import type { Bundle, Observation, Patient } from 'fhir/r4.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceClient, matchIds, TEST_SYSTEM, uniqueValue } from './conformance-client.ts';

/** A synthetic code system: the suite needs codes, not clinical meaning (terminology/ holds the real ones). */
const TEST_CODES = 'https://fhir.safe-enquiry.org/conformance/measure';
const HBA1C = 'measure-a';
const BMI = 'measure-b';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const DATES = ['2024-01-10', '2024-02-10', '2024-03-10', '2024-04-10', '2024-05-10'];

interface Fixture {
  readonly patient: Patient & { id: string };
  readonly patientIdentifier: string;
  /** Observation ids by effective date (HbA1c), plus one BMI. */
  readonly byDate: ReadonlyMap<string, string>;
  readonly bmiId: string;
  readonly restrictedId: string;
}

function observation(
  patientId: string,
  code: string,
  date: string,
  value: number,
  restricted = false,
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: TEST_CODES, code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    valueQuantity: { value, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
    ...(restricted ? { meta: { security: [{ system: CONFIDENTIALITY, code: 'R' }] } } : {}),
  };
}

async function createFixture(client: ConformanceClient): Promise<Fixture> {
  const patientIdentifier = uniqueValue('search');
  const patient = await client.create<Patient>({
    resourceType: 'Patient',
    identifier: [{ system: TEST_SYSTEM, value: patientIdentifier }],
    name: [{ family: 'Searchable' }],
  });
  const byDate = new Map<string, string>();
  for (const [i, date] of DATES.entries()) {
    const created = await client.create(observation(patient.id, HBA1C, date, 5 + i, i === 4));
    byDate.set(date, created.id);
  }
  const bmi = await client.create(observation(patient.id, BMI, '2024-06-10', 30));
  return { patient, patientIdentifier, byDate, bmiId: bmi.id, restrictedId: byDate.get('2024-05-10') ?? '' };
}

function idsFor(fixture: Fixture, dates: readonly string[]): string[] {
  return dates.map((d) => fixture.byDate.get(d) ?? '').sort();
}

/** Search semantics: tokens, references, dates, sorting, paging, includes, security labels and chaining. */
export function describeSearch(client: ConformanceClient): void {
  describe('search', () => {
    let fx: Fixture;
    beforeAll(async () => {
      fx = await createFixture(client);
    });
    const forPatient = () => `Observation?subject=Patient/${fx.patient.id}`;

    it('matches a token as system|code', async () => {
      const bundle = await client.search(
        `${forPatient()}&code=${encodeURIComponent(`${TEST_CODES}|${HBA1C}`)}`,
      );
      expect(matchIds(bundle).sort()).toEqual(idsFor(fx, DATES));
    });

    it('matches a reference as a bare id, Type/id, with a :Type modifier, or through patient', async () => {
      const bare = await client.search(`Observation?patient=${fx.patient.id}&_count=50`);
      const forms = [
        `Observation?patient=Patient/${fx.patient.id}&_count=50`,
        `Observation?subject:Patient=${fx.patient.id}&_count=50`,
        `${forPatient()}&_count=50`,
      ];
      expect(matchIds(bare)).toHaveLength(6);
      for (const form of forms)
        expect(matchIds(await client.search(form)).sort()).toEqual(matchIds(bare).sort());
    });

    it('applies date prefixes and a ge/lt range', async () => {
      const code = `&code=${HBA1C}`;
      const ge = await client.search(`${forPatient()}${code}&date=ge2024-03-10`);
      const lt = await client.search(`${forPatient()}${code}&date=lt2024-03-01`);
      const range = await client.search(`${forPatient()}${code}&date=ge2024-02-01&date=lt2024-04-01`);
      expect(matchIds(ge).sort()).toEqual(idsFor(fx, DATES.slice(2)));
      expect(matchIds(lt).sort()).toEqual(idsFor(fx, DATES.slice(0, 2)));
      expect(matchIds(range).sort()).toEqual(idsFor(fx, DATES.slice(1, 3)));
    });

    it('sorts by date both ways', async () => {
      const asc = await client.search(`${forPatient()}&code=${HBA1C}&_sort=date`);
      const desc = await client.search(`${forPatient()}&code=${HBA1C}&_sort=-date`);
      const ordered = DATES.map((d) => fx.byDate.get(d));
      expect(matchIds(asc)).toEqual(ordered);
      expect(matchIds(desc)).toEqual([...ordered].reverse());
    });

    it('pages with _count and a next link until every match was seen once', async () => {
      let page: Bundle | undefined = await client.search(`${forPatient()}&_count=2&_sort=date`);
      const seen: string[] = [];
      let pages = 0;
      while (page && pages < 10) {
        expect((page.entry ?? []).length).toBeLessThanOrEqual(2);
        seen.push(...matchIds(page));
        pages++;
        const next: string | undefined = page.link?.find((l) => l.relation === 'next')?.url;
        page = next ? await client.search(next) : undefined;
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual([...idsFor(fx, DATES), fx.bmiId].sort());
    });

    it('adds the referenced Patient with _include', async () => {
      const bundle = await client.search(`${forPatient()}&code=${BMI}&_include=Observation:patient`);
      const included = (bundle.entry ?? []).filter((e) => e.search?.mode === 'include');
      expect(matchIds(bundle)).toEqual([fx.bmiId]);
      expect(included.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`)).toEqual([
        `Patient/${fx.patient.id}`,
      ]);
    });

    it('adds referring Observations with _revinclude', async () => {
      const bundle = await client.search(`Patient?_id=${fx.patient.id}&_revinclude=Observation:patient`);
      const included = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Observation');
      expect(matchIds(bundle, 'Patient')).toEqual([fx.patient.id]);
      expect(included.map((e) => e.resource?.id).sort()).toEqual([...idsFor(fx, DATES), fx.bmiId].sort());
    });

    it('filters on security labels with _security and _security:not', async () => {
      const label = encodeURIComponent(`${CONFIDENTIALITY}|R`);
      const labelled = await client.search(`${forPatient()}&_security=${label}`);
      const unlabelled = await client.search(`${forPatient()}&_security:not=${label}`);
      expect(matchIds(labelled)).toEqual([fx.restrictedId]);
      expect(matchIds(unlabelled)).toHaveLength(5);
      expect(matchIds(unlabelled)).not.toContain(fx.restrictedId);
    });

    it('follows a chained identifier search', async () => {
      const identifier = encodeURIComponent(`${TEST_SYSTEM}|${fx.patientIdentifier}`);
      const bundle = await client.search(`Observation?subject:Patient.identifier=${identifier}&code=${BMI}`);
      expect(matchIds(bundle)).toEqual([fx.bmiId]);
    });

    it('compares quantities with a prefix', async () => {
      const bundle = await client.search(`${forPatient()}&code=${HBA1C}&value-quantity=gt7`);
      expect(matchIds(bundle).sort()).toEqual(idsFor(fx, DATES.slice(3)));
    });

    it('counts with _summary=count', async () => {
      const bundle = await client.search(`${forPatient()}&_summary=count`);
      expect(bundle.total).toBe(6);
    });

    it('never fails with a server error on an unknown parameter (400 or ignored)', async () => {
      const reply = await client.get(`${forPatient()}&not-a-parameter=1`);
      expect([200, 400]).toContain(reply.status);
    });
  });
}
