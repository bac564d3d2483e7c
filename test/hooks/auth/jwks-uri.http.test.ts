import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  hookBody,
  ISSUER,
  makeKey,
  SERVICE_ID,
  type SigningKey,
  startCds,
} from '../cds-harness.ts';

const PATH = `/cds-services/${SERVICE_ID}`;

let jwksServer: http.Server;
let jwksUrl: string;
let published: JWK[] = [];
let fetches = 0;
let k1: SigningKey;
let k2: SigningKey;
let h: Harness;

beforeAll(async () => {
  jwksServer = http.createServer((_req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/ehr/.well-known/jwks.json`;
  k1 = await makeKey('ES384', 'key-2026-01');
  k2 = await makeKey('ES384', 'key-2026-02');
  published = [k1.publicJwk];
  h = await startCds({ clients: [{ iss: ISSUER, jwks_uri: jwksUrl }], config: { jwksCooldownSeconds: 0 } });
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
});

describe('jwks_uri: allowlisted key URL, caching, rotation, jku', () => {
  it('fetches the JWKS once and caches it across calls', async () => {
    const before = fetches;
    expect((await h.post(PATH, hookBody(), { token: await h.token({ key: k1 }) })).status).toBe(200);
    expect((await h.post(PATH, hookBody(), { token: await h.token({ key: k1 }) })).status).toBe(200);
    expect(fetches - before).toBe(1);
  });

  it('follows a key rotation: an unknown kid triggers a refetch, and the retired key stops working', async () => {
    published = [k2.publicJwk];
    expect((await h.post(PATH, hookBody(), { token: await h.token({ key: k2 }) })).status).toBe(200);
    expect((await h.post(PATH, hookBody(), { token: await h.token({ key: k1 }) })).status).toBe(401);
  });

  it("accepts a jku header only when it is the client's own jwks_uri", async () => {
    const own = await h.token({ key: k2, header: { jku: jwksUrl } });
    expect((await h.post(PATH, hookBody(), { token: own })).status).toBe(200);
    const other = await h.token({ key: k2, header: { jku: `${jwksUrl}?x=1` } });
    expect((await h.post(PATH, hookBody(), { token: other })).status).toBe(401);
  });
});
