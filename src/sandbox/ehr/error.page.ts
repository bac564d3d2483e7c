import { html } from '../../http/html.template.ts';
import { type PageFrame, renderLayout } from './layout.page.ts';

/** A friendly error page (unknown patient, bad request, unexpected failure): no detail, a way back. */
export function renderErrorPage(frame: PageFrame, title: string, message: string): string {
  const main = html`<section class="page page--narrow">
    <h1>${title}</h1>
    <p>${message}</p>
    <p><a class="btn" href="${frame.basePath}/">Back to the patient list</a></p>
  </section>`;
  return renderLayout(frame, title, main);
}
