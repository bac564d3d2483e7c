import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { SIGNING_ALG, type SigningKey } from './signing-key.store.ts';

/** JWT lifetime: 5 minutes, as the CDS Hooks sandbox does (conformance notes §1.11). */
export const CLIENT_JWT_TTL_SECONDS = 300;

export interface ClientJwtSigner {
  /** Signs a JWT for one call; `audience` is the exact URL of the endpoint being called. */
  sign(audience: string): Promise<string>;
}

/**
 * Signs the CDS client JWT of CDS Hooks 2.0 "Trusting CDS Clients": header `alg` ES384, `kid`, `typ: JWT`, no `jku`
 * (the JWKS is shared out of band: the sandbox CDS service trusts this issuer by default); payload `iss`, `aud`,
 * `exp` (+5 min), `iat`, `jti` (random UUID), plus `sub` = the CDS service's client id, as Epic sends.
 */
export function createClientJwtSigner(
  key: SigningKey,
  issuer: string,
  subject: string,
  now: () => Date,
): ClientJwtSigner {
  return {
    sign(audience) {
      const iat = Math.floor(now().getTime() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(subject)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + CLIENT_JWT_TTL_SECONDS)
        .setJti(randomUUID())
        .sign(key.privateKey);
    },
  };
}
