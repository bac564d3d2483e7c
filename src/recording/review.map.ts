import type { Bundle, Coding, FhirResource, Flag, Task } from 'fhir/r4.js';
import type { ConfidentialityLevel } from '../shared/security-labels.ts';
import { LOCAL_CODES } from '../terminology/index.ts';
import { cc, local, SCT, sct } from './codings.ts';
import { mapProvenance } from './provenance.map.ts';
import { labelled, putEntry } from './resource.build.ts';

/** What came of a MARAC at review (ValueSet `marac-status`); `none` records nothing about MARAC. */
export const MARAC_OUTCOMES = ['none', 'referred', 'discussed', 'closed'] as const;
export type MaracOutcome = (typeof MARAC_OUTCOMES)[number];

/** SNOMED CT concepts of the `marac-status` ValueSet (terminology.md §1g, VERIFIED S1). */
const MARAC_OUTCOME_CODE: Readonly<Record<Exclude<MaracOutcome, 'none'>, string>> = {
  referred: SCT.maracReferral,
  discussed: '758941000000108',
  closed: '1078361000000107',
};

/** The safeguarding lead's review of one restricted Flag (issue 6 §1). */
export interface ReviewOutcome {
  /** The Flag as read from the server; it is updated only when `closeReason` is given. */
  readonly flag: Flag;
  readonly acknowledged: boolean;
  readonly marac: MaracOutcome;
  readonly actionsTaken?: string | undefined;
  /** Closes the Flag (status `inactive`, `period.end` = now) for this reason. */
  readonly closeReason?: string | undefined;
}

/** Who reviewed, when, and the ids of the resources the review writes (the caller generates them). */
export interface ReviewContext {
  readonly reviewerRef: string;
  readonly now: Date;
  readonly taskId: string;
  readonly provenanceId: string;
}

function levelOf(flag: Flag): ConfidentialityLevel {
  return flag.meta?.security?.some((c) => c.code === 'V') ? 'V' : 'R';
}

function maracOutput(outcome: MaracOutcome): Task['output'] {
  if (outcome === 'none') return undefined;
  const coding: Coding = sct(MARAC_OUTCOME_CODE[outcome]);
  return [{ type: { text: 'MARAC outcome' }, valueCodeableConcept: cc(coding) }];
}

function reviewTask(outcome: ReviewOutcome, context: ReviewContext, now: string): Task {
  const output = maracOutput(outcome.marac);
  const actions = outcome.actionsTaken?.trim();
  const reason = outcome.closeReason?.trim();
  const task: Task = {
    resourceType: 'Task',
    id: context.taskId,
    status: 'completed',
    intent: 'order',
    code: cc(local(LOCAL_CODES.safeguardingReview)),
    ...(outcome.acknowledged ? { businessStatus: { text: 'Acknowledged' } } : {}),
    ...(reason ? { statusReason: { text: `Flag closed: ${reason}` } } : {}),
    focus: { reference: `Flag/${outcome.flag.id ?? ''}` },
    ...(outcome.flag.subject ? { for: outcome.flag.subject } : {}),
    authoredOn: now,
    lastModified: now,
    requester: { reference: context.reviewerRef },
    owner: { reference: context.reviewerRef },
    ...(actions ? { note: [{ text: actions, time: now }] } : {}),
    ...(output ? { output } : {}),
  };
  return labelled(task, levelOf(outcome.flag));
}

function closedFlag(flag: Flag, now: string): Flag {
  const closed: Flag = { ...flag, status: 'inactive', period: { ...flag.period, end: now } };
  return labelled(closed, levelOf(flag));
}

/**
 * The review as one FHIR transaction: a completed, labelled Task (code `safeguarding-review`, focus = the Flag;
 * MARAC outcome as a `marac-status` SNOMED CT output), the Flag set `inactive` with `period.end` when closed, and a
 * Provenance naming the reviewer. Every resource carries the DVA security labels of the Flag's level (terminology.md
 * §3b). The Flag update carries `ifMatch` with the version read, so a flag changed meanwhile is not overwritten (the
 * transaction fails instead; FHIR R4 http.html#concurrency). Pure: the clock and the ids come in through `context`.
 */
export function mapReviewToBundle(outcome: ReviewOutcome, context: ReviewContext): Bundle<FhirResource> {
  const now = context.now.toISOString();
  const task = reviewTask(outcome, context, now);
  const flag = outcome.closeReason?.trim() ? closedFlag(outcome.flag, now) : undefined;
  const targets = flag ? [task, flag] : [task];
  const provenance = mapProvenance({
    id: context.provenanceId,
    targets,
    author: { reference: context.reviewerRef },
    now,
    level: levelOf(outcome.flag),
  });
  const entries = [...targets, provenance].map(putEntry);
  const version = outcome.flag.meta?.versionId;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map((entry) =>
      entry.resource === flag && version && entry.request
        ? { ...entry, request: { ...entry.request, ifMatch: `W/"${version}"` } }
        : entry,
    ),
  };
}
