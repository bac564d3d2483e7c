import type { FhirResource, Task } from 'fhir/r4.js';
import { LOCAL_CODES, LOCAL_SYSTEM } from '../../../terminology/index.ts';

/** One earlier safeguarding review of a flag, from its Task (written by `mapReviewToBundle`). */
export interface ReviewEntry {
  readonly flagRef: string;
  readonly date: string;
  readonly reviewer: string;
  readonly acknowledged: boolean;
  /** The MARAC outcome's display, when one was recorded. */
  readonly marac?: string;
  readonly actionsTaken?: string;
  readonly closeReason?: string;
}

function isReview(resource: FhirResource): resource is Task {
  return (
    resource.resourceType === 'Task' &&
    (resource.code?.coding ?? []).some(
      (c) => c.system === LOCAL_SYSTEM && c.code === LOCAL_CODES.safeguardingReview,
    )
  );
}

function entryOf(task: Task): ReviewEntry | undefined {
  const flagRef = task.focus?.reference;
  const date = task.authoredOn ?? task.lastModified;
  if (!flagRef?.startsWith('Flag/') || !date) return undefined;
  const marac = task.output?.[0]?.valueCodeableConcept?.coding?.[0];
  const actions = task.note?.[0]?.text;
  const closed = task.statusReason?.text;
  return {
    flagRef,
    date,
    reviewer: task.owner?.reference ?? task.requester?.reference ?? 'not recorded',
    acknowledged: task.businessStatus !== undefined,
    ...(marac ? { marac: marac.display ?? marac.code ?? '' } : {}),
    ...(actions ? { actionsTaken: actions } : {}),
    ...(closed ? { closeReason: closed } : {}),
  };
}

/** Safeguarding reviews among `resources`, newest first. */
export function readReviews(resources: readonly FhirResource[]): ReviewEntry[] {
  return resources
    .filter(isReview)
    .map(entryOf)
    .filter((e): e is ReviewEntry => e !== undefined)
    .sort((a, b) => b.date.localeCompare(a.date));
}

/** The newest review date of each flag (`Flag/{id}` → ISO date). */
export function lastReviewByFlag(resources: readonly FhirResource[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const review of readReviews(resources))
    if (!latest.has(review.flagRef)) latest.set(review.flagRef, review.date);
  return latest;
}
