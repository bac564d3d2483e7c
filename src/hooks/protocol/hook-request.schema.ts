import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import { checkRequestInvariants } from './invariants.ts';

/** The hooks this service implements (HL7 CDS Hooks Library 1.0). */
export const HOOKS = ['patient-view', 'encounter-start'] as const;
export type Hook = (typeof HOOKS)[number];

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const fhirId = z.string().regex(FHIR_ID, 'must be a FHIR id');
/** patient-view: "Practitioner, PractitionerRole, Patient, or RelatedPerson" (a patient or proxy viewing). */
const anyUser = z
  .string()
  .regex(
    /^(Practitioner|PractitionerRole|Patient|RelatedPerson)\/[A-Za-z0-9\-.]{1,64}$/,
    'must be Practitioner/, PractitionerRole/, Patient/ or RelatedPerson/{id}',
  );
/** encounter-start: "Practitioner or PractitionerRole" only. */
const clinicianUser = z
  .string()
  .regex(
    /^(Practitioner|PractitionerRole)\/[A-Za-z0-9\-.]{1,64}$/,
    'must be Practitioner/ or PractitionerRole/{id}',
  );

/** Context per hook (CDS Hooks Library 1.0); other context fields and `extension` are ignored. */
const CONTEXT_SCHEMAS = {
  'patient-view': z.looseObject({ userId: anyUser, patientId: fhirId, encounterId: fhirId.optional() }),
  'encounter-start': z.looseObject({ userId: clinicianUser, patientId: fhirId, encounterId: fhirId }),
} as const;

/** `fhirAuthorization` (spec "Passing the Access Token"); only what the service uses is required. */
const fhirAuthorizationSchema = z.looseObject({
  access_token: z.string().min(1).max(16_384),
  token_type: z.string().regex(/^bearer$/i, 'must be Bearer'),
  expires_in: z.number().int().nonnegative().optional(),
  scope: z.string().max(8_192).optional(),
  subject: z.string().max(1_024).optional(),
  patient: z.string().max(1_024).optional(),
});

function requestSchema(hook: Hook) {
  return z.looseObject({
    hook: z.literal(hook, { error: `hook must be ${hook} for this service` }),
    hookInstance: z.guid('must be a UUID'),
    fhirServer: z
      .url({ protocol: /^https?$/ })
      .max(2_048)
      .optional(),
    fhirAuthorization: fhirAuthorizationSchema.optional(),
    context: CONTEXT_SCHEMAS[hook],
    prefetch: z.record(z.string(), z.unknown()).optional(),
  });
}

const SCHEMAS = {
  'patient-view': requestSchema('patient-view'),
  'encounter-start': requestSchema('encounter-start'),
};

export type HookRequest = z.output<(typeof SCHEMAS)[Hook]>;

function invalid(issues: readonly { path: string; message: string }[]): OperationOutcomeError {
  return OperationOutcomeError.of(
    400,
    ...issues.map((i) => ({
      code: IssueType.invalid,
      reason: 'invalid-hook-request',
      diagnostics: i.message,
      ...(i.path ? { expression: i.path } : {}),
    })),
  );
}

/**
 * Parses a service request body once, at the edge, reporting every problem as one OperationOutcome issue
 * (400). Also enforces cds-r-1 (fhirAuthorization ⇒ fhirServer). Messages never echo the input.
 */
export function parseHookRequest(hook: Hook, body: unknown): HookRequest {
  const parsed = SCHEMAS[hook].safeParse(body);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  for (const v of checkRequestInvariants(body)) {
    if (v.severity === 'error') problems.push({ path: v.path, message: `${v.id}: ${v.message}` });
  }
  if (!parsed.success || problems.length > 0) throw invalid(problems);
  return parsed.data;
}

/** True when the user is a clinician; a patient or proxy viewing their own record never gets a prompt. */
export function isClinicianUser(userId: string): boolean {
  return userId.startsWith('Practitioner/') || userId.startsWith('PractitionerRole/');
}
