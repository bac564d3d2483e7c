import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import { checkFeedbackInvariants } from './invariants.ts';

const codingSchema = z.looseObject({
  system: z.string().min(1).max(512).optional(),
  code: z.string().min(1).max(256),
  display: z.string().max(1_024).optional(),
});

const feedbackItemSchema = z.looseObject({
  card: z.string().min(1).max(128),
  outcome: z.enum(['accepted', 'overridden']),
  acceptedSuggestions: z
    .array(z.looseObject({ id: z.string().min(1).max(128) }))
    .max(50)
    .optional(),
  overrideReason: z
    .looseObject({ reason: codingSchema.optional(), userComment: z.string().max(4_000).optional() })
    .optional(),
  outcomeTimestamp: z.iso.datetime({ offset: true }),
});

/** Body of `POST {baseUrl}/cds-services/{id}/feedback`: "an object containing an array" (CDS Hooks 2.0 §Feedback). */
const feedbackSchema = z.looseObject({ feedback: z.array(feedbackItemSchema).min(1).max(100) });

export type FeedbackItem = z.output<typeof feedbackItemSchema>;

/** Parses a feedback body, enforcing cds-fb-1 … cds-fb-3; every problem becomes one issue of a 400. */
export function parseFeedback(body: unknown): FeedbackItem[] {
  const parsed = feedbackSchema.safeParse(body);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const items = parsed.success ? parsed.data.feedback : [];
  items.forEach((item, index) => {
    for (const v of checkFeedbackInvariants(item, `feedback.${index}`)) {
      problems.push({ path: v.path, message: `${v.id}: ${v.message}` });
    }
  });
  if (!parsed.success || problems.length > 0) {
    throw OperationOutcomeError.of(
      400,
      ...problems.map((p) => ({
        code: IssueType.invalid,
        reason: 'invalid-feedback',
        diagnostics: p.message,
        ...(p.path ? { expression: p.path } : {}),
      })),
    );
  }
  return items;
}
