/** Longest line accepted (a FHIR resource with embedded attachments can be large; memory must stay bounded). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export interface LineHandlers {
  /** Called synchronously for each non-blank line, 1-based line numbers. */
  readonly onLine: (text: string, line: number) => void;
  /** Called for a line longer than MAX_LINE_BYTES, which is skipped. */
  readonly onOversize: (line: number) => void;
}

/**
 * Splits a byte stream into NDJSON lines (https://github.com/ndjson/ndjson-spec) and hands each to `onLine`
 * synchronously — no promise per line, which is what makes a million lines cheap. Splitting is on the 0x0A byte,
 * which never occurs inside a multi-byte UTF-8 sequence, so decoding a whole line at once is safe. Strips a leading
 * BOM and a trailing CR. Memory: one chunk plus one partial line.
 */
export async function readNdjsonLines(
  chunks: AsyncIterable<Uint8Array>,
  handlers: LineHandlers,
  maxLineBytes: number = MAX_LINE_BYTES,
): Promise<number> {
  const state: SplitState = { line: 0, pending: [], pendingBytes: 0, oversize: false, maxLineBytes };
  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      emitLine(state, chunk.subarray(start, newline), handlers);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) keepPartial(state, chunk.subarray(start));
  }
  if (state.pendingBytes > 0 || state.oversize) emitLine(state, Buffer.alloc(0), handlers);
  return state.line;
}

interface SplitState {
  line: number;
  pending: Buffer[];
  pendingBytes: number;
  oversize: boolean;
  readonly maxLineBytes: number;
}

function keepPartial(state: SplitState, part: Buffer): void {
  if (state.oversize) return;
  state.pendingBytes += part.length;
  if (state.pendingBytes > state.maxLineBytes) {
    state.oversize = true;
    state.pending = [];
    return;
  }
  state.pending.push(Buffer.from(part));
}

function emitLine(state: SplitState, tail: Buffer, handlers: LineHandlers): void {
  state.line++;
  if (state.oversize || state.pendingBytes + tail.length > state.maxLineBytes) {
    state.oversize = false;
    state.pending = [];
    state.pendingBytes = 0;
    handlers.onOversize(state.line);
    return;
  }
  let bytes = state.pending.length === 0 ? tail : Buffer.concat([...state.pending, tail]);
  state.pending = [];
  state.pendingBytes = 0;
  if (state.line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    bytes = bytes.subarray(3);
  const end =
    bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  if (isBlank(bytes, end)) return;
  handlers.onLine(bytes.toString('utf8', 0, end), state.line);
}

function isBlank(bytes: Buffer, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}
