import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';

/** The file in `dataDir` that keeps the authorization server's secrets across restarts (mode 0600). */
export const KEY_FILE = 'smart-auth-keys.json';

/** Signing keys (private JWKs), cookie-signing keys and generated client secrets. */
export interface AuthKeyMaterial {
  readonly signingKeys: readonly JWK[];
  readonly cookieKeys: readonly string[];
  readonly clientSecrets: Readonly<Record<string, string>>;
}

const jwkSchema = z.looseObject({
  kty: z.enum(['RSA', 'EC']),
  kid: z.string().min(1),
  alg: z.enum(['RS256', 'ES384']),
  use: z.literal('sig'),
  d: z.string().min(1),
});

const fileSchema = z.object({
  version: z.literal(1),
  signingKeys: z.array(jwkSchema).min(1),
  cookieKeys: z.array(z.string().min(32)).min(1),
  clientSecrets: z.record(z.string(), z.string().min(32)),
});

const PUBLIC_MEMBERS = ['kty', 'kid', 'alg', 'use', 'n', 'e', 'crv', 'x', 'y'] as const;

/** The public half of a JWK (private members dropped). */
export function publicJwk(jwk: JWK): JWK {
  const out: Record<string, unknown> = {};
  for (const member of PUBLIC_MEMBERS) {
    if (jwk[member] !== undefined) out[member] = jwk[member];
  }
  return out as JWK;
}

async function generateSigningKey(alg: 'RS256' | 'ES384'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use: 'sig' };
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

async function readKeyFile(file: string): Promise<AuthKeyMaterial | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = fileSchema.parse(JSON.parse(text));
  return {
    signingKeys: parsed.signingKeys as JWK[],
    cookieKeys: parsed.cookieKeys,
    clientSecrets: parsed.clientSecrets,
  };
}

async function writeKeyFile(file: string, material: AuthKeyMaterial): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ version: 1, ...material }, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/**
 * Loads the key material from `dataDir` or generates it (RS256 for access and id tokens, ES384 published for
 * clients that prefer it), adding a secret for every listed confidential client that has none yet. Without a
 * `dataDir` everything lives in memory and changes on every start.
 */
export async function loadKeyMaterial(
  dataDir: string | undefined,
  secretlessClientIds: readonly string[],
): Promise<AuthKeyMaterial> {
  const file = dataDir === undefined ? undefined : path.join(dataDir, KEY_FILE);
  const stored = file === undefined ? undefined : await readKeyFile(file);
  const material: AuthKeyMaterial = stored ?? {
    signingKeys: [await generateSigningKey('RS256'), await generateSigningKey('ES384')],
    cookieKeys: [newSecret()],
    clientSecrets: {},
  };
  const missing = secretlessClientIds.filter((id) => material.clientSecrets[id] === undefined);
  const complete: AuthKeyMaterial = {
    ...material,
    clientSecrets: {
      ...material.clientSecrets,
      ...Object.fromEntries(missing.map((id) => [id, newSecret()])),
    },
  };
  if (file !== undefined && (stored === undefined || missing.length > 0)) await writeKeyFile(file, complete);
  return complete;
}
