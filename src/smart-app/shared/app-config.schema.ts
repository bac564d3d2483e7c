import { z } from 'zod';
import { REFERRAL_TARGETS } from '../../recording/index.ts';

/** One local service clinicians can refer to; several may share a target (e.g. two specialist DA services). */
export const referralServiceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lower-case slug'),
  target: z.enum(REFERRAL_TARGETS),
  name: z.string().min(1).max(120),
  phone: z.string().min(1).max(40).optional(),
  hours: z.string().min(1).max(120).optional(),
  description: z.string().min(1).max(400).optional(),
});

export type ReferralService = z.infer<typeof referralServiceSchema>;

/** The local referral directory (IDVA/MHIDVA, specialist DA services, MARAC, safeguarding). */
export const referralDirectorySchema = z.array(referralServiceSchema).max(100);

/**
 * The runtime configuration the server hands the browser app at `/app/config.json`: nothing secret (the app is a
 * public client), nothing about a patient.
 */
export const appConfigSchema = z.strictObject({
  clientId: z.string().min(1).max(200),
  /** The registered redirect URI: `{publicBaseUrl}/app/`. */
  redirectUri: z.url(),
  /** FHIR base for a standalone launch (an EHR launch names its own `iss`). */
  fhirBaseUrl: z.url(),
  /** FHIR bases the app accepts as an EHR launch's `iss`: it never follows a launch link to an unknown server. */
  allowedIssuers: z.array(z.url()).min(1),
  /** Scopes of the recording entry (`/app/launch`). */
  scopes: z.strictObject({ ehr: z.string().min(1), standalone: z.string().min(1) }),
  /** Scopes of the safeguarding entry (`/app/safeguarding/launch`). */
  reviewScopes: z.strictObject({ ehr: z.string().min(1), standalone: z.string().min(1) }),
  directory: referralDirectorySchema,
  /** The app as a FHIR Device named in Provenance, when the EHR registered one. */
  appDevice: z
    .string()
    .regex(/^Device\/[A-Za-z0-9\-.]{1,64}$/)
    .optional(),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
