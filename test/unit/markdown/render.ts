/**
 * Markdown rendered the way VS Code renders it (markdown-it, default CommonMark preset with GFM
 * tables and strikethrough), so tests can assert what a reader sees instead of which characters
 * got a backslash.
 */
const MarkdownIt = require('markdown-it') as new (options?: { html?: boolean }) => { render(source: string): string };

// HTML enabled: an escaper that let a tag through would show up as that tag.
const renderer = new MarkdownIt({ html: true });

/** `source` as HTML. */
export function renderMarkdown(source: string): string {
  return renderer.render(source);
}

/** `text` as markdown-it writes literal text in HTML. */
export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
