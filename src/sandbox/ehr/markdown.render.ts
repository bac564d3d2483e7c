import { Marked, type Tokens } from 'marked';
import { escapeHtml, SafeHtml } from '../../http/html.template.ts';

/** Only absolute http(s) URLs become links; anything else (javascript:, data:, relative) stays text. */
export function isHttpUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * GitHub-flavoured Markdown (CDS Hooks 2.0 `card.detail`) rendered for the card panel. Raw HTML is escaped (shown
 * as text, never interpreted), images render as their alt text (the CSP blocks remote images anyway), and links
 * are kept only for http(s) targets and open in a new tab without a referrer. Text, code and attributes are
 * escaped by marked itself.
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    image(token: Tokens.Image) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!isHttpUrl(token.href)) return text;
      return `<a href="${escapeHtml(token.href)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
    },
  },
});

export function renderMarkdown(markdown: string): SafeHtml {
  return new SafeHtml(marked.parse(markdown, { async: false }));
}
