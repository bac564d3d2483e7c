import { loadConfig } from '../app/load-config.ts';
import { showNotice } from '../ui/notice.ts';
import { planLaunch, startLaunch } from './launch.ts';

/** `/app/launch`: the SMART launch URL. Plans the launch and hands over to the authorization server. */
export async function start(host: HTMLElement): Promise<void> {
  showNotice(host, 'Clinical note', 'Opening…');
  try {
    const config = await loadConfig();
    const plan = planLaunch(window.location.search, config);
    if (plan.kind === 'refused') {
      showNotice(host, 'Could not open', 'This link does not come from a recognised record system.');
      return;
    }
    await startLaunch(plan, config);
  } catch {
    showNotice(host, 'Could not open', 'Open this again from the patient’s record.');
  }
}
