import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonBytes } from '../../../src/hooks/protocol/index.ts';
import { type Harness, hookBody, SERVICE_ID, startCds } from '../cds-harness.ts';

/**
 * The raw-bytes JSON reader that replaced `express.json()` on the CDS routes keeps body-parser's contract: the same
 * bodies are accepted, and the same ones refused with the same status and reason.
 */
const PATH = `/cds-services/${SERVICE_ID}`;
const LIMIT = 64 * 1024;
let h: Harness;
beforeAll(async () => {
  h = await startCds({ config: { maxBodyBytes: LIMIT } });
});
afterAll(async () => {
  await h.close();
});

async function reasonOf(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { issue?: { details?: { coding: { code: string }[] } }[] };
  return body.issue?.[0]?.details?.coding[0]?.code;
}

async function send(body: string | Uint8Array, headers: Record<string, string>): Promise<Response> {
  return fetch(`${h.url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await h.token()}`, ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

describe('JSON body: what is accepted', () => {
  const json = JSON.stringify(hookBody());
  it.each([
    ['identity', json, {}],
    ['gzip', gzipSync(json), { 'content-encoding': 'gzip' }],
    ['deflate', deflateSync(json), { 'content-encoding': 'deflate' }],
    ['br', brotliCompressSync(json), { 'content-encoding': 'br' }],
    ['charset=utf-8', json, { 'content-type': 'application/json; charset=utf-8' }],
    ['application/fhir+json', json, { 'content-type': 'application/fhir+json' }],
    ['a UTF-8 byte order mark', `\uFEFF${json}`, {}],
    ['leading whitespace', `\n\t ${json}`, {}],
  ] as const)('%s → 200', async (_name, body, headers) => {
    const res = await send(body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ cards: [] });
  });
});

describe('JSON body: what is refused, as body-parser refused it', () => {
  const big = JSON.stringify(hookBody({ padding: 'x'.repeat(LIMIT) }));
  it.each([
    ['a top-level string (strict mode)', '"patient-view"', {}, 400, 'malformed-json'],
    ['truncated JSON', '{"hook": ', {}, 400, 'malformed-json'],
    ['a corrupt gzip stream', 'not gzip at all', { 'content-encoding': 'gzip' }, 400, 'malformed-json'],
    [
      'a body over the limit once inflated (gzip bomb)',
      gzipSync(big),
      { 'content-encoding': 'gzip' },
      413,
      'body-too-large',
    ],
    ['an unknown content coding', '{}', { 'content-encoding': 'compress' }, 415, 'unsupported-encoding'],
    [
      'a charset other than UTF-8 (RFC 8259 §8.1)',
      '{}',
      { 'content-type': 'application/json; charset=utf-16' },
      415,
      'unsupported-encoding',
    ],
    [
      'not a JSON media type (no body parsed)',
      JSON.stringify(hookBody()),
      { 'content-type': 'text/plain' },
      400,
      'invalid-hook-request',
    ],
    ['an empty body', '', {}, 400, 'invalid-hook-request'],
  ] as const)('%s → %i %s', async (_name, body, headers, status, reason) => {
    const res = await send(body, headers);
    expect(res.status).toBe(status);
    expect(await reasonOf(res)).toBe(reason);
  });

  it('an unauthenticated body is never read: 401 before any parsing', async () => {
    const res = await h.post(PATH, '{"not": json', { token: null });
    expect(res.status).toBe(401);
  });
});

describe('parseJsonBytes', () => {
  it('parses objects and arrays, drops a BOM, reads an empty body as {}', () => {
    expect(parseJsonBytes(Buffer.from('{"a":[1,"é"]}'))).toEqual({ a: [1, 'é'] });
    expect(parseJsonBytes(Buffer.from('\uFEFF[1]'))).toEqual([1]);
    expect(parseJsonBytes(Buffer.from('  \r\n'))).toEqual({});
  });

  it.each(['1', 'null', 'true', '"x"', '{', '{}}'])('refuses %s with malformed-json', (text) => {
    expect(() => parseJsonBytes(Buffer.from(text))).toThrowError(
      expect.objectContaining({ status: 400 }) as Error,
    );
  });
});
