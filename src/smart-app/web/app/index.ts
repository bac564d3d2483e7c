export { start } from './app.page.ts';
export { type AppDeps, type AppState, type Focus, RecordingApp, unsafeReason } from './recording-app.ts';
export { SCREENS } from './screens.registry.ts';
