import { html, type SafeHtml } from '../../http/html.template.ts';
import { mayExportDataset } from './export-access.policy.ts';
import { EHR_USERS, type EhrUser } from './sandbox-users.ts';

export interface PageFrame {
  /** Public path of the simulator, e.g. `/ehr`. */
  readonly basePath: string;
  readonly user: EhrUser;
  /** Path (under basePath) to come back to after switching user. */
  readonly returnTo: string;
}

function userSwitcher(frame: PageFrame): SafeHtml {
  const options = EHR_USERS.map(
    (u) => html`<option value="${u.id}"${u.id === frame.user.id ? html` selected` : ''}>${u.label}</option>`,
  );
  return html`<form class="user-switch" method="post" action="${frame.basePath}/user">
      <label for="user-switch">Signed in as</label>
      <select id="user-switch" name="userId">${options}</select>
      <input type="hidden" name="returnTo" value="${frame.returnTo}">
      <button type="submit" class="btn btn--quiet">Switch</button>
    </form>`;
}

function exportLink(frame: PageFrame): SafeHtml | '' {
  return mayExportDataset(frame.user)
    ? html`&emsp;<a href="${frame.basePath}/export">Export dataset</a>`
    : '';
}

/**
 * The page shell: header bar with the user switcher, the static stylesheets and script, and `head` (a page's own
 * stylesheet or refresh; never inline script or style).
 */
export function renderLayout(
  frame: PageFrame,
  title: string,
  main: SafeHtml,
  head: SafeHtml | '' = '',
): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} – Sandbox EHR</title>
  <link rel="icon" href="${frame.basePath}/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${frame.basePath}/static/ehr.css">
  <link rel="stylesheet" href="${frame.basePath}/static/chart.css">
  <script type="module" src="${frame.basePath}/static/ehr.js"></script>
  ${head}
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="topbar">
    <a class="topbar__brand" href="${frame.basePath}/"><span class="topbar__logo" aria-hidden="true">+</span>Sandbox EHR</a>
    <nav class="topbar__nav" aria-label="Main"><a href="${frame.basePath}/">Patients</a>${exportLink(frame)}</nav>
    ${userSwitcher(frame)}
  </header>
  <main id="main" tabindex="-1">${main}</main>
  <footer class="footer">Synthetic data only. A simulator for testing CDS Hooks and SMART apps.</footer>
</body>
</html>`.value;
}
