import { z } from 'zod';
import { type IssueInput, IssueType, OperationOutcomeError } from '../shared/operation-outcome.ts';
import {
  checkActions,
  checkAgainstPatient,
  checkDisclosure,
  checkEnquiry,
  checkForm,
  checkRisk,
  type FormProblem,
} from './form.rules.ts';
import {
  actionsSchema,
  consentSchema,
  type DvaForm,
  disclosureSchema,
  enquirySchema,
  perpetrationSchema,
  recordAccessSchema,
  riskSchema,
} from './form.schema.ts';

/** Adds rule problems to a zod refinement, keeping the stable reason code in `params`. */
function report(problems: readonly FormProblem[], ctx: z.RefinementCtx): void {
  for (const p of problems) {
    ctx.addIssue({ code: 'custom', message: p.message, path: [...p.path], params: { reason: p.reason } });
  }
}

function refined<T>(schema: z.ZodType<T>, check: (value: T) => FormProblem[]): z.ZodType<T> {
  return schema.superRefine((value, ctx) => report(check(value), ctx));
}

const formSchema = z
  .strictObject({
    enquiry: refined(enquirySchema, checkEnquiry).optional(),
    disclosure: refined(disclosureSchema, checkDisclosure).optional(),
    risk: refined(riskSchema, checkRisk).optional(),
    actions: refined(actionsSchema, checkActions).optional(),
    consent: consentSchema.optional(),
    suspectedPerpetration: perpetrationSchema.optional(),
    recordAccess: recordAccessSchema.optional(),
  })
  .superRefine((form, ctx) => report(checkForm(form), ctx));

/** `disclosure.children.linkedPatientIds[0]` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') {
    const reason = issue.params?.reason;
    return typeof reason === 'string' ? reason : 'invalid-form';
  }
  return `form-${issue.code.replace(/_/g, '-')}`;
}

function issueType(issue: z.core.$ZodIssue): IssueType {
  if (issue.code === 'custom') return IssueType.invalid;
  if (issue.code === 'unrecognized_keys') return IssueType.structure;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return IssueType.required;
  return IssueType.value;
}

function toIssueInput(issue: z.core.$ZodIssue): IssueInput {
  const expression = formatPath(issue.path);
  return {
    code: issueType(issue),
    reason: reasonOf(issue),
    diagnostics: issue.message,
    ...(expression ? { expression } : {}),
  };
}

/**
 * Parses untrusted form input once, at the edge, reporting every problem at once: an OperationOutcomeError (422)
 * with one issue per problem, each with a stable reason code and the FHIRPath-like `expression` of the field.
 * Field rules run per section; cross-section rules run when every section is well-formed.
 */
export function parseDvaForm(input: unknown, context: { readonly patientId: string }): DvaForm {
  const parsed = formSchema.safeParse(input);
  const issues = parsed.success
    ? checkAgainstPatient(parsed.data, context.patientId).map((p) => ({
        code: IssueType.invalid,
        reason: p.reason,
        diagnostics: p.message,
        expression: formatPath(p.path),
      }))
    : parsed.error.issues.map(toIssueInput);
  if (issues.length > 0 || !parsed.success) throw OperationOutcomeError.of(422, ...issues);
  return parsed.data;
}
