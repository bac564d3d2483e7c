import { IssueType, OperationOutcomeError } from '../shared/index.ts';
import { ageBandIndex } from './demographics.ts';
import { grow, IdRegistry } from './id-registry.ts';
import {
  AGE_BANDS,
  BREAKDOWN_OFFSETS,
  CELLS_PER_MONTH,
  ETHNICITY_GROUPS,
  MEASURE_IDS,
  SETTINGS,
  SEX_CATEGORIES,
} from './measures.ts';

/**
 * Distinct-patient counting. Each qualifying record becomes one packed key
 * `patient(24 bits) | measure(5) | month(17) | setting(2) | day(5)` — 53 bits, an exact double — in a Set, so a
 * patient with many records in a month costs one key per distinct (measure, month, setting, day).
 * Records that point at an Encounter wait (deduplicated, per encounter) until the Encounter pass resolves the setting.
 */
const LOW_BITS = 2 ** 29;
const GROUP_DIVISOR = 2 ** 7;
const MAX_PATIENTS = 2 ** 24;
export const UNKNOWN_SETTING = SETTINGS.indexOf('unknown');
const UNKNOWN_ETHNICITY = ETHNICITY_GROUPS.indexOf('unknown');
const UNKNOWN_SEX = SEX_CATEGORIES.indexOf('unknown');

function tooManyPatients(): OperationOutcomeError {
  return OperationOutcomeError.of(500, {
    code: IssueType.tooLong,
    reason: 'extract-too-many-patients',
    diagnostics: `more than ${MAX_PATIENTS} patients with counted records in one run: split it with --shard`,
  });
}

/** `YYYY-MM` → months since year 0, or undefined when not a calendar month. */
export function monthIndex(month: string): number | undefined {
  const year = Number(month.slice(0, 4));
  const mm = Number(month.slice(5, 7));
  if (month.length !== 7 || month.charAt(4) !== '-' || !Number.isInteger(year) || !(mm >= 1 && mm <= 12)) {
    return undefined;
  }
  return year * 12 + mm - 1;
}

export function monthString(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Exact counts: measure id → month → cells (see BREAKDOWN_OFFSETS). */
export type ExactCounts = Map<string, Map<string, number[]>>;

export class Tally {
  readonly patients = new IdRegistry();
  readonly encounters = new IdRegistry();
  readonly #keys = new Set<number>();
  readonly #pending = new Map<number, number[]>();
  #sex = new Uint8Array(1024);
  #ethnicity = new Uint8Array(1024);
  #birthLo = new Int32Array(1024);
  #birthHi = new Int32Array(1024);
  #encounterSetting = new Uint8Array(1024);

  /** Adds a qualifying record; `setting` is an index of SETTINGS, or an encounter index to resolve later. */
  add(
    patientId: string,
    mask: number,
    month: number,
    day: number,
    setting: number | { encounterId: string },
  ): void {
    const patient = this.patients.intern(patientId);
    if (patient >= MAX_PATIENTS) throw tooManyPatients();
    this.#ensurePatientRoom(patient);
    const pending = typeof setting === 'number' ? undefined : this.#pendingList(setting.encounterId);
    for (let m = 0; mask !== 0; m++, mask >>>= 1) {
      if ((mask & 1) === 0) continue;
      const base = patient * LOW_BITS + ((m << 24) | (month << 7) | day);
      if (pending === undefined) this.#keys.add(base + ((setting as number) << 5));
      else if (pending[pending.length - 1] !== base && !pending.includes(base)) pending.push(base);
    }
  }

  #pendingList(encounterId: string): number[] {
    const encounter = this.encounters.intern(encounterId);
    let list = this.#pending.get(encounter);
    if (list === undefined) {
      list = [];
      this.#pending.set(encounter, list);
    }
    return list;
  }

  #ensurePatientRoom(patient: number): void {
    if (patient < this.#sex.length) return;
    this.#sex = grow(this.#sex, patient + 1);
    this.#ethnicity = grow(this.#ethnicity, patient + 1);
    this.#birthLo = grow(this.#birthLo, patient + 1);
    this.#birthHi = grow(this.#birthHi, patient + 1);
  }

  /** Records a referenced encounter's setting (an index of SETTINGS). */
  setEncounterSetting(encounter: number, setting: number): void {
    if (encounter >= this.#encounterSetting.length)
      this.#encounterSetting = grow(this.#encounterSetting, encounter + 1);
    this.#encounterSetting[encounter] = setting + 1;
  }

  /** Moves the records waiting for an Encounter into the key set, with the setting now known (or unknown). */
  resolveEncounters(): void {
    for (const [encounter, bases] of this.#pending) {
      const setting = storedIndex(this.#encounterSetting, encounter, UNKNOWN_SETTING);
      for (const base of bases) this.#keys.add(base + (setting << 5));
    }
    this.#pending.clear();
  }

  /** Records a referenced patient's demographics (indexes of SEX_CATEGORIES and ETHNICITY_GROUPS; yyyymmdd). */
  setDemographics(
    patient: number,
    sex: number,
    ethnicity: number,
    birth: readonly [number, number] | undefined,
  ): void {
    this.#sex[patient] = sex + 1;
    this.#ethnicity[patient] = ethnicity + 1;
    this.#birthLo[patient] = birth?.[0] ?? 0;
    this.#birthHi[patient] = birth?.[1] ?? 0;
  }

  get keyCount(): number {
    return this.#keys.size;
  }

  /** Distinct-patient counts per measure × month × breakdown category. */
  finalize(): ExactCounts {
    this.resolveEncounters();
    const keys = Float64Array.from(this.#keys).sort();
    const counts: ExactCounts = new Map();
    let start = 0;
    while (start < keys.length) {
      const group = Math.floor((keys[start] ?? 0) / GROUP_DIVISOR);
      let end = start + 1;
      while (end < keys.length && Math.floor((keys[end] ?? 0) / GROUP_DIVISOR) === group) end++;
      this.#countGroup(keys.subarray(start, end), counts);
      start = end;
    }
    return counts;
  }

  #countGroup(group: Float64Array, counts: ExactCounts): void {
    const first = group[0] ?? 0;
    const patient = Math.floor(first / LOW_BITS);
    const low = first - patient * LOW_BITS;
    const measure = MEASURE_IDS[low >>> 24] ?? '';
    const month = (low >>> 7) & 0x1ffff;
    const cells = cellsFor(counts, measure, monthString(month));
    let settings = 0;
    let bands = 0;
    for (const key of group) {
      const rest = (key - patient * LOW_BITS) & 0x7f;
      settings |= 1 << (rest >>> 5);
      bands |= 1 << this.#ageBand(patient, month, rest & 0x1f);
    }
    cells[BREAKDOWN_OFFSETS.all] = (cells[BREAKDOWN_OFFSETS.all] ?? 0) + 1;
    increment(cells, BREAKDOWN_OFFSETS.sex + storedIndex(this.#sex, patient, UNKNOWN_SEX));
    increment(cells, BREAKDOWN_OFFSETS.ethnicity + storedIndex(this.#ethnicity, patient, UNKNOWN_ETHNICITY));
    addBits(cells, BREAKDOWN_OFFSETS.age_band, bands);
    addBits(cells, BREAKDOWN_OFFSETS.setting, settings);
  }

  #ageBand(patient: number, month: number, day: number): number {
    const ym = Math.floor(month / 12) * 10_000 + ((month % 12) + 1) * 100;
    const atLo = ym + (day === 0 ? 1 : day);
    const atHi = ym + (day === 0 ? 31 : day);
    const birthLo = this.#birthLo[patient] ?? 0;
    if (birthLo === 0) return AGE_BANDS.indexOf('unknown');
    return ageBandIndex(birthLo, this.#birthHi[patient] ?? 0, atLo, atHi);
  }
}

function cellsFor(counts: ExactCounts, measure: string, month: string): number[] {
  let byMonth = counts.get(measure);
  if (byMonth === undefined) {
    byMonth = new Map();
    counts.set(measure, byMonth);
  }
  let cells = byMonth.get(month);
  if (cells === undefined) {
    cells = new Array<number>(CELLS_PER_MONTH).fill(0);
    byMonth.set(month, cells);
  }
  return cells;
}

/** Values are stored +1 so that 0 means "never set". */
function storedIndex(array: Uint8Array, index: number, fallback: number): number {
  const stored = array[index] ?? 0;
  return stored === 0 ? fallback : stored - 1;
}

function increment(cells: number[], index: number): void {
  cells[index] = (cells[index] ?? 0) + 1;
}

function addBits(cells: number[], offset: number, bits: number): void {
  for (let i = 0; bits !== 0; i++, bits >>>= 1) if ((bits & 1) !== 0) increment(cells, offset + i);
}
