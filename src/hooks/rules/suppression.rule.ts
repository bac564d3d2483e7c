import type { Coding } from 'fhir/r4.js';
import { LOCAL_CODES, LOCAL_SYSTEM, VALUE_SET_IDS } from '../../terminology/index.ts';
import type { Fact } from './clinical-record.ts';
import { DAY_MS } from './clinical-time.ts';
import type { RecordEvidence, RuleContext } from './rule.types.ts';
import { dayOf, evidenceFor } from './rule-helpers.ts';

/**
 * What the record says about earlier enquiries and disclosures, and whether a prompt must be held back.
 * Kept in this one file so that it can switch to the recording library's reader (`readDvaSummary`) later.
 */

export type EnquiryKind = 'asked' | 'declined' | 'not-made';

const NOT_SAFE_NOW = 'not-asked-not-safe-now';

function hasLocalCode(codings: readonly Coding[], code: string): boolean {
  return codings.some((c) => c.system === LOCAL_SYSTEM && c.code === code);
}

/** Classifies an enquiry entry (ValueSet `enquiry-any`): a not-done Procedure or a "not made" code is not an enquiry. */
export function classifyEnquiry(ctx: RuleContext, fact: Fact): EnquiryKind | undefined {
  if (!ctx.codes.factIn(VALUE_SET_IDS.enquiryAny, fact)) return undefined;
  if (fact.notDone) return 'not-made';
  if (ctx.codes.factIn(VALUE_SET_IDS.enquiryDeclined, fact)) return 'declined';
  const notMade = ctx.codes.factIn(VALUE_SET_IDS.enquiryNotMade, fact);
  if (notMade && !ctx.codes.factIn(VALUE_SET_IDS.enquiryAsked, fact)) return 'not-made';
  return 'asked';
}

function datedUpToNow(ctx: RuleContext, fact: Fact): fact is Fact & { at: number } {
  return fact.at !== undefined && fact.at <= ctx.now.getTime();
}

/** The latest enquiry that was made (asked or declined), if any. */
export function lastEnquiry(ctx: RuleContext): Fact | undefined {
  let last: (Fact & { at: number }) | undefined;
  for (const f of ctx.record.facts) {
    const kind = classifyEnquiry(ctx, f);
    if ((kind === 'asked' || kind === 'declined') && datedUpToNow(ctx, f) && (!last || f.at > last.at))
      last = f;
  }
  return last;
}

/** An enquiry "not made — not safe now" recorded today (local calendar day): prompt again at the next contact. */
export function notSafeNowToday(ctx: RuleContext): Fact | undefined {
  return ctx.record.facts.find(
    (f) =>
      classifyEnquiry(ctx, f) === 'not-made' &&
      hasLocalCode([...f.codings, ...f.qualifiers], NOT_SAFE_NOW) &&
      dayOf(ctx, f) === ctx.today,
  );
}

/** Disclosure on record: a `disclosure` code, or an enquiry whose outcome was a disclosure. Most recent first. */
export function disclosureEvidence(ctx: RuleContext): RecordEvidence[] {
  const nowMs = ctx.now.getTime();
  const coded = ctx.record.facts.filter(
    (f) =>
      !f.notDone && (f.at === undefined || f.at <= nowMs) && ctx.codes.factIn(VALUE_SET_IDS.disclosure, f),
  );
  const byOutcome = ctx.record.facts.filter(
    (f) => classifyEnquiry(ctx, f) === 'asked' && hasLocalCode(f.qualifiers, LOCAL_CODES.outcomeDisclosed),
  );
  return [
    ...evidenceFor(ctx, 'disclosure', VALUE_SET_IDS.disclosure, coded),
    ...evidenceFor(ctx, 'disclosure', VALUE_SET_IDS.enquiryAny, byOutcome),
  ].sort((a, b) => (b.day ?? '').localeCompare(a.day ?? ''));
}

export type Suppression =
  | { readonly kind: 'not-safe-now-today' }
  | { readonly kind: 'enquiry-recent'; readonly lastDay: string | undefined }
  | { readonly kind: 'disclosure'; readonly evidence: readonly RecordEvidence[] };

/**
 * Why a prompt must be held back, in order of precedence:
 * 1. "not asked — not safe now" recorded today → nothing today (prompt again at the next contact);
 * 2. an enquiry asked or declined in the last `recentEnquiryDays` (28) → nothing;
 * 3. a disclosure already on record → no enquiry prompt (the caller may show a review-the-plan card instead).
 */
export function assessSuppression(ctx: RuleContext): Suppression | undefined {
  if (notSafeNowToday(ctx)) return { kind: 'not-safe-now-today' };
  const last = lastEnquiry(ctx);
  const recentFrom = ctx.now.getTime() - ctx.config.suppression.recentEnquiryDays * DAY_MS;
  if (last?.at !== undefined && last.at >= recentFrom)
    return { kind: 'enquiry-recent', lastDay: dayOf(ctx, last) };
  const disclosure = disclosureEvidence(ctx);
  if (disclosure.length > 0) return { kind: 'disclosure', evidence: disclosure };
  return undefined;
}
