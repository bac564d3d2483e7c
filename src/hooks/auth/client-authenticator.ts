import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { TrustedClient } from './trusted-clients.ts';

/** Asymmetric algorithms only: CDS Hooks 2.0 forbids `none` and symmetric keys; ES384/RS384 are RECOMMENDED. */
export const JWT_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'RS256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export interface AuthenticatorOptions {
  readonly clients: readonly TrustedClient[];
  readonly algorithms: readonly JwtAlgorithm[];
  readonly clockToleranceSeconds: number;
  readonly maxTokenAgeSeconds: number;
  readonly jwksCacheSeconds: number;
  /** Minimum time between two refetches of a `jwks_uri` when a token names an unknown `kid` (key rotation). */
  readonly jwksCooldownSeconds: number;
  /** Atomic insert-if-absent in the shared state database. */
  readonly claimJti: (iss: string, jti: string, expiresAt: Date) => Promise<boolean>;
  readonly now: () => Date;
}

/** Why a token was refused; logged, never sent (the client gets a bare 401). */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'unknown-issuer'
  | 'jku-not-allowed'
  | 'no-kid'
  | 'verification-failed'
  | 'bad-jti'
  | 'replayed';

export type AuthResult =
  | { readonly ok: true; readonly iss: string; readonly tenant: string | undefined; readonly jti: string }
  | { readonly ok: false; readonly failure: AuthFailure; readonly iss?: string };

export interface ClientAuthenticator {
  /** Verifies `Authorization: Bearer <JWT>` for a call whose `aud` must be one of `audiences`. */
  authenticate(authorization: string | undefined, audiences: readonly string[]): Promise<AuthResult>;
}

interface ClientEntry {
  readonly client: TrustedClient;
  readonly keys: JWTVerifyGetKey;
}

function keyResolver(client: TrustedClient, options: AuthenticatorOptions): JWTVerifyGetKey {
  const local = client.jwks ? createLocalJWKSet(client.jwks) : undefined;
  const remote = client.jwks_uri
    ? createRemoteJWKSet(new URL(client.jwks_uri), {
        cacheMaxAge: options.jwksCacheSeconds * 1000,
        cooldownDuration: options.jwksCooldownSeconds * 1000,
        timeoutDuration: 5_000,
      })
    : undefined;
  return async (header, token) => {
    if (local) {
      try {
        return await local(header, token);
      } catch (err) {
        if (!remote) throw err;
      }
    }
    if (!remote) throw new Error('no key source');
    return remote(header, token);
  };
}

const TOKEN = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;
const MAX_AUTHORIZATION_LENGTH = 16_384;

function decode(
  token: string,
): { header: ReturnType<typeof decodeProtectedHeader>; claims: JWTPayload } | undefined {
  try {
    return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch {
    return undefined;
  }
}

function pickClient(entries: readonly ClientEntry[], iss: unknown, tenant: unknown): ClientEntry | undefined {
  const forIssuer = entries.filter((e) => e.client.iss === iss);
  return (
    forIssuer.find((e) => e.client.tenant !== undefined && e.client.tenant === tenant) ??
    forIssuer.find((e) => e.client.tenant === undefined)
  );
}

const fail = (failure: AuthFailure, iss?: string): AuthResult =>
  iss ? { ok: false, failure, iss } : { ok: false, failure };

/** Header checks before any key is touched: a known issuer, `jku` only as its own `jwks_uri`, a `kid`. */
function preflight(
  entries: readonly ClientEntry[],
  authorization: string | undefined,
): { token: string; entry: ClientEntry } | AuthResult {
  if (!authorization) return fail('missing');
  const token = authorization.length <= MAX_AUTHORIZATION_LENGTH ? TOKEN.exec(authorization)?.[1] : undefined;
  const decoded = token ? decode(token) : undefined;
  if (!token || !decoded) return fail('malformed');
  const entry = pickClient(entries, decoded.claims.iss, decoded.claims.tenant);
  if (!entry) return fail('unknown-issuer');
  const { jku, kid } = decoded.header;
  if (jku !== undefined && jku !== entry.client.jwks_uri) return fail('jku-not-allowed', entry.client.iss);
  if (typeof kid !== 'string' || kid === '') return fail('no-kid', entry.client.iss);
  return { token, entry };
}

async function verify(
  token: string,
  entry: ClientEntry,
  audiences: readonly string[],
  options: AuthenticatorOptions,
): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, entry.keys, {
      issuer: entry.client.iss,
      audience: [...audiences],
      algorithms: [...options.algorithms],
      typ: 'JWT',
      clockTolerance: options.clockToleranceSeconds,
      maxTokenAge: options.maxTokenAgeSeconds,
      currentDate: options.now(),
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
    });
    const tenant = entry.client.tenant;
    return tenant === undefined || payload.tenant === tenant ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CDS Hooks 2.0 "Trusting CDS Clients" and the best-practice verification steps: allowlisted `iss` (and `tenant`),
 * `jku` only when it is the client's own `jwks_uri`, `kid` required, signature with an allowlisted asymmetric
 * algorithm, `typ: JWT`, exact `aud`, `exp`/`iat` with clock tolerance and a maximum age, `jti` never seen before
 * (shared store, so every instance sees every `jti`). Tokens are never logged.
 */
export function createClientAuthenticator(options: AuthenticatorOptions): ClientAuthenticator {
  const entries: ClientEntry[] = options.clients.map((client) => ({
    client,
    keys: keyResolver(client, options),
  }));
  return {
    async authenticate(authorization, audiences) {
      const checked = preflight(entries, authorization);
      if ('ok' in checked) return checked;
      const iss = checked.entry.client.iss;
      const payload = await verify(checked.token, checked.entry, audiences, options);
      if (!payload) return fail('verification-failed', iss);
      const jti = payload.jti;
      if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) return fail('bad-jti', iss);
      // Keep the jti for as long as the token could be accepted: min(exp, iat + max age) plus the tolerance.
      const lastValid = Math.min(payload.exp ?? 0, (payload.iat ?? 0) + options.maxTokenAgeSeconds);
      const keepUntil = new Date((lastValid + options.clockToleranceSeconds) * 1000);
      if (!(await options.claimJti(iss, jti, keepUntil))) return fail('replayed', iss);
      return { ok: true, iss, tenant: checked.entry.client.tenant, jti };
    },
  };
}
