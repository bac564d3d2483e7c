import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

/** The signed-in user, as the verified id_token says. */
export interface VerifiedUser {
  /** `Practitioner/{id}` or `PractitionerRole/{id}`: the author of what is recorded. */
  readonly authorRef: string;
}

/** Why the user could not be established; the app then records nothing. */
export class UserNotVerifiedError extends Error {
  readonly reason: 'id-token-missing' | 'id-token-invalid' | 'not-a-clinician';
  constructor(reason: UserNotVerifiedError['reason']) {
    super(reason);
    this.name = 'UserNotVerifiedError';
    this.reason = reason;
  }
}

export interface IdTokenCheck {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly clientId: string;
  /** The FHIR base `fhirUser` must be under (SMART 2.2: an absolute URL of a FHIR resource). */
  readonly fhirBaseUrl: string;
}

const claimsSchema = z.looseObject({ fhirUser: z.string().min(1).max(500) });
const AUTHOR = /^(Practitioner|PractitionerRole)\/[A-Za-z0-9\-.]{1,64}$/;

/** `Practitioner/{id}` from a `fhirUser` claim on this FHIR server; undefined for anyone else (patients, proxies). */
export function authorRefOf(fhirUser: string, fhirBaseUrl: string): string | undefined {
  const base = `${fhirBaseUrl.replace(/\/+$/, '')}/`;
  const relative = fhirUser.startsWith(base)
    ? fhirUser.slice(base.length)
    : /^https?:/.test(fhirUser)
      ? ''
      : fhirUser;
  return AUTHOR.test(relative) ? relative : undefined;
}

/**
 * Verifies the id_token (signature against the server's JWKS, issuer, audience = our client id, expiry) before its
 * `fhirUser` is trusted as the author (SMART 2.2 "Scopes for requesting identity data"; fhirclient only decodes it).
 */
export async function verifyIdToken(idToken: string | undefined, check: IdTokenCheck): Promise<VerifiedUser> {
  if (!idToken) throw new UserNotVerifiedError('id-token-missing');
  const keys = createRemoteJWKSet(new URL(check.jwksUri));
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      issuer: check.issuer,
      audience: check.clientId,
      algorithms: ['RS256', 'RS384', 'ES256', 'ES384', 'PS256'],
      clockTolerance: 60,
    }));
  } catch {
    throw new UserNotVerifiedError('id-token-invalid');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new UserNotVerifiedError('id-token-invalid');
  const authorRef = authorRefOf(claims.data.fhirUser, check.fhirBaseUrl);
  if (!authorRef) throw new UserNotVerifiedError('not-a-clinician');
  return { authorRef };
}
