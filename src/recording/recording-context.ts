import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../shared/operation-outcome.ts';
import { formatPath } from './form.parse.ts';
import { fhirId } from './form.schema.ts';

/**
 * Everything the mapping needs from outside the form. The library is pure: the clock (`now`) and the submission id
 * (client-generated once per submit, e.g. a UUID, and reused on every retry) are passed in. Resource ids are derived
 * from the submission id, so a retried submit writes the same ids again instead of creating anything twice.
 */
export interface RecordingContext {
  /** Client-generated id of this submission; reuse it when retrying the same submit. */
  readonly submissionId: string;
  /** The patient whose record is open (the person asked). */
  readonly patientId: string;
  /** The clinician recording: `Practitioner/{id}` or `PractitionerRole/{id}`. */
  readonly authorRef: string;
  /** The recording app as a FHIR Device, `Device/{id}`, named in Provenance. */
  readonly appDevice?: string | undefined;
  /** The patient's current encounter, when there is one. */
  readonly encounterId?: string | undefined;
  /** The time of recording. */
  readonly now: Date;
}

const reference = (types: string) => new RegExp(`^(${types})/[A-Za-z0-9\\-.]{1,64}$`);

const contextSchema = z.strictObject({
  submissionId: z.string().regex(/^[A-Za-z0-9\-.]{8,64}$/, 'must be 8–64 id characters'),
  patientId: fhirId,
  authorRef: z.string().regex(reference('Practitioner|PractitionerRole'), 'must be Practitioner/{id}'),
  appDevice: z.string().regex(reference('Device'), 'must be Device/{id}').optional(),
  encounterId: fhirId.optional(),
  now: z.date().refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date'),
});

/** Checks the context once, reporting every problem (400: a caller error, not a form error). */
export function parseRecordingContext(input: RecordingContext): RecordingContext {
  const parsed = contextSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw OperationOutcomeError.of(
    400,
    ...parsed.error.issues.map((issue) => ({
      code: IssueType.invalid,
      reason: 'invalid-recording-context',
      diagnostics: issue.message,
      expression: `context.${formatPath(issue.path)}`,
    })),
  );
}
