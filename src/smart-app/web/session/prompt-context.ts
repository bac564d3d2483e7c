import { z } from 'zod';

/** What the CDS card's `appContext` says about the prompt (src/hooks `PromptAppContext`); no patient data. */
export interface PromptContext {
  readonly kind?: string;
  readonly rules: readonly string[];
}

const shortText = z.string().min(1).max(80);
const schema = z.looseObject({ kind: shortText.optional(), rules: z.array(shortText).max(20).optional() });

/**
 * Parses the token response's `appContext` (CDS Hooks 2.0 Link.appContext, passed through by the EHR): a JSON
 * string from our own card. Anything else is ignored: the app works without it.
 */
export function parsePromptContext(appContext: unknown): PromptContext | undefined {
  if (typeof appContext !== 'string' || appContext.length > 4000) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(appContext);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return undefined;
  return { ...(parsed.data.kind ? { kind: parsed.data.kind } : {}), rules: parsed.data.rules ?? [] };
}
