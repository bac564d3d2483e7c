import type { DvaForm } from '../../../recording/index.ts';
import type { EnquiryNotMadeReasonCode } from '../../../terminology/index.ts';
import {
  buildFormInput,
  buildNotSafeInput,
  checkInput,
  createDraft,
  type Draft,
  type FormInput,
  Saver,
  type StepId,
  stepsFor,
  validateStep,
} from '../form/index.ts';
import { requestBreakGlass, validBreakGlassReason } from '../launch/launch.ts';
import type { AppView, ScreenActions, ScreenId } from '../screens/index.ts';
import { clearLaunchState } from '../session/index.ts';
import { SCREENS } from './screens.registry.ts';

/** The app's mutable state: the view plus which screen is showing. */
export type AppState = { -readonly [K in keyof AppView]: AppView[K] } & { screen: ScreenId };

/** What the controller needs from the page: where to draw, ids, the clock, and what closing does. */
export interface AppDeps {
  /** The element screens are drawn into. */
  readonly main: HTMLElement;
  readonly newId: () => string;
  readonly now: () => Date;
  /** Called once the clinician has closed the app; everything held in memory is dropped. */
  readonly onClose: () => void;
}

/** Where focus goes after drawing: the heading (or error summary), back to a control, or a given element. */
export type Focus =
  | { readonly kind: 'heading' }
  | { readonly kind: 'keep'; readonly id: string }
  | { readonly kind: 'id'; readonly id: string };

/** Why it is not safe to ask, from the answers to the safety questions. */
export function unsafeReason(draft: Draft): EnquiryNotMadeReasonCode | undefined {
  if (draft.patientAlone === false) return 'not-asked-not-alone';
  if (draft.privateSpace === false) return 'not-asked-no-private-space';
  if (draft.interpreter === 'family-or-friend' || draft.interpreter === 'needed-not-available') {
    return 'not-asked-no-interpreter';
  }
  return undefined;
}

const keepFocus = (): Focus => ({ kind: 'keep', id: document.activeElement?.id || 'screen-title' });

/**
 * The recording flow's controller: holds the draft in memory, draws the current screen, checks each step with the
 * recording library's rules, and saves once (idempotently) at the end.
 */
export class RecordingApp implements ScreenActions {
  readonly #state: AppState;
  readonly #deps: AppDeps;
  readonly #saver: Saver;

  constructor(state: AppState, deps: AppDeps) {
    this.#state = state;
    this.#deps = deps;
    this.#saver = new Saver(state.session, state.config.appDevice);
  }

  render(focus: Focus = { kind: 'heading' }): void {
    const { main } = this.#deps;
    main.replaceChildren(SCREENS[this.#state.screen](this.#state, this));
    main.dataset.screen = this.#state.screen;
    const summary = main.querySelector<HTMLElement>('#error-summary');
    const target =
      focus.kind === 'heading'
        ? (summary ?? main.querySelector<HTMLElement>('#screen-title'))
        : document.getElementById(focus.id);
    target?.focus({ preventScroll: focus.kind === 'keep' });
    if (focus.kind === 'heading') window.scrollTo(0, 0);
  }

  /** Redraws the current screen when it shows loaded data (e.g. the registered children). */
  refresh(screen: ScreenId): void {
    if (this.#state.screen === screen) this.render(keepFocus());
  }

  update(change: (draft: Draft) => void, options: { readonly rerender?: boolean } = {}): void {
    change(this.#state.draft);
    if (options.rerender) this.render(keepFocus());
  }

  continueFrom(step: StepId): void {
    const state = this.#state;
    state.issues = validateStep(state.draft, state.session.patientId, step);
    const reason = step === 'safety' ? unsafeReason(state.draft) : undefined;
    const steps = stepsFor(state.draft);
    const next = steps[steps.indexOf(step) + 1];
    if (state.issues.length > 0) this.render();
    else if (reason) this.openNotSafe(reason);
    else if (next) this.show(next);
  }

  back(from: StepId): void {
    const steps = stepsFor(this.#state.draft);
    const previous = steps[steps.indexOf(from) - 1];
    if (previous) this.show(previous);
  }

  show(screen: ScreenId): void {
    const state = this.#state;
    if (screen === 'existing-record' && state.screen !== 'existing-record') state.returnTo = state.screen;
    state.screen = screen;
    state.issues = [];
    state.notSafeReason = undefined;
    this.render();
  }

  openNotSafe(reason: EnquiryNotMadeReasonCode | undefined): void {
    Object.assign(this.#state, { notSafeReason: reason, submit: { status: 'idle' }, issues: [] });
    this.render({ kind: 'id', id: reason ? 'not-safe-title' : 'not-safe' });
  }

  async recordNotSafe(): Promise<void> {
    const done = await this.#save(buildNotSafeInput(this.#state.draft, this.#state.notSafeReason));
    if (done) this.close();
    else if (this.#state.issues.length === 0) this.render({ kind: 'id', id: 'record-not-safe' });
  }

  async submit(): Promise<void> {
    const done = await this.#save(buildFormInput(this.#state.draft, this.#state.session.patientId));
    if (done) this.show('confirmation');
    else if (this.#state.issues.length === 0) this.render({ kind: 'id', id: 'submit-status' });
  }

  startPerpetration(): void {
    this.#state.draft.mode = 'perpetration';
    this.show('perpetration');
  }

  startEnquiry(): void {
    this.#state.draft.mode = 'enquiry';
    this.show('safety');
  }

  close(): void {
    clearLaunchState();
    this.#deps.onClose();
  }

  breakGlass(reason: string): boolean {
    const { session, config } = this.#state;
    if (session.restrictedAccess !== 'none' || validBreakGlassReason(reason) === undefined) return false;
    clearLaunchState();
    requestBreakGlass(config, session.serverUrl ?? config.fhirBaseUrl, reason);
    return true;
  }

  /** Checks, then saves; a problem with the answers is shown on the screen, a failed save offers a retry. */
  async #save(input: FormInput): Promise<boolean> {
    const state = this.#state;
    const checked = checkInput(input, state.session.patientId);
    if (!checked.ok) {
      state.issues = checked.issues;
      this.render();
      return false;
    }
    state.submit = { status: 'sending' };
    this.render(keepFocus());
    const result = await this.#saver.save(checked.form, state.draft.submissionId, this.#deps.now());
    if (!result.ok) {
      state.submit = { status: 'failed', message: result.message, retryable: result.retryable };
      return false;
    }
    this.#saved(checked.form, result.entries, result.otherRecords);
    return true;
  }

  /** Keeps only what the confirmation shows; the answers start afresh and fhirclient's state is gone. */
  #saved(form: DvaForm, entries: number, otherRecords: number): void {
    const state = this.#state;
    state.recorded = { form, entries, childRecords: otherRecords };
    state.draft = createDraft(this.#deps.newId(), state.draft.mode);
    state.submit = { status: 'idle' };
    clearLaunchState();
  }
}
