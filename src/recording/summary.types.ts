import type { Coding } from 'fhir/r4.js';
import type { EnquiryNotMadeReasonCode } from '../terminology/index.ts';
import type { AbuseType, Relationship, RiskLevel } from './form.schema.ts';

/** The latest enquiry; `asked` when a record says it was made without saying what came of it. */
export interface EnquirySummary {
  readonly outcome: 'asked-disclosed' | 'asked-no-disclosure' | 'asked' | 'declined' | 'not-asked';
  readonly notAskedReason?: EnquiryNotMadeReasonCode;
  readonly date?: string;
}

export interface DisclosureSummary {
  readonly id: string;
  readonly resourceType: string;
  readonly code: Coding;
  readonly timing: 'current' | 'past' | 'suspected';
  readonly date?: string;
  readonly abuseTypes: readonly AbuseType[];
  readonly relationships: readonly Relationship[];
}

export interface RiskSummary {
  readonly level: RiskLevel;
  readonly score?: number;
  readonly professionalJudgement?: boolean;
  readonly date?: string;
}

export interface ReferralSummary {
  readonly id: string;
  /** The form's referral target, when the codes say which; otherwise only `code`. */
  readonly target?: string;
  readonly code: Coding;
  readonly maracCriterion?: string;
  readonly date?: string;
}

export interface FlagSummary {
  readonly id: string;
  readonly code: Coding;
  readonly date?: string;
}

export interface MaracSummary {
  readonly status: 'none' | 'referred' | 'subject' | 'closed';
  readonly date?: string;
}

export interface ConsentSummary {
  readonly decision: 'given' | 'refused' | 'not-sought';
  readonly lawfulBasis?: string;
  readonly date?: string;
}

/** A patient's existing DVA record at a glance (issue 3 §4). */
export interface DvaSummary {
  readonly latestEnquiry?: EnquirySummary;
  /** Newest first. */
  readonly disclosures: readonly DisclosureSummary[];
  readonly risk?: RiskSummary;
  readonly openReferrals: readonly ReferralSummary[];
  readonly activeFlags: readonly FlagSummary[];
  readonly marac: MaracSummary;
  readonly safetyPlan: boolean;
  /** Dates of planned follow-ups still open, earliest first. */
  readonly followUps: readonly string[];
  readonly suspectedPerpetrator: boolean;
  readonly dvaInHousehold: boolean;
  readonly consent?: ConsentSummary;
}
