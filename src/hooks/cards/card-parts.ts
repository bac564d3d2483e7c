import { SNOMED, type Terminology } from '../../shared/index.ts';
import { LOCAL_SYSTEM, VALUE_SET_IDS } from '../../terminology/index.ts';
import type { CdsCoding, CdsLink, CdsSource, CdsSuggestion } from '../protocol/cds.types.ts';
import { isDiscreet } from './discreet-text.ts';

/** What a card builder needs besides the decision. */
export interface CardOptions {
  readonly terminology: Terminology;
  readonly newId: () => string;
  readonly sourceLabel: string;
  /** SMART launch URL of the recording app (`{base}/app/launch`). */
  readonly appLaunchUrl: string;
  readonly hookInstance: string;
}

/**
 * `source.topic`: "Routine enquiry about domestic abuse" (SNOMED CT 700410005, ValueSet `enquiry-asked`), by code
 * only — `display` is optional for a topic and would name the subject on screens that show it.
 */
export function cardSource(options: CardOptions): CdsSource {
  const topic = options.terminology.concepts(VALUE_SET_IDS.enquiryAsked).find((c) => c.system === SNOMED);
  return topic
    ? { label: options.sourceLabel, topic: { system: topic.system, code: topic.code } }
    : { label: options.sourceLabel };
}

/**
 * Override reasons: the ValueSet `cds-override-reason` (local CodeSystem `safe-enquiry-local`), each with its
 * `display` (REQUIRED, cds-resp-4). A reason whose display would name the subject on screen is not offered.
 */
export function overrideReasons(terminology: Terminology): CdsCoding[] {
  return terminology
    .concepts(VALUE_SET_IDS.cdsOverrideReason)
    .filter((c) => c.system === LOCAL_SYSTEM && c.display !== undefined && isDiscreet(c.display))
    .map((c) => ({ system: c.system, code: c.code, display: c.display ?? c.code }));
}

/**
 * `appContext` for the recording app, as a JSON string: the hook instance, this card's uuid, the card kind and
 * the rules that fired (no patient data: the launch context carries the patient).
 */
export interface PromptAppContext {
  readonly hookInstance: string;
  readonly card: string;
  readonly kind: string;
  readonly rules: readonly string[];
}

export function recordLink(label: string, options: CardOptions, appContext: PromptAppContext): CdsLink {
  return { label, url: options.appLaunchUrl, type: 'smart', appContext: JSON.stringify(appContext) };
}

export function suggestion(label: string, options: CardOptions): CdsSuggestion {
  return { label, uuid: options.newId() };
}
