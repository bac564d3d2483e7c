export { start } from './launch.page.ts';
export { type LaunchPlan, planLaunch, startLaunch } from './launch.ts';
