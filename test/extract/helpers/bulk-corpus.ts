import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { prng } from './population.ts';

/**
 * A deterministic synthetic Bulk Data corpus for the extraction benchmark (bench/extract.bench.ts): Patients,
 * gzipped Encounters and several files of clinical records, about 4% of them coded with a dataset measure code.
 */
const SNOMED = 'http://snomed.info/sct';
const SETTING = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';
/** Measure codes (terminology/ValueSet-*.json) and ordinary codes, as a GP export mixes them. */
const DVA_CODES = [
  '700410005',
  '700411009',
  '879911000000102',
  '978091000000105',
  '431719007',
  '248062006',
  '759481000000100',
];
const OTHER_CODES = [
  '38341003',
  '73211009',
  '195967001',
  '35489007',
  '44054006',
  '271737000',
  '386661006',
  '22298006',
];

/** Writes lines to a file (gzipped for `.gz`) in ~4 MB batches, respecting back-pressure. */
class LineWriter {
  readonly #batch: string[] = [];
  #bytes = 0;
  readonly #head: Writable;
  readonly #closed: Promise<void>;

  constructor(file: string) {
    const sink = createWriteStream(file);
    this.#closed = new Promise((resolve, reject) => sink.on('close', resolve).on('error', reject));
    this.#head = file.endsWith('.gz') ? createGzip({ level: 1 }) : sink;
    if (this.#head !== sink) this.#head.pipe(sink);
  }

  async line(resource: object): Promise<void> {
    const text = `${JSON.stringify(resource)}\n`;
    this.#batch.push(text);
    this.#bytes += text.length;
    if (this.#bytes > 4_000_000) await this.#flush();
  }

  async #flush(): Promise<void> {
    const ok = this.#head.write(this.#batch.join(''));
    this.#batch.length = 0;
    this.#bytes = 0;
    if (!ok) await new Promise((resolve) => this.#head.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.#flush();
    this.#head.end();
    await this.#closed;
  }
}

function dateOf(random: () => number): string {
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return `2024-${month}-${day}T09:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`;
}

function record(type: string, id: string, patient: number, random: () => number): object {
  const code =
    random() < 0.04
      ? DVA_CODES[Math.floor(random() * DVA_CODES.length)]
      : OTHER_CODES[Math.floor(random() * OTHER_CODES.length)];
  const base = {
    resourceType: type,
    id,
    meta: { lastUpdated: '2025-01-01T00:00:00Z' },
    code: { coding: [{ system: SNOMED, code, display: 'Synthetic concept for benchmarking' }] },
    subject: { reference: `Patient/pat-${patient}` },
    encounter: { reference: `Encounter/enc-${patient}-${Math.floor(random() * 5)}` },
  };
  const date = dateOf(random);
  if (type === 'Observation')
    return {
      ...base,
      status: 'final',
      effectiveDateTime: date,
      issued: date,
      valueQuantity: { value: Math.round(random() * 200), unit: 'mmHg' },
    };
  if (type === 'Condition')
    return {
      ...base,
      clinicalStatus: { coding: [{ code: 'active' }] },
      onsetDateTime: date,
      recordedDate: date,
    };
  if (type === 'Procedure') return { ...base, status: 'completed', performedDateTime: date };
  return { ...base, status: 'active', intent: 'order', authoredOn: date };
}

/** Writes a corpus of about `total` resources: 4% Patients, 20% Encounters, the rest clinical records. */
export async function generateBulkCorpus(dir: string, total: number): Promise<number> {
  const random = prng(total);
  const patients = Math.round(total * 0.04);
  const encounters = Math.round(total * 0.2);
  const records = total - patients - encounters;
  let written = 0;
  const patientFile = new LineWriter(path.join(dir, 'Patient.ndjson'));
  for (let p = 0; p < patients; p++, written++) {
    const birthDate = `${1930 + Math.floor(random() * 90)}-0${1 + Math.floor(random() * 9)}-15`;
    await patientFile.line({
      resourceType: 'Patient',
      id: `pat-${p}`,
      gender: random() < 0.5 ? 'female' : 'male',
      birthDate,
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
                code: 'ADHMRZ'.charAt(Math.floor(random() * 6)),
              },
            ],
          },
        },
      ],
    });
  }
  await patientFile.close();
  const encounterFile = new LineWriter(path.join(dir, 'Encounter.ndjson.gz'));
  for (let e = 0; e < encounters; e++, written++) {
    const p = Math.floor(random() * patients);
    await encounterFile.line({
      resourceType: 'Encounter',
      id: `enc-${p}-${e % 5}`,
      status: 'finished',
      class: { code: 'AMB' },
      serviceType: { coding: [{ system: SETTING, code: random() < 0.7 ? '600' : '710' }] },
      subject: { reference: `Patient/pat-${p}` },
      period: { start: dateOf(random) },
    });
  }
  await encounterFile.close();
  const types = ['Observation', 'Observation', 'Observation', 'Condition', 'Procedure', 'ServiceRequest'];
  const files = await Promise.all(
    [
      'Observation.000.ndjson',
      'Observation.001.ndjson',
      'Observation.002.ndjson',
      'Condition.ndjson',
      'Procedure.ndjson',
      'ServiceRequest.ndjson',
    ].map((n) => new LineWriter(path.join(dir, n))),
  );
  for (let r = 0; r < records; r++, written++) {
    const slot = r % types.length;
    await files[slot]?.line(
      record(types[slot] ?? 'Observation', `rec-${r}`, Math.floor(random() * patients), random),
    );
  }
  await Promise.all(files.map((f) => f.close()));
  return written;
}
