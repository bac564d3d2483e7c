import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';

/**
 * A CDS client this service trusts (CONTRACT: the `CDS_CLIENTS_FILE` array). Keys come from an inline JWKS and/or
 * a `jwks_uri`; a token's `jku` header is honoured only when it equals this client's `jwks_uri`.
 */
export interface TrustedClient {
  readonly iss: string;
  readonly jwks?: JSONWebKeySet;
  readonly jwks_uri?: string;
  readonly tenant?: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

const publicJwk = z
  .looseObject({
    kty: z.enum(['EC', 'RSA'], 'only EC and RSA public keys are allowed'),
    kid: z.string().min(1).optional(),
  })
  .refine(
    (jwk) => PRIVATE_MEMBERS.every((m) => !(m in jwk)),
    'a private or symmetric key must never be configured',
  );

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const jwksUri = z.url().refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
}, 'jwks_uri must be https (http only on a loopback host)');

export const trustedClientSchema = z
  .strictObject({
    iss: z.string().min(1).max(2_048),
    jwks: z.object({ keys: z.array(publicJwk).min(1) }).optional(),
    jwks_uri: jwksUri.optional(),
    tenant: z.string().min(1).max(256).optional(),
  })
  .refine((c) => c.jwks !== undefined || c.jwks_uri !== undefined, 'each client needs jwks or jwks_uri');

export const trustedClientsSchema = z.array(trustedClientSchema);

/** Validates a trusted-client list, reporting every problem at once. */
export function parseTrustedClients(json: unknown, source = 'trusted clients'): TrustedClient[] {
  const parsed = trustedClientsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`);
    throw new Error(`Invalid ${source}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data as TrustedClient[];
}

/** Reads and validates the `CDS_CLIENTS_FILE` JSON (a composition root calls this). */
export async function readTrustedClientsFile(file: string): Promise<TrustedClient[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new Error(`CDS_CLIENTS_FILE ${file} could not be read as JSON`);
  }
  return parseTrustedClients(json, `CDS_CLIENTS_FILE ${file}`);
}
