import type { AddressInfo } from 'node:net';
import express from 'express';
import { createFhirService } from '../../../src/sandbox/fhir/index.ts';

const app = express();
const server = app.listen(0);
const port = (server.address() as AddressInfo).port;
const base = `http://localhost:${port}/fhir`;
const svc = await createFhirService({ baseUrl: base });
app.use('/fhir', svc.router);
const H = { 'content-type': 'application/fhir+json' };
async function show(label: string, r: Response) {
  const text = await r.text();
  console.log(
    `--- ${label}: ${r.status} ${r.headers.get('content-type')} etag=${r.headers.get('etag')} loc=${r.headers.get('location')}`,
  );
  console.log(text.slice(0, 400));
}
await show('metadata', await fetch(`${base}/metadata`));
const pr = await fetch(`${base}/Patient`, {
  method: 'POST',
  headers: H,
  body: JSON.stringify({
    resourceType: 'Patient',
    id: 'ignored',
    name: [{ family: 'Smith' }],
    meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
  }),
});
const p = await pr.clone().json();
await show('create', pr);
await show('read', await fetch(`${base}/Patient/${p.id}`));
await show('malformed', await fetch(`${base}/Patient`, { method: 'POST', headers: H, body: '{bad' }));
await show('unknown type', await fetch(`${base}/Foo`));
await show(
  'invalid',
  await fetch(`${base}/Patient`, {
    method: 'POST',
    headers: H,
    body: JSON.stringify({ resourceType: 'Patient', birthDate: 'x', foo: 1 }),
  }),
);
await show(
  '415',
  await fetch(`${base}/Patient`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
);
await show('405', await fetch(`${base}/Patient/${p.id}`, { method: 'POST', headers: H, body: '{}' }));
await show('search', await fetch(`${base}/Patient?family=smith&_count=1`));
await show('unknown param', await fetch(`${base}/Patient?foo=bar`));
await show('history', await fetch(`${base}/Patient/${p.id}/_history`));
await show('type history', await fetch(`${base}/Patient/_history`));
await show(
  'put create',
  await fetch(`${base}/Patient/abc`, {
    method: 'PUT',
    headers: { ...H, prefer: 'return=minimal' },
    body: JSON.stringify({ resourceType: 'Patient', id: 'abc' }),
  }),
);
await show(
  'if-match stale',
  await fetch(`${base}/Patient/abc`, {
    method: 'PUT',
    headers: { ...H, 'if-match': 'W/"nope"' },
    body: JSON.stringify({ resourceType: 'Patient', id: 'abc' }),
  }),
);
await show(
  'cond create',
  await fetch(`${base}/Patient`, {
    method: 'POST',
    headers: { ...H, 'if-none-exist': 'family=Smith' },
    body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Smith' }] }),
  }),
);
await show(
  'search post',
  await fetch(`${base}/Patient/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'family=smith',
  }),
);
await show('delete', await fetch(`${base}/Patient/abc`, { method: 'DELETE' }));
await show('graphql', await fetch(`${base}/$graphql`, { method: 'POST', headers: H, body: '{}' }));
await show(
  'options',
  await fetch(`${base}/Patient`, {
    method: 'OPTIONS',
    headers: { origin: `http://localhost:${port}`, 'access-control-request-method': 'POST' },
  }),
);
await show(
  'too big',
  await fetch(`${base}/Patient`, {
    method: 'POST',
    headers: H,
    body: JSON.stringify({
      resourceType: 'Patient',
      text: { status: 'generated', div: 'x'.repeat(5_000_000) },
    }),
  }),
);
await show('bad count', await fetch(`${base}/Patient?_count=abc`));
await show(
  'bundle bad',
  await fetch(`${base}`, {
    method: 'POST',
    headers: H,
    body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [null] }),
  }),
);
await svc.close();
server.close();
