import { loadConfig } from '../config/index.ts';
import { reasonOf, showNotice } from '../ui/index.ts';
import { entryOf, planLaunch, startLaunch } from './launch.ts';

/**
 * `/app/launch` and `/app/safeguarding/launch`: the SMART launch URLs. Plans the launch and hands over to the
 * authorization server with the entry's scopes.
 */
export async function start(host: HTMLElement): Promise<void> {
  showNotice(host, { title: 'Clinical note', text: 'Opening…', kind: 'loading' });
  try {
    const config = await loadConfig();
    const plan = planLaunch(window.location.search, config);
    if (plan.kind === 'refused') {
      showNotice(host, {
        title: 'Could not open',
        text: 'This link does not come from a recognised record system.',
        reason: plan.reason,
      });
      return;
    }
    await startLaunch(plan, config, entryOf(window.location.pathname));
  } catch (error) {
    showNotice(host, {
      title: 'Could not open',
      text: 'Open this again from the patient’s record.',
      reason: reasonOf(error),
    });
  }
}
