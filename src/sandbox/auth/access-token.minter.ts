import { randomUUID } from 'node:crypto';
import { importJWK, type JWK, SignJWT } from 'jose';
import { z } from 'zod';
import { SandboxRole } from '../fhir/access.ts';
import { ACCESS_TOKEN_TYP } from './access-token.verifier.ts';
import type { MintAccessTokenGrant } from './smart-auth.types.ts';
import { parseSmartScopes } from './smart-scope.parser.ts';

const DEFAULT_TTL_SECONDS = 300;
const MAX_TTL_SECONDS = 3600;

const grantSchema = z
  .object({
    clientId: z.string().min(1).max(200),
    role: z.enum(Object.values(SandboxRole) as [SandboxRole, ...SandboxRole[]]),
    scope: z.string().min(1).max(4000),
    fhirUser: z
      .string()
      .regex(/^(Practitioner|PractitionerRole|Patient|RelatedPerson)\/[A-Za-z0-9\-.]{1,64}$/)
      .optional(),
    patient: z
      .string()
      .regex(/^[A-Za-z0-9\-.]{1,64}$/)
      .optional(),
    ttlSeconds: z.number().int().min(1).max(MAX_TTL_SECONDS).optional(),
    breakGlassReason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((g) => parseSmartScopes(g.scope).length > 0, {
    message: 'scope grants no FHIR access',
    path: ['scope'],
  })
  .refine((g) => g.role !== 'patient' || g.fhirUser?.startsWith('Patient/'), {
    message: 'a patient token needs fhirUser Patient/…',
    path: ['fhirUser'],
  });

export interface AccessTokenMinterOptions {
  readonly issuer: string;
  readonly fhirBase: string;
  /** The private RS256 JWK (with `kid`). */
  readonly signingKey: JWK;
  readonly now: () => Date;
}

/** Signs access tokens the same way the token endpoint does (RFC 9068 `at+jwt`, RS256, `aud` = FHIR base). */
export async function createAccessTokenMinter(options: AccessTokenMinterOptions) {
  const key = await importJWK(options.signingKey, 'RS256');
  return async (input: MintAccessTokenGrant): Promise<string> => {
    const grant = grantSchema.parse(input);
    const iat = Math.floor(options.now().getTime() / 1000);
    return new SignJWT({
      client_id: grant.clientId,
      scope: grant.scope,
      role: grant.role,
      ...(grant.fhirUser !== undefined ? { fhirUser: grant.fhirUser } : {}),
      ...(grant.patient !== undefined ? { patient: grant.patient } : {}),
      ...(grant.breakGlassReason !== undefined ? { break_glass_reason: grant.breakGlassReason } : {}),
    })
      .setProtectedHeader({
        alg: 'RS256',
        typ: ACCESS_TOKEN_TYP,
        ...(options.signingKey.kid ? { kid: options.signingKey.kid } : {}),
      })
      .setIssuer(options.issuer)
      .setAudience(options.fhirBase)
      .setSubject(grant.fhirUser ?? grant.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (grant.ttlSeconds ?? DEFAULT_TTL_SECONDS))
      .setJti(randomUUID())
      .sign(key);
  };
}
