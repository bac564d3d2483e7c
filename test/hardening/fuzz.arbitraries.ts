import fc from 'fast-check';
import { looksLikeLeak } from './response-safety.ts';

/** Generated text that, echoed back in a diagnostic, could never be mistaken for a leak. */
export function clean(arb: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return arb.filter((s) => !looksLikeLeak(s));
}

export const METHODS = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');

/** Printable ASCII, unicode (including lone surrogates and NUL), or long runs. */
export const anyText = clean(
  fc.oneof(
    fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.nat({ max: 3000 }).map((n) => 'a'.repeat(n)),
  ),
);

/** Segments that reach real routes, break decoding, or climb out of a folder. */
const ODD_SEGMENTS = [
  '..',
  '%2e%2e',
  '%2F',
  '%00',
  '%E0%A4%A',
  '%',
  '%zz',
  '~',
  '.',
  '$everything',
  '_history',
  '*',
];

/** Paths under a prefix: a known route half the time, otherwise known, random and odd segments mixed. */
export function pathUnder(prefix: string, known: readonly string[]): fc.Arbitrary<string> {
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: clean(fc.webSegment()) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_SEGMENTS) },
  );
  const mixed = fc.array(segment, { maxLength: 4 }).map((parts) => parts.join('/'));
  return fc.oneof(fc.constantFrom(...known), mixed).map((rest) => `${prefix}/${rest}`);
}

function encodeMaybe(text: string, raw: boolean): string {
  return raw ? text.replace(/[\s#]/g, '+') : encodeURIComponent(text);
}

/** A query string of known and random parameters, sometimes with broken percent-encoding. */
export function queryOf(knownKeys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...knownKeys),
    clean(fc.string({ unit: 'grapheme-ascii', maxLength: 12 })),
  );
  const pair = fc
    .tuple(key, anyText, fc.boolean())
    .map(([k, v, raw]) => `${encodeMaybe(k, raw)}=${encodeMaybe(v, raw)}`);
  return fc.array(pair, { maxLength: 6 }).map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

export interface FuzzBody {
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
}

/** Arrays or objects nested up to 10 000 deep (JSON.parse copes; recursive code after it may not). */
export const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '[',
    '{"a":',
    'NaN',
    '{"a":1,}',
    "{'a':1}",
    '\u0000',
    '\uFEFF{}',
    '{"__proto__":{"x":1}}',
    '1e999999',
  ),
  fc.jsonValue().chain((v) => {
    const text = JSON.stringify(v) ?? 'null';
    return fc.nat({ max: text.length }).map((n) => text.slice(0, n));
  }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const RESOURCE_TYPES = [
  'Patient',
  'Observation',
  'Condition',
  'Bundle',
  'Encounter',
  'Flag',
  'AuditEvent',
  'Parameters',
];

const fhirish = fc
  .record({
    resourceType: fc.oneof(fc.constantFrom(...RESOURCE_TYPES), anyText),
    rest: fc.dictionary(clean(fc.string({ maxLength: 12 })), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }),
  })
  .map(({ resourceType, rest }) => JSON.stringify({ ...rest, resourceType }));

/** Up to 2 MB of one JSON string: big, but under the 4 MB limit, so it reaches the parsers behind it. */
const hugeString = fc
  .integer({ min: 10_000, max: 2_000_000 })
  .map((n) => JSON.stringify({ text: 'x'.repeat(n) }));

const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/fhir+json',
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'application/json; charset=bogus',
    'application/json-patch+json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=zz',
  ),
  clean(fc.string({ unit: 'grapheme-ascii', maxLength: 30 })),
);

/** Request bodies: valid, FHIR-shaped, malformed, deeply nested, huge and binary, under any content type. */
export const bodies: fc.Arbitrary<FuzzBody> = fc.record({
  body: fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 3, arbitrary: fhirish },
    { weight: 3, arbitrary: malformedJson },
    { weight: 2, arbitrary: deepJson },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => new Uint8Array(bytes)) },
  ),
  contentType: fc.option(contentTypes, { nil: undefined }),
  contentEncoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'bogus'), {
    nil: undefined,
    freq: 8,
  }),
});

/** Content headers of a fuzz body (header values restricted to what HTTP allows). */
export function bodyHeaders(body: FuzzBody): Record<string, string> {
  return {
    ...(body.contentType !== undefined && /^[\x20-\x7e]*$/.test(body.contentType)
      ? { 'content-type': body.contentType }
      : {}),
    ...(body.contentEncoding !== undefined ? { 'content-encoding': body.contentEncoding } : {}),
  };
}
