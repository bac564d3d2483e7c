import { createDraft } from '../form/draft.ts';
import { loadCareSetting, loadChildren, loadPatient, loadSummary } from '../record/record.loader.ts';
import type { Loadable } from '../screens/screen.types.ts';
import { clearLaunchState } from '../session/launch-state.ts';
import { type LaunchSession, completeLaunch } from '../session/smart-session.ts';
import { showNotice } from '../ui/notice.ts';
import { createShell, patientBanner } from '../ui/shell.ts';
import { loadConfig } from './load-config.ts';
import { type AppState, createRecordingApp } from './recording-app.ts';

function loadable<T>(result: PromiseSettledResult<T>): Loadable<T> {
  return result.status === 'fulfilled' ? { status: 'loaded', value: result.value } : { status: 'failed' };
}

async function openSession(host: HTMLElement): Promise<{ session: LaunchSession; state: AppState } | undefined> {
  const config = await loadConfig();
  const session = await completeLaunch(config);
  const [patient, summary, setting] = await Promise.allSettled([loadPatient(session), loadSummary(session), loadCareSetting(session)]);
  if (patient.status === 'rejected') {
    showNotice(host, 'Could not open', 'The patient’s details could not be loaded, so nothing can be recorded. Open this again from the patient’s record.');
    return undefined;
  }
  const careSetting = setting.status === 'fulfilled' ? setting.value : undefined;
  const draft = createDraft(crypto.randomUUID());
  if (careSetting) draft.setting = careSetting;
  const state: AppState = {
    config,
    session,
    patient: loadable(patient),
    summary: loadable(summary),
    children: { status: 'loading' },
    careSetting,
    draft,
    issues: [],
    submit: { status: 'idle' },
    notSafeReason: undefined,
    recorded: undefined,
    returnTo: 'safety',
    screen: 'safety',
  };
  return { session, state };
}

function closeApp(host: HTMLElement): void {
  clearLaunchState();
  window.close();
  showNotice(host, 'Clinical note', 'Closed. You can close this window.');
}

/** `/app/`: the SMART redirect URI. Completes the launch, loads the record, and starts the recording flow. */
export async function start(host: HTMLElement): Promise<void> {
  showNotice(host, 'Clinical note', 'Opening…');
  let opened: Awaited<ReturnType<typeof openSession>>;
  try {
    opened = await openSession(host);
  } catch {
    clearLaunchState();
    showNotice(host, 'Could not open', 'Open this again from the patient’s record.');
    return;
  }
  if (!opened) return;
  const { session, state } = opened;
  const shell = createShell(host);
  if (session.needPatientBanner && state.patient.status === 'loaded') {
    shell.banner.replaceChildren(patientBanner(state.patient.value));
    shell.banner.hidden = false;
  }
  const app = createRecordingApp(state, {
    main: shell.main,
    announce: shell.announce,
    newId: () => crypto.randomUUID(),
    now: () => new Date(),
    onClose: () => {
      shell.conceal.dispose();
      closeApp(host);
    },
  });
  app.render();
  if (state.patient.status !== 'loaded') return;
  const children = await Promise.allSettled([loadChildren(session, state.patient.value, new Date())]);
  state.children = loadable(children[0] ?? { status: 'rejected', reason: undefined });
  if (state.screen === 'actions') app.render({ kind: 'keep', id: document.activeElement?.id || 'screen-title' });
}
