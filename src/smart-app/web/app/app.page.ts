import type { DvaSummary } from '../../../recording/index.ts';
import type { CareSetting } from '../../../shared/terminology.ts';
import type { AppConfig } from '../../shared/index.ts';
import { loadConfig } from '../config/index.ts';
import { createDraft } from '../form/index.ts';
import {
  loadCareSetting,
  loadChildren,
  loadPatient,
  loadSummary,
  type PatientFacts,
} from '../record/index.ts';
import { startSafeguarding } from '../safeguarding/index.ts';
import type { Loadable } from '../screens/index.ts';
import {
  clearLaunchState,
  completeLaunch,
  type LaunchSession,
  type ReviewSession,
} from '../session/index.ts';
import { createShell, patientBanner, reasonOf, showNotice } from '../ui/index.ts';
import { type AppState, RecordingApp } from './recording-app.ts';

function loadable<T>(result: PromiseSettledResult<T>): Loadable<T> {
  return result.status === 'fulfilled' ? { status: 'loaded', value: result.value } : { status: 'failed' };
}

function initialState(config: AppConfig, session: LaunchSession, loaded: Loaded): AppState {
  const draft = createDraft(crypto.randomUUID());
  if (loaded.careSetting) draft.setting = loaded.careSetting;
  return {
    config,
    session,
    patient: loaded.patient,
    summary: loaded.summary,
    children: { status: 'loading' },
    draft,
    issues: [],
    submit: { status: 'idle' },
    notSafeReason: undefined,
    recorded: undefined,
    returnTo: 'safety',
    screen: 'safety',
  };
}

interface Loaded {
  readonly patient: Loadable<PatientFacts>;
  readonly summary: Loadable<DvaSummary>;
  readonly careSetting: CareSetting | undefined;
}

/** The patient, their existing record and the care setting, in parallel; only the patient is essential. */
async function loadRecord(session: LaunchSession): Promise<Loaded> {
  const [patient, summary, setting] = await Promise.allSettled([
    loadPatient(session),
    loadSummary(session),
    loadCareSetting(session),
  ]);
  return {
    patient: loadable(patient),
    summary: loadable(summary),
    careSetting: setting.status === 'fulfilled' ? setting.value : undefined,
  };
}

async function openRecording(
  host: HTMLElement,
  config: AppConfig,
  session: LaunchSession,
): Promise<AppState | undefined> {
  const loaded = await loadRecord(session);
  if (loaded.patient.status !== 'loaded') {
    const text =
      'The patient’s details could not be loaded, so nothing can be recorded. Open this again from the patient’s record.';
    showNotice(host, { title: 'Could not open', text, reason: 'patient-unavailable' });
    return undefined;
  }
  return initialState(config, session, loaded);
}

/** The safeguarding lead reviews restricted records across patients instead of recording (issue 6 §1). */
function mountReview(host: HTMLElement, session: ReviewSession): void {
  const shell = createShell(host);
  startSafeguarding({
    main: shell.main,
    fhir: session.fhir,
    reviewerRef: session.reviewerRef,
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
  });
}

type Opened = { readonly kind: 'recording'; readonly state: AppState } | { readonly kind: 'review' };

async function openSession(host: HTMLElement): Promise<Opened | undefined> {
  const config = await loadConfig();
  const opened = await completeLaunch(config);
  if (opened.kind === 'review') {
    mountReview(host, opened.session);
    return { kind: 'review' };
  }
  const state = await openRecording(host, config, opened.session);
  return state ? { kind: 'recording', state } : undefined;
}

function closeApp(host: HTMLElement): void {
  clearLaunchState();
  window.close();
  showNotice(host, { title: 'Clinical note', text: 'Closed. You can close this window.', reason: 'closed' });
}

function mountApp(host: HTMLElement, state: AppState): RecordingApp {
  const shell = createShell(host);
  if (state.session.needPatientBanner && state.patient.status === 'loaded') {
    shell.banner.replaceChildren(patientBanner(state.patient.value));
    shell.banner.hidden = false;
  }
  const app = new RecordingApp(state, {
    main: shell.main,
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
    onClose: () => {
      shell.conceal.dispose();
      closeApp(host);
    },
  });
  app.render();
  return app;
}

/** Registered children are looked up after the first screen is up; the actions screen shows them when ready. */
async function loadChildrenLater(state: AppState, app: RecordingApp): Promise<void> {
  if (state.patient.status !== 'loaded') return;
  const [children] = await Promise.allSettled([loadChildren(state.session, state.patient.value, new Date())]);
  state.children = children ? loadable(children) : { status: 'failed' };
  app.refresh('actions');
}

/**
 * `/app/`: the SMART redirect URI. Completes the launch, then starts the safeguarding review (safeguarding lead) or
 * loads the record and starts the recording flow.
 */
export async function start(host: HTMLElement): Promise<void> {
  showNotice(host, { title: 'Clinical note', text: 'Opening…', kind: 'loading' });
  let opened: Opened | undefined;
  try {
    opened = await openSession(host);
  } catch (error) {
    clearLaunchState();
    const text = 'Open this again from the patient’s record.';
    showNotice(host, { title: 'Could not open', text, reason: reasonOf(error) });
    return;
  }
  if (opened?.kind !== 'recording') return;
  await loadChildrenLater(opened.state, mountApp(host, opened.state));
}
