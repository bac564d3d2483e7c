/** The hooks the simulator fires. */
export const EHR_HOOKS = ['patient-view', 'encounter-start'] as const;
export type EhrHook = (typeof EHR_HOOKS)[number];

/** `fhirAuthorization` of CDS Hooks 2.0 "Passing the Access Token to the CDS Service". */
export interface FhirAuthorization {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
  /** The OAuth client id of the CDS service. */
  readonly subject: string;
  readonly patient?: string;
}

export interface HookContextInput {
  readonly userId: string;
  readonly patientId: string;
  readonly encounterId?: string;
}

export interface HookRequest {
  readonly hook: EhrHook;
  readonly hookInstance: string;
  readonly fhirServer: string;
  readonly fhirAuthorization: FhirAuthorization;
  readonly context: Readonly<Record<string, string>>;
  readonly prefetch?: Readonly<Record<string, unknown>>;
}

/**
 * Hook context per the HL7 CDS Hooks Library: patient-view {userId, patientId, encounterId?}; encounter-start
 * {userId, patientId, encounterId} (encounterId REQUIRED there).
 */
export function buildHookContext(hook: EhrHook, input: HookContextInput): Record<string, string> {
  if (hook === 'encounter-start' && input.encounterId === undefined) {
    throw new Error('encounter-start needs an encounterId');
  }
  return {
    userId: input.userId,
    patientId: input.patientId,
    ...(input.encounterId === undefined ? {} : { encounterId: input.encounterId }),
  };
}

/**
 * The service request body of CDS Hooks 2.0 "Calling a CDS Service". Optional members without a value are omitted
 * (no `{}`), as the JSON rules of the spec require.
 */
export function buildHookRequest(parts: {
  hook: EhrHook;
  hookInstance: string;
  fhirServer: string;
  fhirAuthorization: FhirAuthorization;
  context: Record<string, string>;
  prefetch?: Readonly<Record<string, unknown>>;
}): HookRequest {
  const { prefetch, ...rest } = parts;
  return prefetch === undefined || Object.keys(prefetch).length === 0 ? rest : { ...rest, prefetch };
}
