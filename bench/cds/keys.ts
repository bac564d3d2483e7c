/** Client signing keys (one per algorithm) written to the run's temp dir, and tokens signed before timing. */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { BASE, ISS, NOW, SERVICE_PATH } from './fixture.ts';
import type { BenchAlgorithm } from './options.ts';

const ALGORITHMS: readonly BenchAlgorithm[] = ['ES384', 'RS384'];
const file = (dir: string, alg: BenchAlgorithm, kind: 'public' | 'private') =>
  path.join(dir, `${alg}.${kind}.jwk`);

export async function writeKeys(dir: string): Promise<void> {
  for (const alg of ALGORITHMS) {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = randomUUID();
    await writeFile(
      file(dir, alg, 'private'),
      JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg }),
    );
    await writeFile(file(dir, alg, 'public'), JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg }));
  }
}

/** Every public key, for the service's trusted-client JWKS. */
export async function readPublicJwks(dir: string): Promise<JWK[]> {
  return Promise.all(
    ALGORITHMS.map(async (alg) => JSON.parse(await readFile(file(dir, alg, 'public'), 'utf8')) as JWK),
  );
}

/** `count` client JWTs (unique `jti`, `aud` = the patient-view service), signed before any timing starts. */
export async function signTokens(dir: string, alg: BenchAlgorithm, count: number): Promise<string[]> {
  const jwk = JSON.parse(await readFile(file(dir, alg, 'private'), 'utf8')) as JWK;
  const key = await importJWK(jwk, alg);
  const iat = Math.floor(NOW.getTime() / 1000);
  const sign = () =>
    new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg, typ: 'JWT', kid: jwk.kid ?? '' })
      .setIssuer(ISS)
      .setAudience(`${BASE}${SERVICE_PATH}`)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(key);
  return Promise.all(Array.from({ length: count }, sign));
}
