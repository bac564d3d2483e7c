import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { z } from 'zod';

export const SIGNING_ALG = 'ES384';
const KEY_FILE = 'ehr-signing-key.json';

/** The EHR's ES384 signing key: the private key for signing and the public JWKS to publish. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwks: JSONWebKeySet;
}

const storedJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-384'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1),
});

async function toSigningKey(privateJwk: z.infer<typeof storedJwkSchema>): Promise<SigningKey> {
  const privateKey = await importJWK({ ...privateJwk, alg: SIGNING_ALG }, SIGNING_ALG);
  if (!('type' in privateKey)) throw new Error('EHR signing key must be an EC key');
  const { kty, crv, x, y, kid } = privateJwk;
  const publicJwk: JWK = { kty, crv, x, y, kid, alg: SIGNING_ALG, use: 'sig' };
  return { kid, privateKey, jwks: { keys: [publicJwk] } };
}

async function generateJwk(): Promise<z.infer<typeof storedJwkSchema>> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return storedJwkSchema.parse({ ...jwk, kid });
}

async function readStoredJwk(file: string): Promise<z.infer<typeof storedJwkSchema> | undefined> {
  try {
    return storedJwkSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`EHR signing key file ${KEY_FILE} is unreadable`);
  }
}

/**
 * Loads the signing key from `dataDir` (created on first use, written owner-only and atomically) or, without a
 * folder, generates one in memory. The `kid` is the RFC 7638 thumbprint, unique within the JWKS as CDS Hooks 2.0
 * "Trusting CDS Clients" requires.
 */
export async function loadSigningKey(dataDir: string | undefined): Promise<SigningKey> {
  if (dataDir === undefined) return toSigningKey(await generateJwk());
  const file = path.join(dataDir, KEY_FILE);
  const stored = await readStoredJwk(file);
  if (stored) return toSigningKey(stored);
  const fresh = await generateJwk();
  await mkdir(dataDir, { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, JSON.stringify(fresh), { mode: 0o600 });
  await rename(tmp, file);
  return toSigningKey(fresh);
}
