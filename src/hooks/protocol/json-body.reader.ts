import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';

/**
 * The JSON request body, read as raw bytes and parsed with one `JSON.parse`. Replaces `express.json()` on the CDS
 * routes: body-parser decodes every chunk to a string as it arrives, so the partial bodies of requests in flight
 * live on the V8 heap, survive young-generation collections and are copied and promoted; raw Buffers stay off the
 * heap until the whole body is there. The contract is body-parser's (strict mode): `application/json` and
 * `application/*+json` only (other types leave `req.body` undefined), UTF-8 (a BOM is dropped), `identity`, `gzip`,
 * `deflate` or `br` content coding, at most `limit` bytes after decoding (413), malformed JSON or a body whose
 * first character is not `{` or `[` → 400, any other charset or coding → 415. One difference: body-parser also
 * decoded UTF-16 and UTF-32 bodies; RFC 8259 §8.1 requires UTF-8 between systems, so those get 415 here.
 */
export interface JsonBodyOptions {
  readonly limit: number;
}

const JSON_MEDIA_TYPE = /^application\/(?:json|[^\s/;]+\+json)$/;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

const tooLarge = () =>
  OperationOutcomeError.of(413, {
    code: IssueType.tooLong,
    reason: 'body-too-large',
    diagnostics: 'Request body is too large',
  });
const malformed = (diagnostics = 'Request body is not valid JSON') =>
  OperationOutcomeError.of(400, { code: IssueType.structure, reason: 'malformed-json', diagnostics });
const unsupported = () =>
  OperationOutcomeError.of(415, {
    code: IssueType.notSupported,
    reason: 'unsupported-encoding',
    diagnostics: 'Unsupported content encoding or charset',
  });

/** True when the request declares a JSON media type (parameters ignored). */
export function isJsonRequest(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return type !== undefined && JSON_MEDIA_TYPE.test(type);
}

function decodedStream(req: IncomingMessage): Readable {
  const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  switch (coding) {
    case 'identity':
      return req;
    case 'gzip':
      return req.pipe(createGunzip());
    case 'deflate':
      return req.pipe(createInflate());
    case 'br':
      return req.pipe(createBrotliDecompress());
    default:
      throw unsupported();
  }
}

/** Reads the rest of the request and throws it away, then settles (body-parser answers only after the body). */
function discard(req: IncomingMessage, stream: Readable): Promise<void> {
  if (stream !== req) {
    req.unpipe();
    stream.destroy();
  }
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.once('end', resolve).once('close', resolve).once('error', resolve).resume();
  });
}

/**
 * The decoded body as the chunks it arrived in, at most `limit` bytes (413 beyond, checked against `Content-Length`
 * first). Kept apart so that they can be moved to a worker thread without a copy (`evaluation.pool.ts`).
 */
export function readBodyChunks(req: IncomingMessage, limit: number): Promise<Buffer[]> {
  const declared = Number(req.headers['content-length']);
  const stream = decodedStream(req);
  if (stream === req && declared > limit) return discard(req, req).then(() => Promise.reject(tooLarge()));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        cleanup();
        void discard(req, stream).then(() => reject(tooLarge()));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks);
    };
    const onError = () => {
      cleanup();
      void discard(req, stream).then(() => reject(malformed('Request body could not be decoded')));
    };
    const onClose = () => {
      if (req.complete) return;
      cleanup();
      reject(malformed('Request body ended early'));
    };
    stream.on('data', onData).on('end', onEnd).on('error', onError);
    req.on('close', onClose);
  });
}

/** One Buffer of the chunks, without a copy when there is only one. */
export function joinChunks(chunks: readonly Uint8Array[]): Buffer {
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only) return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
  return Buffer.concat(chunks);
}

/** One `JSON.parse` of UTF-8 bytes, body-parser's strict mode: empty → `{}`, only an object or array at the top. */
export function parseJsonBytes(bytes: Buffer): unknown {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let i = 0;
  while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  if (i === text.length) return {};
  const first = text.charAt(i);
  if (first !== '{' && first !== '[') throw malformed();
  try {
    return JSON.parse(text);
  } catch {
    throw malformed();
  }
}

/**
 * The decoded chunks of a JSON body, not yet parsed (`parseJsonBytes(joinChunks(…))` does that, possibly on another
 * thread), or undefined when the request does not declare a JSON media type. Charset, coding and size are checked
 * here.
 */
export async function readJsonChunks(
  req: IncomingMessage,
  options: JsonBodyOptions,
): Promise<Buffer[] | undefined> {
  const contentType = req.headers['content-type'];
  if (!isJsonRequest(contentType)) return undefined;
  const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw unsupported();
  return readBodyChunks(req, options.limit);
}

/** The parsed JSON body, or undefined when the request does not declare a JSON media type. */
export async function readJsonRequest(req: IncomingMessage, options: JsonBodyOptions): Promise<unknown> {
  const chunks = await readJsonChunks(req, options);
  return chunks === undefined ? undefined : parseJsonBytes(joinChunks(chunks));
}
