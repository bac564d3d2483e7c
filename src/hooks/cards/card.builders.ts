import type { CardKind } from '../../state/index.ts';
import type { CdsCard } from '../protocol/cds.types.ts';
import type { RecordEvidence, RuleHit, WholeFamilyHit } from '../rules/index.ts';
import { type CardOptions, cardSource, overrideReasons, recordLink, suggestion } from './card-parts.ts';
import { evidenceLine, evidenceSection } from './evidence.markdown.ts';
import {
  CHECKLIST,
  DIAGNOSIS_NOTE,
  ON_DISCLOSURE,
  OWN_RELATIONSHIPS,
  RECORD_AND_REFER,
  REVIEW_GUIDANCE,
  SOURCES_ENQUIRY,
  SOURCES_WHOLE_FAMILY,
  SUGGESTED_WORDS,
  WHOLE_FAMILY_GUIDANCE,
} from './safe-enquiry.text.ts';

/** A card and what the pilot store needs to know about it. */
export interface BuiltCard {
  readonly card: CdsCard;
  readonly kind: CardKind;
  readonly ruleIds: readonly string[];
}

/** Discreet summaries: nothing on the surface names the subject (a partner may see the screen). */
export const SUMMARIES = {
  enquiry: 'Consider a private wellbeing conversation with this patient (open for details)',
  wholeFamily: 'Family context to consider for this young person (open for details)',
  review: 'A care plan on file may need review (open for details)',
} as const;

const LINK_LABELS = { record: 'Record and refer', review: 'Review the plan' } as const;
const SUGGESTION_LABELS = {
  enquiry: 'Will ask in private when it is safe',
  wholeFamily: 'Will use this guidance',
  review: 'Will review the plan',
} as const;

function assemble(
  kind: CardKind,
  hits: readonly RuleHit[],
  options: CardOptions,
  parts: { summary: string; detail: string; suggestion: string; link: string },
): BuiltCard {
  const uuid = options.newId();
  const ruleIds = hits.map((h) => h.ruleId);
  const card: CdsCard = {
    uuid,
    summary: parts.summary,
    detail: parts.detail,
    indicator: 'info',
    source: cardSource(options),
    suggestions: [suggestion(parts.suggestion, options)],
    selectionBehavior: 'at-most-one',
    overrideReasons: overrideReasons(options.terminology),
    links: [
      recordLink(parts.link, options, {
        hookInstance: options.hookInstance,
        card: uuid,
        kind,
        rules: ruleIds,
      }),
    ],
  };
  return { card, kind, ruleIds };
}

/** The safe-enquiry prompt: evidence, checklist, suggested words, what to do on disclosure. */
export function buildEnquiryCard(hits: readonly RuleHit[], options: CardOptions): BuiltCard {
  const detail = [
    '### Why this prompt',
    evidenceSection(hits),
    DIAGNOSIS_NOTE,
    CHECKLIST,
    SUGGESTED_WORDS,
    ON_DISCLOSURE,
    SOURCES_ENQUIRY,
  ].join('\n\n');
  return assemble('enquiry', hits, options, {
    summary: SUMMARIES.enquiry,
    detail,
    suggestion: SUGGESTION_LABELS.enquiry,
    link: LINK_LABELS.record,
  });
}

/** CAMHS: trauma-informed guidance for the family, and for 16–17-year-olds their own relationships too. */
export function buildWholeFamilyCard(
  family: WholeFamilyHit,
  hits: readonly RuleHit[],
  options: CardOptions,
): BuiltCard {
  const others = hits.filter((h) => h.ruleId !== family.ruleId);
  const detail = [
    `### Why this prompt\nThis young person (age ${family.ageYears}) is seen by a child and adolescent mental-health service.`,
    evidenceSection([family, ...others]),
    WHOLE_FAMILY_GUIDANCE,
    ...(family.ownRelationships ? [OWN_RELATIONSHIPS, CHECKLIST, ON_DISCLOSURE] : []),
    RECORD_AND_REFER,
    SOURCES_WHOLE_FAMILY,
  ].join('\n\n');
  return assemble('whole-family', [family, ...others], options, {
    summary: SUMMARIES.wholeFamily,
    detail,
    suggestion: SUGGESTION_LABELS.wholeFamily,
    link: LINK_LABELS.record,
  });
}

/** A disclosure is on record and the user may see it: review the plan instead of asking again. */
export function buildReviewCard(
  hits: readonly RuleHit[],
  disclosure: readonly RecordEvidence[],
  options: CardOptions,
): BuiltCard {
  const detail = [
    '### Why this card',
    evidenceSection(hits),
    `**Already on record**\n\n${disclosure.slice(0, 3).map(evidenceLine).join('\n')}`,
    REVIEW_GUIDANCE,
    SOURCES_ENQUIRY,
  ].join('\n\n');
  return assemble('review', hits, options, {
    summary: SUMMARIES.review,
    detail,
    suggestion: SUGGESTION_LABELS.review,
    link: LINK_LABELS.review,
  });
}
