import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirErrorHandler, notFoundHandler } from '../../src/http/index.ts';

describe('createFhirErrorHandler', () => {
  const unexpected: string[] = [];
  let base = '';
  let close: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.post('/echo', express.json({ limit: 1024 }), (req, res) => {
      res.json(req.body);
    });
    app.get('/boom', () => {
      throw new TypeError('secret detail at /srv/app.ts:1:1');
    });
    app.use(notFoundHandler);
    app.use(createFhirErrorHandler({ onUnexpected: (name) => unexpected.push(name) }));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const post = (body: BodyInit, headers: Record<string, string>) =>
    fetch(`${base}/echo`, { method: 'POST', body, headers });

  it.each([
    ['malformed JSON', '{"a":', {}, 400, 'malformed-json'],
    ['a body over the limit', JSON.stringify({ a: 'x'.repeat(2048) }), {}, 413, 'body-too-large'],
    [
      'an unsupported charset',
      '{}',
      { 'content-type': 'application/json; charset=klingon' },
      415,
      'unsupported-encoding',
    ],
    [
      'a body whose gzip encoding is corrupt',
      'not gzip at all',
      { 'content-encoding': 'gzip' },
      400,
      'unreadable-body',
    ],
  ])('answers %s with an OperationOutcome', async (_name, body, headers, status, reason) => {
    const res = await post(body, { 'content-type': 'application/json', ...headers });
    const outcome = (await res.json()) as {
      resourceType: string;
      issue: { details?: { coding: { code: string }[] } }[];
    };
    expect([res.status, res.headers.get('content-type'), outcome.resourceType]).toEqual([
      status,
      'application/fhir+json; charset=utf-8',
      'OperationOutcome',
    ]);
    expect(outcome.issue[0]?.details?.coding[0]?.code).toBe(reason);
  });

  it('still accepts a well-formed gzip body', async () => {
    const res = await post(gzipSync(JSON.stringify({ ok: true })), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect([res.status, await res.json()]).toEqual([200, { ok: true }]);
  });

  it('turns anything unexpected into a generic 500 and reports only the error name', async () => {
    const res = await fetch(`${base}/boom`);
    const text = await res.text();
    expect([res.status, text.includes('secret'), text.includes('app.ts'), unexpected.at(-1)]).toEqual([
      500,
      false,
      false,
      'TypeError',
    ]);
  });

  it('answers an unknown route with a 404 OperationOutcome', async () => {
    const res = await fetch(`${base}/nowhere`);
    expect([res.status, ((await res.json()) as { resourceType: string }).resourceType]).toEqual([
      404,
      'OperationOutcome',
    ]);
  });
});
