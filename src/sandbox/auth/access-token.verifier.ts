import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { z } from 'zod';
import { SandboxRole } from '../fhir/access.ts';

/** Signature algorithms accepted on access tokens; `none` and HMAC are never accepted. */
export const ACCESS_TOKEN_ALGORITHMS = ['RS256', 'ES384'] as const;

/** JWT access tokens carry this `typ` (RFC 9068 §2.1); an id_token cannot pass for one. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

const claimsSchema = z.object({
  client_id: z.string().min(1).max(200),
  scope: z.string().max(4000).default(''),
  role: z.enum(Object.values(SandboxRole) as [SandboxRole, ...SandboxRole[]]),
  fhirUser: z.string().min(1).max(500).optional(),
  patient: z
    .string()
    .regex(/^[A-Za-z0-9\-.]{1,64}$/)
    .optional(),
  jti: z.string().min(1).max(200),
  break_glass_reason: z.string().min(1).max(500).optional(),
});

/** The verified claims of a sandbox access token. */
export interface AccessTokenClaims {
  readonly clientId: string;
  readonly role: SandboxRole;
  readonly scope: string;
  readonly fhirUser?: string;
  readonly patient?: string;
  readonly jti: string;
  readonly breakGlassReason?: string;
}

export interface AccessTokenVerifierOptions {
  readonly issuer: string;
  /** The FHIR base URL: the only accepted `aud`. */
  readonly audience: string;
  readonly jwks: JSONWebKeySet;
  readonly now: () => Date;
}

/** Verifies a bearer JWT (signature, `iss`, `aud`, `exp`, `typ`, algorithm allowlist) and parses its claims. */
export type AccessTokenVerifier = (token: string) => Promise<AccessTokenClaims>;

/** Builds the verifier; any failure rejects (the caller maps every failure to one 401). */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      typ: ACCESS_TOKEN_TYP,
      currentDate: options.now(),
      requiredClaims: ['exp', 'iat', 'jti'],
    });
    const c = claimsSchema.parse(payload);
    return {
      clientId: c.client_id,
      role: c.role,
      scope: c.scope,
      jti: c.jti,
      ...(c.fhirUser !== undefined ? { fhirUser: c.fhirUser } : {}),
      ...(c.patient !== undefined ? { patient: c.patient } : {}),
      ...(c.break_glass_reason !== undefined ? { breakGlassReason: c.break_glass_reason } : {}),
    };
  };
}
