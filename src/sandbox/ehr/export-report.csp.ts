import { createHash } from 'node:crypto';

const STYLE_ELEMENT = /<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi;

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy for one `report.html`. The report is self-contained (one inline `<style>`, inline
 * SVG, no script), so instead of `'unsafe-inline'` it allows exactly its own style elements by hash (CSP Level 3
 * "hash-source", https://www.w3.org/TR/CSP3/#grammardef-hash-source): a changed or injected style does not apply.
 * No script, no fetches, no forms, no framing outside the simulator, and `sandbox` so that even when opened in its
 * own tab the page has an opaque origin.
 */
export function reportContentSecurityPolicy(reportHtml: string): string {
  const hashes = [...reportHtml.matchAll(STYLE_ELEMENT)].map((m) => sha256Source(m[1] ?? ''));
  const styleSources = hashes.length > 0 ? [...new Set(hashes)].join(' ') : "'none'";
  return [
    "default-src 'none'",
    `style-src ${styleSources}`,
    'img-src data:',
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    'sandbox',
  ].join('; ');
}
