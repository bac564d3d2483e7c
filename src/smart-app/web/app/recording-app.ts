import type { DvaForm } from '../../../recording/index.ts';
import type { EnquiryNotMadeReasonCode } from '../../../terminology/index.ts';
import { createDraft, type Draft } from '../form/draft.ts';
import { buildFormInput, buildNotSafeInput, type FormInput } from '../form/draft-to-form.ts';
import { stepsFor, type StepId } from '../form/steps.ts';
import { Saver } from '../form/submission.ts';
import { checkInput, validateStep } from '../form/validate-step.ts';
import { clearLaunchState } from '../session/launch-state.ts';
import type { AppView, ScreenActions, ScreenId } from '../screens/screen.types.ts';
import { SCREENS } from './screens.registry.ts';

/** The app's mutable state: the view plus which screen is showing. */
export type AppState = { -readonly [K in keyof AppView]: AppView[K] } & { screen: ScreenId };

export interface AppDeps {
  /** The element screens are drawn into. */
  readonly main: HTMLElement;
  readonly announce: (text: string) => void;
  readonly newId: () => string;
  readonly now: () => Date;
  /** Called once the clinician has closed the app; everything held in memory is dropped. */
  readonly onClose: () => void;
}

/** Why it is not safe to ask, from the answers to the safety questions. */
export function unsafeReason(draft: Draft): EnquiryNotMadeReasonCode | undefined {
  if (draft.patientAlone === false) return 'not-asked-not-alone';
  if (draft.privateSpace === false) return 'not-asked-no-private-space';
  if (draft.interpreter === 'family-or-friend' || draft.interpreter === 'needed-not-available') {
    return 'not-asked-no-interpreter';
  }
  return undefined;
}

type Focus = { readonly kind: 'heading' } | { readonly kind: 'keep'; readonly id: string } | { readonly kind: 'id'; readonly id: string };

/**
 * The recording flow's controller: holds the draft in memory, draws the current screen, validates each step with
 * the recording library, and saves once (idempotently) at the end.
 */
export function createRecordingApp(state: AppState, deps: AppDeps): ScreenActions & { render(focus?: Focus): void } {
  const saver = new Saver(state.session, state.config.appDevice);

  const render = (focus: Focus = { kind: 'heading' }) => {
    const element = SCREENS[state.screen](state, actions);
    deps.main.replaceChildren(element);
    deps.main.dataset.screen = state.screen;
    const summary = deps.main.querySelector<HTMLElement>('#error-summary');
    const target =
      focus.kind === 'heading'
        ? (summary ?? deps.main.querySelector<HTMLElement>('#screen-title'))
        : document.getElementById(focus.id);
    target?.focus({ preventScroll: focus.kind === 'keep' });
    if (focus.kind === 'heading') window.scrollTo(0, 0);
  };

  const show = (screen: ScreenId) => {
    if (screen === 'existing-record' && state.screen !== 'existing-record') state.returnTo = state.screen;
    state.screen = screen;
    state.issues = [];
    state.notSafeReason = undefined;
    render();
  };

  const saved = (form: DvaForm, entries: number, otherRecords: number) => {
    state.recorded = { form, entries, childRecords: otherRecords };
    state.draft = createDraft(deps.newId(), state.draft.mode);
    state.submit = { status: 'idle' };
    clearLaunchState();
  };

  const save = async (input: FormInput, onIssues: () => void): Promise<boolean> => {
    const checked = checkInput(input, state.session.patientId);
    if (!checked.ok) {
      state.issues = checked.issues;
      onIssues();
      return false;
    }
    state.submit = { status: 'sending' };
    render({ kind: 'keep', id: document.activeElement?.id || 'screen-title' });
    const result = await saver.save(checked.form, state.draft.submissionId, deps.now());
    if (!result.ok) {
      state.submit = { status: 'failed', message: result.message, retryable: result.retryable };
      return false;
    }
    saved(checked.form, result.entries, result.otherRecords);
    return true;
  };

  const actions: ScreenActions & { render(focus?: Focus): void } = {
    render,
    update(change, options = {}) {
      change(state.draft);
      if (options.rerender) render({ kind: 'keep', id: document.activeElement?.id || 'screen-title' });
    },
    continueFrom(step: StepId) {
      const issues = validateStep(state.draft, state.session.patientId, step);
      state.issues = issues;
      if (issues.length > 0) return render();
      const reason = step === 'safety' ? unsafeReason(state.draft) : undefined;
      if (reason) return actions.openNotSafe(reason);
      const steps = stepsFor(state.draft);
      const next = steps[steps.indexOf(step) + 1];
      if (next) show(next);
    },
    back(from: StepId) {
      const steps = stepsFor(state.draft);
      const previous = steps[steps.indexOf(from) - 1];
      if (previous) show(previous);
    },
    show,
    openNotSafe(reason) {
      state.notSafeReason = reason;
      state.submit = { status: 'idle' };
      state.issues = [];
      render({ kind: 'id', id: reason ? 'not-safe-title' : 'not-safe' });
    },
    async recordNotSafe() {
      const input = buildNotSafeInput(state.draft, state.notSafeReason);
      const done = await save(input, () => render());
      if (done) actions.close();
      else if (state.issues.length === 0) render({ kind: 'id', id: 'record-not-safe' });
    },
    async submit() {
      const done = await save(buildFormInput(state.draft, state.session.patientId), () => render());
      if (done) show('confirmation');
      else if (state.issues.length === 0) render({ kind: 'id', id: 'submit-status' });
    },
    startPerpetration() {
      state.draft.mode = 'perpetration';
      show('perpetration');
    },
    startEnquiry() {
      state.draft.mode = 'enquiry';
      show('safety');
    },
    close() {
      clearLaunchState();
      deps.onClose();
    },
    announce: deps.announce,
  };
  return actions;
}
