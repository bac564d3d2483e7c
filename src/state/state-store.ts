/**
 * The project state database: the JWT replay cache shared by every service instance, and the pilot evaluation
 * store (prompt events and feedback). Holds no clinical data and no free text unless explicitly enabled: ids are
 * pseudonymous, outcomes are codes.
 */

/** What kind of card was shown (the CDS service decides). */
export type CardKind = 'enquiry' | 'whole-family' | 'review';

/** One card shown to a clinician. */
export interface PromptEventInput {
  /** `card.uuid`, the key feedback refers to. */
  readonly cardUuid: string;
  readonly hookInstance: string;
  readonly serviceId: string;
  readonly hook: string;
  readonly cardKind: CardKind;
  /** Ids of the rules that fired (at least one). */
  readonly ruleIds: readonly string[];
  /** Care setting of the encounter: `general-practice`, `mental-health`, `other` or `unknown`. */
  readonly setting: string;
  /** Keyed hash of the patient reference, never the id itself. */
  readonly patientPseudonym: string;
  /** Keyed hash of the user reference. */
  readonly userPseudonym: string;
  readonly shownAt: Date;
}

/** One CDS Hooks feedback item, reduced to codes (CDS Hooks 2.0 §Feedback). */
export interface FeedbackInput {
  readonly cardUuid: string;
  readonly serviceId: string;
  readonly outcome: 'accepted' | 'overridden';
  /** Code of the override reason (local CodeSystem `safe-enquiry-local`), or `unlisted` for foreign codes. */
  readonly overrideReason: string | undefined;
  readonly acceptedSuggestions: number;
  /** `outcomeTimestamp`, normalised to an ISO 8601 UTC instant. */
  readonly outcomeAt: string;
  readonly receivedAt: Date;
  /** Clinician free text: only stored when the deployment explicitly enables it. */
  readonly userComment: string | undefined;
}

/** `stored`; `duplicate` (same card, outcome, time and reason seen before); `unknown-card` (never shown here). */
export type FeedbackResult = 'stored' | 'duplicate' | 'unknown-card';

export interface ReportRange {
  /** First month, `YYYY-MM`, inclusive. */
  readonly fromMonth?: string;
  /** Last month, `YYYY-MM`, inclusive. */
  readonly toMonth?: string;
}

/** One line of the pilot report: cards of one kind and rule shown in one month, and what happened to them. */
export interface PilotReportRow {
  readonly month: string;
  readonly cardKind: string;
  readonly ruleId: string;
  readonly shown: number;
  readonly accepted: number;
  readonly overridden: number;
  /** Cards with no feedback (ignored cards produce none, CDS Hooks 2.0 §Feedback). */
  readonly noResponse: number;
  /** Overridden cards by reason code (`none` when no reason was given). */
  readonly overrideReasons: Readonly<Record<string, number>>;
}

export interface StateStore {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Records a JWT id atomically; true the first time `(iss, jti)` is seen, false on a replay. Kept until
   * `expiresAt` (then purged), which must be at least the token's last valid instant.
   */
  claimJti(iss: string, jti: string, expiresAt: Date): Promise<boolean>;
  /** Stores cards shown (idempotent per card uuid). */
  recordPrompts(events: readonly PromptEventInput[]): Promise<void>;
  /** Stores one feedback item for a card this store knows; duplicates are ignored. */
  recordFeedback(item: FeedbackInput): Promise<FeedbackResult>;
  /** Cards shown, accepted and overridden by month, card kind, rule and override reason. */
  pilotReport(range?: ReportRange): Promise<readonly PilotReportRow[]>;
  /** A named secret kept in the database, created once with `create` (e.g. the pseudonym key when not configured). */
  getOrCreateSecret(name: string, create: () => string): Promise<string>;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
