import { z } from 'zod';

/**
 * Schemas for what CDS services send back (untrusted input), per CDS Hooks 2.0 "Discovery" and "CDS Service
 * Response". Unknown fields are dropped; a card that breaks a MUST is dropped alone, not the whole response.
 */

const coding = z.object({
  code: z.string().min(1),
  system: z.string().min(1).optional(),
  display: z.string().optional(),
});

/** Override reasons MUST carry a `display` (CDS Hooks 2.0 "Card", `overrideReasons`). */
const overrideReason = coding.extend({ display: z.string().min(1) });

const action = z.object({
  type: z.enum(['create', 'update', 'delete']),
  description: z.string().min(1),
  resourceId: z.string().optional(),
});

const suggestion = z.object({
  label: z.string().min(1),
  uuid: z.string().min(1).optional(),
  isRecommended: z.boolean().optional(),
  actions: z.array(action).optional(),
});

const link = z.object({
  label: z.string().min(1),
  url: z.string().min(1),
  type: z.enum(['absolute', 'smart']),
  appContext: z.string().optional(),
  autolaunchable: z.boolean().optional(),
});

export const cardSchema = z
  .object({
    uuid: z.string().min(1).optional(),
    summary: z.string().min(1),
    detail: z.string().optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: z.object({ label: z.string().min(1), url: z.string().optional(), topic: coding.optional() }),
    suggestions: z.array(suggestion).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z.array(overrideReason).optional(),
    links: z.array(link).optional(),
    extension: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((card) => card.suggestions === undefined || card.selectionBehavior !== undefined, {
    message: 'selectionBehavior is required with suggestions',
    path: ['selectionBehavior'],
  });

export type Card = z.infer<typeof cardSchema>;
export type CardLink = z.infer<typeof link>;
export type OverrideReason = z.infer<typeof overrideReason>;

export const serviceResponseSchema = z.object({ cards: z.array(z.unknown()) });

export const discoverySchema = z.object({
  services: z.array(
    z.object({
      hook: z.string().min(1),
      id: z.string().min(1),
      title: z.string().optional(),
      description: z.string().optional(),
      prefetch: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

export type DiscoveredService = z.infer<typeof discoverySchema>['services'][number];

/**
 * Card extension that lets a card ask for the free-text comment box when it is dismissed. Without it the box is
 * not shown: in a DVA context free text about a patient should not leave the EHR (domain.md, pilot evaluators).
 */
export const OVERRIDE_COMMENT_EXTENSION = 'org.safe-enquiry.override-comment';

export function allowsOverrideComment(card: Card): boolean {
  return card.extension?.[OVERRIDE_COMMENT_EXTENSION] === true;
}

/** Parses each card alone; returns the valid ones and how many were dropped. */
export function parseCards(raw: readonly unknown[]): { cards: Card[]; dropped: number } {
  const cards: Card[] = [];
  for (const item of raw) {
    const parsed = cardSchema.safeParse(item);
    if (parsed.success) cards.push(parsed.data);
  }
  return { cards, dropped: raw.length - cards.length };
}
