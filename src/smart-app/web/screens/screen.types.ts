import type { DvaForm, DvaSummary } from '../../../recording/index.ts';
import type { EnquiryNotMadeReasonCode } from '../../../terminology/index.ts';
import type { AppConfig } from '../../shared/index.ts';
import type { Draft, FieldIssue, StepId } from '../form/index.ts';
import type { ChildRecord, PatientFacts } from '../record/index.ts';
import type { LaunchSession } from '../session/index.ts';

/** The screens: the steps, the confirmation and the existing record. */
export type ScreenId = StepId | 'confirmation' | 'existing-record';

export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed' }
  | { readonly status: 'loaded'; readonly value: T };

export type SubmitState =
  | { readonly status: 'idle' }
  | { readonly status: 'sending' }
  | { readonly status: 'failed'; readonly message: string; readonly retryable: boolean };

/** What was saved, for the confirmation. */
export interface Recorded {
  readonly form: DvaForm;
  readonly entries: number;
  readonly childRecords: number;
}

/** Everything a screen shows; screens never change it directly. */
export interface AppView {
  readonly config: AppConfig;
  readonly session: LaunchSession;
  readonly patient: Loadable<PatientFacts>;
  readonly summary: Loadable<DvaSummary>;
  readonly children: Loadable<readonly ChildRecord[]>;
  readonly draft: Draft;
  readonly issues: readonly FieldIssue[];
  readonly submit: SubmitState;
  /** The "not safe now" confirmation is open, with the reason it will record. */
  readonly notSafeReason: EnquiryNotMadeReasonCode | undefined;
  readonly recorded: Recorded | undefined;
  /** Where "Back" from a side screen returns. */
  readonly returnTo: ScreenId;
}

/** What a screen may ask the app to do. */
export interface ScreenActions {
  /** Changes the draft; with `rerender`, the screen is drawn again (focus stays on the same control). */
  update(change: (draft: Draft) => void, options?: { readonly rerender?: boolean }): void;
  continueFrom(step: StepId): void;
  back(from: StepId): void;
  show(screen: ScreenId): void;
  openNotSafe(reason: EnquiryNotMadeReasonCode | undefined): void;
  recordNotSafe(): Promise<void>;
  submit(): Promise<void>;
  startPerpetration(): void;
  startEnquiry(): void;
  close(): void;
  /** Re-authorises with the stated reason to see restricted records (break the glass); false if refused. */
  breakGlass(reason: string): boolean;
}

export type ScreenRender = (view: AppView, actions: ScreenActions) => HTMLElement;
