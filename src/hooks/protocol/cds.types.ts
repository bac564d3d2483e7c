/**
 * CDS Hooks 2.0 response and discovery shapes (https://cds-hooks.hl7.org/2.0/). These are CDS Hooks JSON, not FHIR
 * resources, so they are declared here. Optional members are omitted, never null or empty (spec "JSON rules").
 */

/** CDS Hooks Coding: `system` and `code` REQUIRED; `display` REQUIRED for override reasons. */
export interface CdsCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface CdsAction {
  readonly type: 'create' | 'update' | 'delete';
  readonly description: string;
  readonly resource?: unknown;
  readonly resourceId?: string;
}

export interface CdsSuggestion {
  readonly label: string;
  readonly uuid?: string;
  readonly isRecommended?: boolean;
  readonly actions?: readonly CdsAction[];
  /** 3.0 ballot (cds-resp-7). */
  readonly actionSelectionBehavior?: string;
}

export interface CdsLink {
  readonly label: string;
  readonly url: string;
  readonly type: 'absolute' | 'smart';
  readonly appContext?: string;
  readonly autolaunchable?: boolean;
}

export interface CdsSource {
  readonly label: string;
  readonly url?: string;
  readonly icon?: string;
  readonly topic?: CdsCoding;
}

export interface CdsCard {
  readonly uuid?: string;
  /** One sentence, under 140 characters. */
  readonly summary: string;
  /** GitHub-Flavored Markdown. */
  readonly detail?: string;
  readonly indicator: 'info' | 'warning' | 'critical';
  readonly source: CdsSource;
  readonly suggestions?: readonly CdsSuggestion[];
  readonly selectionBehavior?: 'at-most-one' | 'any';
  readonly overrideReasons?: readonly CdsCoding[];
  readonly links?: readonly CdsLink[];
}

export interface CdsServiceResponse {
  readonly cards: readonly CdsCard[];
  readonly systemActions?: readonly CdsAction[];
}

export interface CdsServiceDefinition {
  readonly hook: string;
  readonly title?: string;
  readonly description: string;
  readonly id: string;
  readonly prefetch?: Readonly<Record<string, string>>;
  readonly usageRequirements?: string;
}

export interface CdsDiscoveryResponse {
  readonly services: readonly CdsServiceDefinition[];
}
