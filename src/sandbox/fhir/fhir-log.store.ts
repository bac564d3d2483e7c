import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';

/** One change inside a logged unit of work. */
export type LogOp =
  | { readonly op: 'put'; readonly resource: Resource }
  | { readonly op: 'delete'; readonly resourceType: string; readonly id: string }
  | { readonly op: 'expunge'; readonly resourceType: string; readonly id: string }
  | { readonly op: 'clear' };

/** One line of the log: every change of one acknowledged unit of work (a single write or a whole transaction). */
export interface LogRecord {
  readonly v: 1;
  readonly ops: readonly LogOp[];
}

const resourceSchema = z.looseObject({ resourceType: z.string().min(1), id: z.string().min(1) });
const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), resource: resourceSchema }),
  z.object({ op: z.literal('delete'), resourceType: z.string().min(1), id: z.string().min(1) }),
  z.object({ op: z.literal('expunge'), resourceType: z.string().min(1), id: z.string().min(1) }),
  z.object({ op: z.literal('clear') }),
]);
const recordSchema = z.object({ v: z.literal(1), ops: z.array(opSchema) });

/** The log file name inside the data directory. */
export const FHIR_LOG_FILE = 'fhir.ndjson';

/** Serialises one op for {@link FhirLog.append}; done when the change happens, so later mutation cannot leak in. */
export function serialiseOp(op: LogOp): string {
  return JSON.stringify(op);
}

function parseRecord(line: string, lineNumber: number, file: string): LogRecord {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`FHIR log ${file} is corrupt at line ${lineNumber}: not JSON`);
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) throw new Error(`FHIR log ${file} is corrupt at line ${lineNumber}: unexpected shape`);
  return parsed.data as LogRecord;
}

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** What {@link FhirLog.open} found on disk. */
export interface OpenedLog {
  readonly log: FhirLog;
  readonly records: readonly LogRecord[];
  /** Bytes of a torn (unacknowledged, partially written) last line that were cut off. */
  readonly tornBytes: number;
}

interface PendingRecord {
  readonly buffer: Buffer;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

const write = promisify(fs.write);
const fdatasync = promisify(fs.fdatasync);

async function writeAllAsync(fd: number, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length)
    offset += (await write(fd, buffer, offset, buffer.length - offset)).bytesWritten;
}

/**
 * An append-only NDJSON log with group commit. {@link append} queues one line and resolves once that line has been
 * written and `fdatasync`ed: lines queued while a flush is under way go out together in the next write and share
 * its fdatasync, so concurrent writers do not pay one disk sync each, and the event loop never waits on the disk.
 * Lines reach the file in the order they were queued, so the file is always a prefix of the acknowledged history.
 *
 * On open, a torn last line (a crash in the middle of a write, never acknowledged) is cut off so later appends start
 * on a clean line; any other unreadable line is corruption and stops the boot rather than silently dropping
 * acknowledged data. A failed write or sync cuts the file back to its last durable length and makes the log refuse
 * every later append (fail-stop: restart to recover from the durable prefix).
 */
export class FhirLog {
  private fd: number | undefined;
  private size: number;
  private broken = false;
  private pending: PendingRecord[] = [];
  /** True while a flush loop runs; set and cleared synchronously, so no queued record is ever stranded. */
  private flushing = false;
  private drained: Promise<void> = Promise.resolve();

  readonly file: string;

  private constructor(file: string, fd: number, size: number) {
    this.file = file;
    this.fd = fd;
    this.size = size;
  }

  static open(dataDir: string): OpenedLog {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, FHIR_LOG_FILE);
    const existed = fs.existsSync(file);
    const content = existed ? fs.readFileSync(file) : Buffer.alloc(0);
    const cleanLength = content.lastIndexOf(0x0a) + 1;
    const tornBytes = content.length - cleanLength;
    if (tornBytes > 0) fs.truncateSync(file, cleanLength);
    const fd = fs.openSync(file, 'a');
    if (tornBytes > 0) fs.fdatasyncSync(fd);
    if (!existed) fsyncDirectory(dataDir);
    const lines = content.subarray(0, cleanLength).toString('utf8').split('\n');
    const records: LogRecord[] = [];
    lines.forEach((line, index) => {
      if (line.length > 0) records.push(parseRecord(line, index + 1, file));
    });
    return { log: new FhirLog(file, fd, cleanLength), records, tornBytes };
  }

  /**
   * Queues one record made of already serialised ops. Throws at once when the log is closed or broken; otherwise
   * returns a promise that resolves when the record is durable and rejects if it never will be.
   */
  append(serialisedOps: readonly string[]): Promise<void> {
    if (this.fd === undefined) throw new Error('FHIR log is closed');
    if (this.broken) throw new Error('FHIR log is unusable after a failed write');
    const buffer = Buffer.from(`{"v":1,"ops":[${serialisedOps.join(',')}]}\n`, 'utf8');
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ buffer, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        this.drained = this.flush();
      }
    });
  }

  /** Writes queued records in batches until none is left; clears `flushing` in the same turn it finds none. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.writeBatch(this.pending.splice(0));
    } finally {
      this.flushing = false;
    }
  }

  private async writeBatch(batch: readonly PendingRecord[]): Promise<void> {
    const data = Buffer.concat(batch.map((p) => p.buffer));
    try {
      if (this.fd === undefined || this.broken) throw new Error('FHIR log is closed');
      await writeAllAsync(this.fd, data);
      await fdatasync(this.fd);
      this.size += data.length;
    } catch (err) {
      this.fail();
      for (const p of [...batch, ...this.pending.splice(0)]) p.reject(err);
      return;
    }
    for (const p of batch) p.resolve();
  }

  private fail(): void {
    this.broken = true;
    try {
      if (this.fd !== undefined) fs.ftruncateSync(this.fd, this.size);
    } catch {
      // The log is already refusing writes; the next boot cuts any torn tail.
    }
  }

  /** Waits for queued records to be flushed, then closes the file; later appends throw. */
  async close(): Promise<void> {
    while (this.flushing) await this.drained;
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
