import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/sandbox/ehr/markdown.render.ts';

const render = (md: string) => renderMarkdown(md).value;

describe('renderMarkdown (card.detail, GitHub-flavoured Markdown)', () => {
  it('renders ordinary markdown', () => {
    const out = render('**Evidence**\n\n- anxiety\n- repeated injury\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(out).toContain('<strong>Evidence</strong>');
    expect(out).toContain('<li>anxiety</li>');
    expect(out).toContain('<table>');
  });

  it.each([
    ['a script block', '<script>alert(1)</script>'],
    ['inline html with a handler', 'Hi <img src=x onerror="alert(1)"> there'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a style tag', '<style>body{display:none}</style>'],
  ])('escapes raw HTML: %s', (_name, md) => {
    const out = render(md);
    expect(out).not.toMatch(/<(script|img|iframe|style)/i);
    expect(out).toContain('&lt;');
  });

  it.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript:', '[x](vbscript:msgbox)'],
    ['a relative URL', '[x](/ehr/api/feedback)'],
  ])('keeps only the text of a %s link', (_name, md) => {
    const out = render(md);
    expect(out).not.toContain('<a');
    expect(out).toContain('x');
  });

  it('keeps http(s) links, opened in a new tab without referrer or opener', () => {
    expect(render('[guide](https://example.org/a?b=1&c=2)')).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">guide</a>',
    );
  });

  it('renders images as their alt text only', () => {
    const out = render('![a "chart"](https://example.org/x.png)');
    expect(out).not.toContain('<img');
    expect(out).toContain('a &quot;chart&quot;');
  });

  it('escapes link text and attributes', () => {
    const out = render('[<b>x</b>](https://example.org/"onmouseover="alert(1))');
    expect(out).not.toContain('<b>');
    expect(out).not.toMatch(/"onmouseover=/);
  });
});
