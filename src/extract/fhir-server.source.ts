import {
  deleteExport,
  type ExportManifest,
  kickOffExport,
  type PollTiming,
  pollExport,
} from './bulk-export.client.ts';
import { displayUrl, type FhirHttpClient, serverError } from './fhir-http.client.ts';
import { readNdjsonLines } from './ndjson-lines.reader.ts';
import { isObject, type JsonObject } from './record-reader.ts';
import { type Phase, phaseOfType, type ResourceSource, type SourceSink } from './source.port.ts';

/** The types the dataset reads, in pass order. */
const TYPES_BY_PHASE: Readonly<Record<Phase, readonly string[]>> = {
  records: ['Observation', 'Condition', 'Procedure', 'ServiceRequest', 'Flag'],
  encounters: ['Encounter'],
  patients: ['Patient'],
};
const ALL_TYPES = Object.values(TYPES_BY_PHASE).flat();
const ID_BATCH = 100;

export interface ServerSourceOptions {
  readonly client: FhirHttpClient;
  readonly timing: PollTiming;
  /** `_count` for paged search. */
  readonly pageSize: number;
}

interface Capabilities {
  /** `$export` path relative to the base, when the server offers Bulk Data export. */
  readonly exportPath: string | undefined;
  /** Resource types the server supports, or undefined when it does not say. */
  readonly types: ReadonlySet<string> | undefined;
}

function operations(value: unknown): JsonObject[] {
  return isObject(value) && Array.isArray(value.operation) ? value.operation.filter(isObject) : [];
}

function isExport(operation: JsonObject, definitionSuffix: string): boolean {
  const definition = typeof operation.definition === 'string' ? operation.definition : '';
  return operation.name === 'export' || definition.endsWith(definitionSuffix);
}

/** Reads what the CapabilityStatement offers: system- or Patient-level `$export`, and supported types. */
export function readCapabilities(statement: unknown): Capabilities {
  const rest = isObject(statement) && Array.isArray(statement.rest) ? statement.rest.filter(isObject) : [];
  const resources = rest.flatMap((r) => (Array.isArray(r.resource) ? r.resource.filter(isObject) : []));
  const patient = resources.find((r) => r.type === 'Patient');
  const systemExport = rest.some((r) => operations(r).some((op) => isExport(op, '/export')));
  const patientExport = operations(patient).some((op) => isExport(op, '/patient-export'));
  const exportPath = systemExport ? '$export' : patientExport ? 'Patient/$export' : undefined;
  const types = resources.length > 0 ? new Set(resources.map((r) => String(r.type))) : undefined;
  return { exportPath, types };
}

/**
 * A FHIR server: Bulk Data `$export` (kick-off, poll, download; https://hl7.org/fhir/uv/bulkdata/export.html) when
 * its CapabilityStatement offers it, otherwise paged search — each record type in full, then the referenced
 * patients by `_id`. Every counting criterion is re-checked locally on whatever arrives.
 */
export class FhirServerSource implements ResourceSource {
  readonly description: string;
  readonly #options: ServerSourceOptions;
  readonly #capabilities: Capabilities;
  #manifest: { statusUrl: string; manifest: ExportManifest } | undefined;
  #linesDone = 0;

  private constructor(options: ServerSourceOptions, capabilities: Capabilities) {
    this.description = options.client.baseUrl;
    this.#options = options;
    this.#capabilities = capabilities;
  }

  static async open(options: ServerSourceOptions): Promise<FhirServerSource> {
    const statement = await options.client.getJson('metadata');
    return new FhirServerSource(options, readCapabilities(statement));
  }

  /** How this source reads the server: `export` or `search`. */
  get mode(): 'export' | 'search' {
    return this.#capabilities.exportPath === undefined ? 'search' : 'export';
  }

  async readPhase(phase: Phase, sink: SourceSink): Promise<void> {
    if (this.mode === 'export') await this.#readExport(phase, sink);
    else if (phase === 'patients') await this.#searchPatients(sink);
    else for (const type of this.#supported(phase, sink)) await this.#searchAll(type, sink);
  }

  #supported(phase: Phase, sink: SourceSink): string[] {
    const known = this.#capabilities.types;
    return TYPES_BY_PHASE[phase].filter((type) => {
      const ok = known === undefined || known.has(type);
      if (!ok) sink.skipped(type, 'not supported by the FHIR server (CapabilityStatement)');
      return ok;
    });
  }

  async #readExport(phase: Phase, sink: SourceSink): Promise<void> {
    const { client } = this.#options;
    if (this.#manifest === undefined) {
      const known = this.#capabilities.types;
      const types = ALL_TYPES.filter((type) => known === undefined || known.has(type));
      const statusUrl = await kickOffExport(client, this.#capabilities.exportPath ?? '$export', types);
      const manifest = await pollExport(client, statusUrl, this.#options.timing);
      this.#manifest = { statusUrl, manifest };
      const counts = manifest.output.map((o) => o.count);
      if (counts.every((c) => c !== undefined))
        sink.progress.addTotal(counts.reduce((a, c) => a + (c ?? 0), 0));
      await this.#countExportErrors(manifest, sink);
    }
    const { manifest, statusUrl } = this.#manifest;
    const withToken = manifest.requiresAccessToken === true;
    for (const [i, output] of manifest.output.entries()) {
      if (phaseOfType(output.type) !== phase) continue;
      const label = `${output.type} output #${i + 1}`;
      await readNdjsonLines(await client.getStream(output.url, withToken), {
        onLine: (text, line) => {
          sink.processor.handleLine(text, label, line, output.type);
          sink.progress.update(++this.#linesDone, sink.processor.resourcesRead);
        },
        onOversize: (line) => sink.processor.noteOversizeLine(label, line),
      });
    }
    if (phase === 'patients') await deleteExport(client, statusUrl);
  }

  async #countExportErrors(manifest: ExportManifest, sink: SourceSink): Promise<void> {
    for (const error of manifest.error ?? []) {
      let outcomes = 0;
      const chunks = await this.#options.client.getStream(error.url, manifest.requiresAccessToken === true);
      await readNdjsonLines(chunks, { onLine: () => outcomes++, onOversize: () => outcomes++ });
      sink.exportErrors(outcomes);
    }
  }

  async #searchAll(type: string, sink: SourceSink): Promise<void> {
    await this.#readPages(`${type}?_count=${this.#options.pageSize}`, sink, true);
  }

  async #searchPatients(sink: SourceSink): Promise<void> {
    if (!this.#supported('patients', sink).includes('Patient')) return;
    const ids = [...sink.neededPatientIds()];
    sink.progress.addTotal(ids.length);
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      const batch = ids
        .slice(i, i + ID_BATCH)
        .map(encodeURIComponent)
        .join(',');
      await this.#readPages(`Patient?_id=${batch}&_count=${ID_BATCH}`, sink, false);
    }
  }

  async #readPages(first: string, sink: SourceSink, addTotal: boolean): Promise<void> {
    const { client } = this.#options;
    const origin = new URL(client.baseUrl).origin;
    let next: string | undefined = client.resolve(first);
    let firstPage = true;
    while (next !== undefined) {
      if (new URL(next).origin !== origin)
        throw serverError(`search paging left the server: ${displayUrl(next)}`);
      const bundle = await client.getJson(next);
      if (!isObject(bundle) || bundle.resourceType !== 'Bundle')
        throw serverError(`GET ${displayUrl(next)} did not return a Bundle`);
      if (firstPage && addTotal && typeof bundle.total === 'number') sink.progress.addTotal(bundle.total);
      firstPage = false;
      this.#handleEntries(bundle, sink);
      next = nextLink(bundle, next);
    }
  }

  #handleEntries(bundle: JsonObject, sink: SourceSink): void {
    for (const entry of Array.isArray(bundle.entry) ? bundle.entry : []) {
      if (!isObject(entry) || !isObject(entry.resource)) continue;
      if (isObject(entry.search) && entry.search.mode === 'outcome') continue;
      if (typeof entry.resource.resourceType !== 'string') continue;
      sink.processor.handleResource(entry.resource);
    }
    sink.progress.update(sink.processor.resourcesRead, sink.processor.resourcesRead);
  }
}

function nextLink(bundle: JsonObject, current: string): string | undefined {
  const links = Array.isArray(bundle.link) ? bundle.link.filter(isObject) : [];
  const next = links.find((l) => l.relation === 'next');
  return typeof next?.url === 'string' ? new URL(next.url, current).toString() : undefined;
}
