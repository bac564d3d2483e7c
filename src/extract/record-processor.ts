import { SNOMED } from '../shared/index.ts';
import { isEmisLocalSctid, isValidSctid } from '../terminology/index.ts';
import { type DataQuality, noteMalformedLine, noteSkippedFile } from './data-quality.ts';
import { dayRange, ethnicityIndex, sexIndex } from './demographics.ts';
import { type MeasureLookup, normalMask, notDoneMask } from './measure-lookup.ts';
import { SETTINGS } from './measures.ts';
import {
  forEachCoding,
  isObject,
  type JsonObject,
  RECORD_TYPES,
  recordDate,
  referenceId,
  statusVerdict,
  subjectPatientId,
} from './record-reader.ts';
import { isInShard, isLineOwner, lineVerdict, type Shard } from './shard.ts';
import { monthIndex, type Tally, UNKNOWN_SETTING } from './tally.ts';
import type { MeasureTerminology } from './terminology.port.ts';

export interface ProcessorOptions {
  readonly lookup: MeasureLookup;
  readonly terminology: MeasureTerminology;
  readonly shard: Shard;
  /** Inclusive month-index bounds (see monthIndex); records outside are not counted. */
  readonly fromMonth?: number;
  readonly toMonth?: number;
}

type SnomedShape = 'valid' | 'emis-local' | 'invalid';
const SHAPE_CACHE_LIMIT = 100_000;

interface CodingScan {
  packed: number;
  emisLocal: boolean;
  withoutSystem: boolean;
  invalidSnomed: boolean;
}

/**
 * Applies the dataset's counting rules (shared/docs/dataset.md) to one resource at a time, feeding the Tally and the
 * data-quality counters. Holds no resource after it returns.
 */
export class RecordProcessor {
  readonly #options: ProcessorOptions;
  readonly #tally: Tally;
  readonly #quality: DataQuality;
  readonly #keepsFileLevel: boolean;
  readonly #shapes = new Map<string, SnomedShape>();
  readonly #scan: CodingScan = { packed: 0, emisLocal: false, withoutSystem: false, invalidSnomed: false };
  resourcesRead = 0;

  constructor(options: ProcessorOptions, tally: Tally, quality: DataQuality) {
    this.#options = options;
    this.#tally = tally;
    this.#quality = quality;
    this.#keepsFileLevel = options.shard.index === 1;
  }

  /**
   * Parses and handles one NDJSON line; a malformed line is counted with its location and skipped. In a sharded
   * run, lines that only concern other shards' patients are not parsed at all (see `lineVerdict`).
   */
  handleLine(text: string, file: string, line: number, fileType?: string): void {
    const verdict = lineVerdict(text, file, line, this.#options.shard);
    if (!verdict.parse) return;
    let resource: unknown;
    try {
      resource = JSON.parse(text);
    } catch {
      if (verdict.owner) this.#noteMalformedLine(file, line, 'not valid JSON');
      return;
    }
    if (!isObject(resource) || typeof resource.resourceType !== 'string') {
      if (verdict.owner) this.#noteMalformedLine(file, line, 'not a FHIR resource (no resourceType)');
      return;
    }
    if (fileType !== undefined && resource.resourceType !== fileType && verdict.owner)
      this.#quality.typeMismatches++;
    this.handleResource(resource, verdict.owner);
  }

  #noteMalformedLine(file: string, line: number, reason: string): void {
    noteMalformedLine(this.#quality, file, line, reason);
  }

  /** Counts a line too long to read, with its location (kept by one shard, chosen from file and line). */
  noteOversizeLine(file: string, line: number): void {
    if (isLineOwner(file, line, this.#options.shard)) {
      this.#noteMalformedLine(file, line, 'line longer than the 64 MiB limit');
    }
  }

  /** Notes a file or download that was not read, or not to the end (file-level: kept by shard 1). */
  noteSkipped(file: string, reason: string): void {
    if (this.#keepsFileLevel) noteSkippedFile(this.#quality, file, reason);
  }

  noteExportErrors(count: number): void {
    if (this.#keepsFileLevel) this.#quality.exportErrors += count;
  }

  /**
   * Handles one parsed resource. `owner`: this shard keeps the resource's file-level data quality (from
   * `lineVerdict` for a line; shard 1 for a resource that came from a search).
   */
  handleResource(resource: JsonObject, owner: boolean = this.#keepsFileLevel): void {
    const type = String(resource.resourceType);
    this.resourcesRead++;
    if (owner) this.#quality.resourcesRead[type] = (this.#quality.resourcesRead[type] ?? 0) + 1;
    if (type === 'Patient') this.#handlePatient(resource);
    else if (RECORD_TYPES.has(type)) this.#handleRecord(resource, owner);
    else if (owner)
      this.#quality.otherResourceTypes[type] = (this.#quality.otherResourceTypes[type] ?? 0) + 1;
    if (type === 'Encounter') this.#noteEncounterSetting(resource);
  }

  #handlePatient(resource: JsonObject): void {
    const index = typeof resource.id === 'string' ? this.#tally.patients.indexOf(resource.id) : undefined;
    if (index === undefined || !this.#tally.patients.markFound(index)) return;
    const birthDate = typeof resource.birthDate === 'string' ? resource.birthDate : undefined;
    this.#tally.setDemographics(index, sexIndex(resource), ethnicityIndex(resource), dayRange(birthDate));
  }

  #noteEncounterSetting(resource: JsonObject): void {
    const index = typeof resource.id === 'string' ? this.#tally.encounters.indexOf(resource.id) : undefined;
    if (index === undefined || !this.#tally.encounters.markFound(index)) return;
    this.#tally.setEncounterSetting(index, this.#settingOf(resource));
  }

  #settingOf(encounter: JsonObject): number {
    const serviceType = encounter.serviceType;
    const codings = isObject(serviceType) ? serviceType.coding : undefined;
    if (!Array.isArray(codings)) return UNKNOWN_SETTING;
    for (const coding of codings) {
      if (!isObject(coding) || typeof coding.system !== 'string' || typeof coding.code !== 'string') continue;
      const setting = this.#options.terminology.careSetting({ system: coding.system, code: coding.code });
      if (setting !== undefined) return SETTINGS.indexOf(setting);
    }
    return UNKNOWN_SETTING;
  }

  /** SCTID checks, memoised: an export repeats a few thousand codes millions of times (bounded cache). */
  #snomedShape(code: string): SnomedShape {
    let shape = this.#shapes.get(code);
    if (shape === undefined) {
      shape = isEmisLocalSctid(code) ? 'emis-local' : isValidSctid(code) ? 'valid' : 'invalid';
      if (this.#shapes.size < SHAPE_CACHE_LIMIT) this.#shapes.set(code, shape);
    }
    return shape;
  }

  #scanCodings(resource: JsonObject): CodingScan {
    const scan = this.#scan;
    scan.packed = 0;
    scan.emisLocal = scan.withoutSystem = scan.invalidSnomed = false;
    forEachCoding(resource, (system, code) => {
      if (typeof code !== 'string') return;
      if (typeof system !== 'string' || system.length === 0) {
        scan.withoutSystem = true;
        return;
      }
      if (system === SNOMED) {
        const shape = this.#snomedShape(code);
        if (shape === 'emis-local') scan.emisLocal = true;
        else if (shape === 'invalid') scan.invalidSnomed = true;
      }
      scan.packed |= this.#options.lookup.match(system, code);
    });
    return scan;
  }

  #handleRecord(resource: JsonObject, owner: boolean): void {
    const scan = this.#scanCodings(resource);
    const flagged = scan.emisLocal || scan.withoutSystem || scan.invalidSnomed;
    if (scan.packed === 0 && !flagged) return;
    const patientId = subjectPatientId(resource);
    const mine = typeof patientId === 'string' ? isInShard(patientId, this.#options.shard) : owner;
    if (!mine) return;
    if (scan.emisLocal) this.#quality.emisLocalCodes++;
    if (scan.withoutSystem) this.#quality.codingsWithoutSystem++;
    if (scan.invalidSnomed) this.#quality.invalidSnomedCodes++;
    if (scan.packed !== 0) this.#countRecord(resource, scan.packed, patientId);
  }

  #countRecord(resource: JsonObject, packed: number, patientId: string | null | undefined): void {
    const verdict = statusVerdict(resource);
    const mask = verdict === 'not-done' ? notDoneMask(packed) : normalMask(packed);
    if (verdict === 'excluded' || mask === 0) {
      this.#quality.recordsExcludedByStatus++;
      return;
    }
    const date = recordDate(resource);
    if (date === undefined) {
      this.#quality.recordsWithoutDate++;
      return;
    }
    const month = monthIndex(date.slice(0, 7));
    if (month === undefined) {
      this.#quality.recordsWithoutMonth++;
      return;
    }
    if (
      month < (this.#options.fromMonth ?? 0) ||
      month > (this.#options.toMonth ?? Number.MAX_SAFE_INTEGER)
    ) {
      this.#quality.recordsOutsidePeriod++;
      return;
    }
    if (typeof patientId !== 'string') {
      this.#quality.recordsSubjectNotPatient++;
      return;
    }
    this.#tally.add(patientId, mask, month, dayOf(date), this.#settingSource(resource));
    this.#quality.recordsCounted++;
  }

  #settingSource(resource: JsonObject): number | { encounterId: string } {
    if (resource.resourceType === 'Encounter') return this.#settingOf(resource);
    const encounterId = referenceId(resource.encounter, 'Encounter');
    return typeof encounterId === 'string' ? { encounterId } : UNKNOWN_SETTING;
  }
}

function dayOf(date: string): number {
  const day = date.length >= 10 && date.charAt(7) === '-' ? Number(date.slice(8, 10)) : 0;
  return Number.isInteger(day) && day >= 1 && day <= 31 ? day : 0;
}
