import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_JWT_TTL_SECONDS, createClientJwtSigner } from '../../../src/sandbox/ehr/client-jwt.signer.ts';
import { loadSigningKey } from '../../../src/sandbox/ehr/signing-key.store.ts';

const ISSUER = 'http://localhost:8080/ehr';
const AUD = 'http://localhost:8080/cds-services/dva-patient-view';
const NOW = new Date('2026-03-07T10:00:00Z');

describe('CDS client JWT (CDS Hooks 2.0 "Trusting CDS Clients")', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('is ES384 with kid and typ, no jku, and verifies against the published JWKS', async () => {
    const key = await loadSigningKey(undefined);
    const token = await createClientJwtSigner(key, ISSUER, 'safe-enquiry-service', () => NOW).sign(AUD);
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: 'ES384', kid: key.kid, typ: 'JWT' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(key.jwks), {
      issuer: ISSUER,
      audience: AUD,
      algorithms: ['ES384'],
      currentDate: NOW,
    });
    expect(payload.sub).toBe('safe-enquiry-service');
    expect(payload.iat).toBe(NOW.getTime() / 1000);
    expect(payload.exp).toBe(NOW.getTime() / 1000 + CLIENT_JWT_TTL_SECONDS);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every JWT its own jti and binds it to one audience', async () => {
    const key = await loadSigningKey(undefined);
    const signer = createClientJwtSigner(key, ISSUER, 'safe-enquiry-service', () => NOW);
    const jwks = createLocalJWKSet(key.jwks);
    const tokens = await Promise.all([signer.sign(AUD), signer.sign(AUD), signer.sign(AUD)]);
    const jtis = await Promise.all(
      tokens.map(async (t) => (await jwtVerify(t, jwks, { audience: AUD, currentDate: NOW })).payload.jti),
    );
    expect(new Set(jtis).size).toBe(3);
    await expect(
      jwtVerify(tokens[0] ?? '', jwks, { audience: `${AUD}/feedback`, currentDate: NOW }),
    ).rejects.toThrow(/aud/);
  });

  it('is rejected once expired', async () => {
    const key = await loadSigningKey(undefined);
    const token = await createClientJwtSigner(key, ISSUER, 'safe-enquiry-service', () => NOW).sign(AUD);
    const later = new Date(NOW.getTime() + (CLIENT_JWT_TTL_SECONDS + 1) * 1000);
    await expect(jwtVerify(token, createLocalJWKSet(key.jwks), { currentDate: later })).rejects.toThrow(
      /exp/,
    );
  });

  it('persists the key pair in dataDir (owner-only) and reloads the same key', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ehr-key-'));
    dirs.push(dir);
    const first = await loadSigningKey(dir);
    const second = await loadSigningKey(dir);
    expect(second.kid).toBe(first.kid);
    expect(second.jwks).toEqual(first.jwks);
    const file = path.join(dir, 'ehr-signing-key.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      kty: 'EC',
      crv: 'P-384',
      kid: first.kid,
    });
    expect(first.jwks.keys[0]).not.toHaveProperty('d');
    expect(first.jwks.keys[0]).toMatchObject({ alg: 'ES384', use: 'sig', crv: 'P-384' });
  });
});
