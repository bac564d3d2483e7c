import { createReadStream, type ReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { IssueType, OperationOutcomeError } from '../shared/index.ts';
import { readNdjsonLines } from './ndjson-lines.reader.ts';
import { type Phase, phaseOfType, type ResourceSource, type SourceSink } from './source.port.ts';

const CHUNK_BYTES = 1024 * 1024;
const NDJSON = /\.ndjson(\.gz)?$/;
/** Bulk Data servers name files by type (`Observation.ndjson`, `Observation.003.ndjson.gz`, `Patient-1.ndjson`). */
const TYPE_FROM_NAME = /^([A-Z][A-Za-z]+)(?:[._-][^/]*)?\.ndjson(?:\.gz)?$/;

interface InputFile {
  readonly file: string;
  readonly relative: string;
  readonly size: number;
  readonly type: string | undefined;
}

function openLines(file: string, onBytes: (n: number) => void): { chunks: Readable; raw: ReadStream } {
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (chunk) => onBytes(chunk.length));
  if (!file.endsWith('.gz')) return { chunks: raw, raw };
  return { chunks: pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {}), raw };
}

/** The resourceType of a file's first line, for files not named by type; undefined when unreadable. */
async function peekType(file: string): Promise<string | undefined> {
  const { chunks, raw } = openLines(file, () => {});
  let type: string | undefined;
  try {
    await readNdjsonLines(chunks, {
      onLine: (text) => {
        const parsed: unknown = JSON.parse(text);
        const value =
          typeof parsed === 'object' && parsed !== null
            ? (parsed as { resourceType?: unknown }).resourceType
            : undefined;
        type = typeof value === 'string' ? value : undefined;
        throw new StopPeek();
      },
      onOversize: () => {
        throw new StopPeek();
      },
    });
  } catch {
    // A first line that is not JSON leaves the type unknown; the records pass reports the line.
  } finally {
    raw.destroy();
  }
  return type;
}

class StopPeek extends Error {}

/** A file-system or gunzip failure (it carries a code such as EIO or Z_DATA_ERROR), as opposed to a bug. */
function isReadError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    !(error instanceof OperationOutcomeError)
  );
}

async function listInputFiles(dir: string): Promise<InputFile[]> {
  const names = (await readdir(dir, { recursive: true })).filter((name) => NDJSON.test(name)).sort();
  const files: InputFile[] = [];
  for (const relative of names) {
    const file = path.join(dir, relative);
    const info = await stat(file);
    if (!info.isFile()) continue;
    const type = TYPE_FROM_NAME.exec(path.basename(relative))?.[1] ?? (await peekType(file));
    files.push({ file, relative, size: info.size, type });
  }
  return files;
}

/**
 * A folder of FHIR Bulk Data NDJSON (https://hl7.org/fhir/uv/bulkdata/export.html#file-format): any number of
 * `.ndjson` / `.ndjson.gz` files per type, in any folder structure below it. Files are streamed a chunk at a time;
 * files of types the dataset does not use are listed in data quality and not read.
 */
export class DirectorySource implements ResourceSource {
  readonly description: string;
  readonly #files: readonly InputFile[];
  #bytesDone = 0;

  private constructor(dir: string, files: readonly InputFile[]) {
    this.description = `${path.basename(path.resolve(dir))}/ (${files.length} NDJSON file(s))`;
    this.#files = files;
  }

  /** Lists the folder; a missing or unreadable folder, or one without NDJSON, is an input error. */
  static async open(dir: string): Promise<DirectorySource> {
    let files: InputFile[];
    try {
      files = await listInputFiles(dir);
    } catch {
      throw OperationOutcomeError.of(400, {
        code: IssueType.notFound,
        reason: 'extract-source-unreadable',
        diagnostics: `cannot read source directory ${dir}`,
      });
    }
    if (files.length === 0) {
      throw OperationOutcomeError.of(400, {
        code: IssueType.notFound,
        reason: 'extract-source-empty',
        diagnostics: `no .ndjson or .ndjson.gz files in ${dir}`,
      });
    }
    return new DirectorySource(dir, files);
  }

  async readPhase(phase: Phase, sink: SourceSink): Promise<void> {
    if (phase === 'records') this.#start(sink);
    for (const input of this.#files) {
      const inputPhase = input.type === undefined ? 'records' : phaseOfType(input.type);
      if (inputPhase === phase) await this.#readFile(input, sink);
    }
  }

  #start(sink: SourceSink): void {
    for (const input of this.#files) {
      if (input.type !== undefined && phaseOfType(input.type) === undefined) {
        sink.skipped(input.relative, `${input.type} is not used by the dataset`);
      } else sink.progress.addTotal(input.size);
    }
  }

  async #readFile(input: InputFile, sink: SourceSink): Promise<void> {
    const { processor, progress } = sink;
    let lines = 0;
    const { chunks } = openLines(input.file, (n) => {
      this.#bytesDone += n;
      progress.update(this.#bytesDone, processor.resourcesRead);
    });
    try {
      lines = await readNdjsonLines(chunks, {
        onLine: (text, line) => {
          lines = line;
          processor.handleLine(text, input.relative, line, input.type);
        },
        onOversize: (line) => processor.noteOversizeLine(input.relative, line),
      });
    } catch (error) {
      if (!isReadError(error)) throw error;
      sink.skipped(input.relative, `stopped after line ${lines}: ${error.code}`);
    }
  }
}
