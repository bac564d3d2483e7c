import type { DvaForm, DvaSummary } from '../../../recording/index.ts';
import type { CareSetting } from '../../../shared/terminology.ts';
import type { EnquiryNotMadeReasonCode } from '../../../terminology/index.ts';
import type { AppConfig } from '../../shared/index.ts';
import type { Draft } from '../form/draft.ts';
import type { FieldIssue } from '../form/form-issues.ts';
import type { StepId } from '../form/steps.ts';
import type { ChildRecord, PatientFacts } from '../record/record.loader.ts';
import type { LaunchSession } from '../session/smart-session.ts';

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
  readonly careSetting: CareSetting | undefined;
  readonly draft: Draft;
  readonly issues: readonly FieldIssue[];
  readonly submit: SubmitState;
  /** The "not safe now" confirmation is open, with the reason it will record. */
  readonly notSafeReason: EnquiryNotMadeReasonCode | undefined;
  readonly recorded: Recorded | undefined;
  /** Where "Back" from a side screen returns. */
  readonly returnTo: ScreenId;
}

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
  announce(text: string): void;
}

export type ScreenRender = (view: AppView, actions: ScreenActions) => HTMLElement;
