import './zod-csp.ts';
import './styles/base.css';
import './styles/components.css';

/**
 * Entry of the recording app. `/app/launch` (the SMART launch URL) loads only the launch code; `/app/` (the
 * redirect URI) loads the app. Nothing is read from or written to the URL beyond the SMART parameters.
 */
const host = document.getElementById('root');
if (host) {
  const page = /\/launch\/?$/.test(window.location.pathname)
    ? import('./launch/index.ts')
    : import('./app/index.ts');
  void page.then((module) => module.start(host));
}
