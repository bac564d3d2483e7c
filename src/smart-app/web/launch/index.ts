export { start } from './launch.page.ts';
export { entryOf, type LaunchPlan, planLaunch, startLaunch } from './launch.ts';
