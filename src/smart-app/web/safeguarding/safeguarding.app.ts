import './safeguarding.css';
import { mapReviewToBundle } from '../../../recording/index.ts';
import { type FhirHttp, FhirHttpError } from '../session/index.ts';
import { renderCase } from './case.view.ts';
import { loadAlerts, loadCase, loadWorklist } from './safeguarding.loader.ts';
import type { ReviewDraft, SafeguardingActions, SafeguardingView } from './safeguarding.types.ts';
import { CASE_CATEGORIES, type CaseCategory, type SortKey } from './worklist.model.ts';
import { renderWorklist } from './worklist.view.ts';

/** What the safeguarding screens need from the page. */
export interface SafeguardingDeps {
  readonly main: HTMLElement;
  readonly fhir: FhirHttp;
  /** The signed-in reviewer, from the verified id_token. */
  readonly reviewerRef: string;
  readonly now: () => Date;
  readonly newId: () => string;
}

type MutableView = { -readonly [K in keyof SafeguardingView]: SafeguardingView[K] };

const emptyReview = (): ReviewDraft => ({
  flagId: undefined,
  acknowledged: false,
  marac: 'none',
  actionsTaken: '',
  close: false,
  closeReason: '',
});

/**
 * The safeguarding lead's side of the app (issue 6 §1–2): the worklist of active restricted Flags across patients,
 * a case view per patient with the review form, and who has looked at the record.
 */
export class SafeguardingApp implements SafeguardingActions {
  readonly #deps: SafeguardingDeps;
  readonly #view: MutableView = {
    rows: { status: 'loading' },
    alerts: new Set(),
    categories: new Set(CASE_CATEGORIES),
    sort: 'risk',
    caseOf: undefined,
    review: emptyReview(),
    reviewStatus: { status: 'idle' },
  };

  constructor(deps: SafeguardingDeps) {
    this.#deps = deps;
  }

  render(keepFocus = false): void {
    const { main } = this.#deps;
    const focused = document.activeElement?.id;
    const screen = this.#view.caseOf ? 'case' : 'worklist';
    main.replaceChildren(screen === 'case' ? renderCase(this.#view, this) : renderWorklist(this.#view, this));
    main.dataset.screen = screen;
    const target =
      keepFocus && focused
        ? document.getElementById(focused)
        : main.querySelector<HTMLElement>('#screen-title');
    target?.focus();
  }

  /** Loads the worklist, then the access alerts for the patients on it. */
  async loadWorklist(): Promise<void> {
    const { fhir, now, reviewerRef } = this.#deps;
    try {
      const rows = await loadWorklist(fhir, now());
      this.#view.rows = { status: 'loaded', value: rows };
      this.#view.alerts = await loadAlerts(fhir, rows, reviewerRef).catch(() => new Set<string>());
    } catch {
      this.#view.rows = { status: 'failed' };
    }
    if (!this.#view.caseOf) this.render();
    this.#deps.main.dataset.loaded = 'true';
  }

  toggleCategory(category: CaseCategory, on: boolean): void {
    const next = new Set(this.#view.categories);
    if (on) next.add(category);
    else next.delete(category);
    this.#view.categories = next;
    this.render(true);
  }

  setSort(sort: SortKey): void {
    this.#view.sort = sort;
    this.render(true);
  }

  openCase(patientId: string): void {
    const view = this.#view;
    const rows = view.rows.status === 'loaded' ? view.rows.value : [];
    view.caseOf = { patientId, record: { status: 'loading' } };
    view.review = { ...emptyReview(), flagId: rows.find((r) => r.patientId === patientId)?.flagId };
    view.reviewStatus = { status: 'idle' };
    this.render();
    void this.#loadCase(patientId);
  }

  async #loadCase(patientId: string, keepFocus = false): Promise<void> {
    const { fhir, reviewerRef } = this.#deps;
    const record = await loadCase(fhir, patientId, reviewerRef).then(
      (value) => ({ status: 'loaded', value }) as const,
      () => ({ status: 'failed' }) as const,
    );
    if (this.#view.caseOf?.patientId !== patientId) return;
    this.#view.caseOf = { patientId, record };
    this.render(keepFocus);
  }

  backToWorklist(): void {
    this.#view.caseOf = undefined;
    this.render();
  }

  updateReview(change: (draft: ReviewDraft) => void, rerender = false): void {
    change(this.#view.review);
    if (rerender) this.render(true);
  }

  submitReview(): void {
    void this.#submit();
  }

  async #submit(): Promise<void> {
    const view = this.#view;
    const draft = view.review;
    const row =
      view.rows.status === 'loaded' ? view.rows.value.find((r) => r.flagId === draft.flagId) : undefined;
    const reason = draft.close ? draft.closeReason.trim() : '';
    if (!row || (draft.close && reason === '')) {
      const message = row ? 'Give a reason for closing the flag.' : 'Choose the flag reviewed.';
      view.reviewStatus = { status: 'invalid', message };
      this.render(true);
      return;
    }
    view.reviewStatus = { status: 'sending' };
    this.render(true);
    const { fhir, newId, now, reviewerRef } = this.#deps;
    const reviewedAt = now();
    const reviewed = reviewedAt.toISOString();
    const bundle = mapReviewToBundle(
      {
        flag: row.flag,
        acknowledged: draft.acknowledged,
        marac: draft.marac,
        actionsTaken: draft.actionsTaken,
        closeReason: reason,
      },
      { reviewerRef, now: reviewedAt, taskId: newId(), provenanceId: newId() },
    );
    try {
      await fhir.transaction(bundle);
      view.reviewStatus = { status: 'saved', closed: reason !== '' };
      this.#reviewed(row.flagId, reason !== '', reviewed);
    } catch (error) {
      const conflict = error instanceof FhirHttpError && error.status === 412;
      view.reviewStatus = { status: conflict ? 'conflict' : 'failed' };
    }
    this.render(true);
    if (view.reviewStatus.status === 'saved') void this.#loadCase(row.patientId, true);
  }

  /** A closed flag leaves the worklist; a reviewed one shows the review date. */
  #reviewed(flagId: string, closed: boolean, date: string): void {
    const view = this.#view;
    if (view.rows.status !== 'loaded') return;
    const rows = closed
      ? view.rows.value.filter((r) => r.flagId !== flagId)
      : view.rows.value.map((r) => (r.flagId === flagId ? { ...r, lastReviewed: date } : r));
    view.rows = { status: 'loaded', value: rows };
    if (closed) view.review = emptyReview();
  }
}

/**
 * Starts the safeguarding screens in `main` and loads the worklist. The launch patient's banner is hidden: the
 * worklist spans patients and each case names its own patient, so a banner would show the wrong one.
 */
export function startSafeguarding(deps: SafeguardingDeps): SafeguardingApp {
  deps.main.parentElement?.querySelector<HTMLElement>('section.banner')?.setAttribute('hidden', '');
  const app = new SafeguardingApp(deps);
  app.render();
  void app.loadWorklist();
  return app;
}
