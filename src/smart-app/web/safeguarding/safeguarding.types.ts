import type { MaracOutcome } from '../../../recording/index.ts';
import type { Loadable } from '../screens/index.ts';
import type { CaseRecord } from './safeguarding.loader.ts';
import type { CaseCategory, SortKey, WorklistRow } from './worklist.model.ts';

/** The review form's answers for one flag. */
export interface ReviewDraft {
  flagId: string | undefined;
  acknowledged: boolean;
  marac: MaracOutcome;
  actionsTaken: string;
  close: boolean;
  closeReason: string;
}

export type ReviewStatus =
  | { readonly status: 'idle' }
  | { readonly status: 'sending' }
  | { readonly status: 'saved'; readonly closed: boolean }
  | { readonly status: 'failed' }
  /** The flag changed on the server since it was read (HTTP 412 on the `ifMatch` update). */
  | { readonly status: 'conflict' }
  | { readonly status: 'invalid'; readonly message: string };

/** Everything the safeguarding screens draw from. */
export interface SafeguardingView {
  readonly rows: Loadable<WorklistRow[]>;
  readonly alerts: ReadonlySet<string>;
  readonly categories: ReadonlySet<CaseCategory>;
  readonly sort: SortKey;
  readonly caseOf: { readonly patientId: string; readonly record: Loadable<CaseRecord> } | undefined;
  readonly review: ReviewDraft;
  readonly reviewStatus: ReviewStatus;
}

/** What the safeguarding screens can ask the controller to do. */
export interface SafeguardingActions {
  toggleCategory(category: CaseCategory, on: boolean): void;
  setSort(sort: SortKey): void;
  openCase(patientId: string): void;
  backToWorklist(): void;
  updateReview(change: (draft: ReviewDraft) => void, rerender?: boolean): void;
  submitReview(): void;
}
