export { start } from './launch.page.ts';
export {
  BREAK_GLASS_REASON_MAX,
  entryOf,
  type LaunchPlan,
  planLaunch,
  requestBreakGlass,
  startLaunch,
  validBreakGlassReason,
} from './launch.ts';
