import type { Terminology } from '../../shared/index.ts';
import { LOCAL_CODES, LOCAL_SYSTEM, VALUE_SET_IDS } from '../../terminology/index.ts';
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
 * `source.topic`: the local, discreet topic "Safe enquiry" (CodeSystem `safe-enquiry-local`). EHRs show a topic's
 * display on the card surface, so a SNOMED CT display such as 700410005's would name the subject on screen.
 */
export function cardSource(options: CardOptions): CdsSource {
  const topic = options.terminology.lookup(LOCAL_SYSTEM, LOCAL_CODES.cardTopic);
  return topic?.display !== undefined && isDiscreet(topic.display)
    ? {
        label: options.sourceLabel,
        topic: { system: topic.system, code: topic.code, display: topic.display },
      }
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
