/**
 * The Markdown Paydown writes (ticket bodies, close comments) as Jira rich text: Atlassian
 * Document Format for Jira Cloud's REST v3, wiki markup for Data Center's REST v2; and the
 * marker read back from either.
 *
 * Only what Paydown's own Markdown holds is understood (headings, paragraphs, links, inline code,
 * emphasis, fenced code blocks with a language, pipe tables, simple lists, rules, backslash
 * escapes and the entities `escapeMarkdown` writes); anything else stays as literal text, never
 * lost. A full Markdown engine would cost more bytes than the bodies need.
 *
 * Invariants:
 * - Jira has no hidden comment, so the marker `<!-- paydown:PD-7Q2K -->` becomes a visible but
 *   quiet last paragraph `paydown:PD-7Q2K` in grey; {@link jiraMarkerItemId} finds it again in
 *   ADF and in wiki text (and still reads the HTML-comment form someone pasted).
 * - Output is valid ADF (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/):
 *   no empty text node, no mark besides `link` next to `code`, no marks in a code block.
 */
import { markerItemId } from '../model';

/** An ADF node (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** An ADF document. */
export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

interface Span {
  text: string;
  code?: boolean;
  em?: boolean;
  strong?: boolean;
  href?: string;
}

type Block =
  | { kind: 'heading'; level: number; spans: Span[] }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'table'; header: Span[][] | null; rows: Span[][][] }
  | { kind: 'list'; ordered: boolean; items: Span[][] }
  | { kind: 'rule' }
  | { kind: 'marker'; itemId: string };

/** The grey of Atlassian's "subtle" text: the marker is there, but does not shout. */
const MARKER_COLOR = '#97a0af';
const ITEM_ID = 'PD-[0-9A-HJKMNP-TV-Z]{4,8}';
const MARKER_LINE = new RegExp(`^paydown:(${ITEM_ID})$`);
const HTML_COMMENT = /^<!--[\s\S]*?-->$/;

// ---- Markdown → blocks ----

function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', spans: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const fence = /^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (fence) {
      flush();
      const close = new RegExp(`^\\s{0,3}${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}\\s*$`);
      const body: string[] = [];
      for (i++; i < lines.length && !close.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ kind: 'code', language: fence[2]!, text: body.join('\n') });
      continue;
    }
    if (trimmed === '') {
      flush();
      continue;
    }
    const marker = HTML_COMMENT.test(trimmed) ? markerItemId(trimmed) : null;
    if (marker || HTML_COMMENT.test(trimmed)) {
      flush();
      if (marker) blocks.push({ kind: 'marker', itemId: marker });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length, spans: parseInline(heading[2]!) });
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line) && paragraph.length === 0) {
      blocks.push({ kind: 'rule' });
      continue;
    }
    if (trimmed.startsWith('|') && i + 1 < lines.length && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1]!)) {
      flush();
      const header = cells(line);
      const rows: Span[][][] = [];
      for (i += 2; i < lines.length && lines[i]!.trim().startsWith('|'); i++) rows.push(cells(lines[i]!));
      i--;
      // Paydown's facts table has an empty header row: Jira shows none rather than a blank one.
      blocks.push({ kind: 'table', header: header.every((c) => c.length === 0) ? null : header, rows });
      continue;
    }
    const item = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/.exec(line);
    if (item && paragraph.length === 0) {
      const ordered = item[2] !== undefined;
      const items: Span[][] = [];
      for (; i < lines.length; i++) {
        const m = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/.exec(lines[i]!);
        if (!m || (m[2] !== undefined) !== ordered) break;
        items.push(parseInline(m[3]!));
      }
      i--;
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    paragraph.push(trimmed);
  }
  flush();
  return blocks;
}

/** A table row's cells: split on unescaped `|` (GFM splits inside code spans too). */
function cells(line: string): Span[][] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => parseInline(c.trim().replace(/\\\|/g, '|')));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function parseInline(text: string, marks: Omit<Span, 'text'> = {}): Span[] {
  const out: Span[] = [];
  let plain = '';
  const push = (span: Span): void => {
    if (span.text === '') return;
    const last = out.at(-1);
    if (last && !span.code && !last.code && last.em === span.em && last.strong === span.strong && last.href === span.href) last.text += span.text;
    else out.push(span);
  };
  const flushPlain = (): void => {
    if (plain) push({ ...marks, text: plain });
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '&') {
      const m = /^&(amp|lt|gt|quot|#39|apos);/.exec(text.slice(i));
      if (m) {
        plain += ENTITIES[m[1]!];
        i += m[0].length;
        continue;
      }
    }
    if (c === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const end = findRun(text, i + run.length, run);
      if (end >= 0) {
        flushPlain();
        let code = text.slice(i + run.length, end);
        if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
        push({ ...(marks.href ? { href: marks.href } : {}), text: code, code: true });
        i = end + run.length;
        continue;
      }
      plain += run;
      i += run.length;
      continue;
    }
    if (c === '[') {
      const close = matchingBracket(text, i);
      const link = close >= 0 ? /^\]\(([^\s()]+)(?:\s+"[^"]*")?\)/.exec(text.slice(close)) : null;
      if (link) {
        flushPlain();
        for (const s of parseInline(text.slice(i + 1, close), { ...marks, href: link[1]! })) push(s);
        i = close + link[0].length;
        continue;
      }
    }
    const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(text.slice(i));
    if (strong && (strong[1] === '**' || !/\w/.test(text[i - 1] ?? ''))) {
      flushPlain();
      for (const s of parseInline(strong[2]!, { ...marks, strong: true })) push(s);
      i += strong[0].length;
      continue;
    }
    if ((c === '*' || c === '_') && /\S/.test(text[i + 1] ?? ' ') && (c === '*' || !/\w/.test(text[i - 1] ?? ''))) {
      const end = findEmphasisEnd(text, i + 1, c);
      if (end > i + 1) {
        flushPlain();
        for (const s of parseInline(text.slice(i + 1, end), { ...marks, em: true })) push(s);
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flushPlain();
  return out;
}

function findRun(text: string, from: number, run: string): number {
  for (let j = text.indexOf(run, from); j >= 0; j = text.indexOf(run, j + 1)) {
    if (text[j - 1] !== '`' && text[j + run.length] !== '`') return j;
  }
  return -1;
}

function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '`') {
      const run = /^`+/.exec(text.slice(j))![0];
      const end = findRun(text, j + run.length, run);
      j = end >= 0 ? end + run.length - 1 : j + run.length - 1;
    } else if (text[j] === '[') depth++;
    else if (text[j] === ']' && --depth === 0) return j;
  }
  return -1;
}

/** The closing `delim` of an emphasis opened before `from`, skipping code spans and escapes; -1 when none. */
function findEmphasisEnd(text: string, from: number, delim: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') j++;
    else if (c === '`') {
      const run = /^`+/.exec(text.slice(j))![0];
      const end = findRun(text, j + run.length, run);
      j = end >= 0 ? end + run.length - 1 : j + run.length - 1;
    } else if (c === delim && /\S/.test(text[j - 1]!) && text[j + 1] !== delim && (delim === '*' || !/\w/.test(text[j + 1] ?? ''))) return j;
  }
  return -1;
}

// ---- blocks → ADF ----

function adfText(spans: Span[]): AdfNode[] {
  return spans
    .filter((s) => s.text !== '')
    .map((s) => {
      // ADF: "the code mark can only be combined with the link mark".
      const marks: NonNullable<AdfNode['marks']> = s.code ? [{ type: 'code' }] : [...(s.strong ? [{ type: 'strong' }] : []), ...(s.em ? [{ type: 'em' }] : [])];
      if (s.href) marks.push({ type: 'link', attrs: { href: s.href } });
      return { type: 'text', text: s.text, ...(marks.length ? { marks } : {}) };
    });
}

const paragraph = (spans: Span[]): AdfNode => {
  const content = adfText(spans);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
};

/** `markdown` as an ADF document for Jira Cloud (REST v3 descriptions and comments). */
export function markdownToAdf(markdown: string): AdfDoc {
  const content: AdfNode[] = parseBlocks(markdown).map((b): AdfNode => {
    switch (b.kind) {
      case 'heading':
        return { type: 'heading', attrs: { level: b.level }, content: adfText(b.spans) };
      case 'paragraph':
        return paragraph(b.spans);
      case 'code':
        return { type: 'codeBlock', ...(b.language ? { attrs: { language: b.language } } : {}), ...(b.text ? { content: [{ type: 'text', text: b.text }] } : {}) };
      case 'table': {
        const row = (cellType: string, row: Span[][]): AdfNode => ({ type: 'tableRow', content: row.map((c) => ({ type: cellType, attrs: {}, content: [paragraph(c)] })) });
        return { type: 'table', content: [...(b.header ? [row('tableHeader', b.header)] : []), ...b.rows.map((r) => row('tableCell', r))] };
      }
      case 'list':
        return { type: b.ordered ? 'orderedList' : 'bulletList', content: b.items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) };
      case 'rule':
        return { type: 'rule' };
      case 'marker':
        return { type: 'paragraph', content: [{ type: 'text', text: `paydown:${b.itemId}`, marks: [{ type: 'textColor', attrs: { color: MARKER_COLOR } }] }] };
    }
  });
  return { type: 'doc', version: 1, content };
}

// ---- blocks → wiki markup ----

/**
 * Text as literal wiki markup: the characters that always format (`* _ { } [ ] | ! \\`) escaped,
 * `- + ^ ~` only where they could open or close a format (next to a space or an end), `??` and a
 * leading `#` too; `a-b` stays readable.
 */
function wikiEscape(text: string): string {
  return text
    .replace(/[\\*_{}[\]|!]/g, '\\$&')
    .replace(/(^|\s)([-+^~])|([-+^~])(?=\s|$)/g, (_, before: string | undefined, lead: string | undefined, trail: string | undefined) => (lead ? `${before}\\${lead}` : `\\${trail}`))
    .replace(/\?\?/g, '\\?\\?')
    .replace(/^#/, '\\#');
}

/** A run of text under one format, with the spaces at its ends moved outside (wiki needs `_x_`, not `_ x _`). */
function wikiWrap(text: string, mark: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : text;
}

function wikiInline(spans: Span[]): string {
  // Links first (a link's text keeps its own formats), then emphasis around whole runs, links
  // included: `_Created by [Paydown|…]: …_`, never `_Created by _[_Paydown_|…]`.
  const pieces: Array<{ text: string; em: boolean; strong: boolean }> = [];
  for (let i = 0; i < spans.length; ) {
    const href = spans[i]!.href;
    let j = i;
    while (j < spans.length && spans[j]!.href === href) j++;
    const group = spans.slice(i, j);
    const em = group.every((s) => s.em === true);
    const strong = group.every((s) => s.strong === true);
    const inner = group
      .map((s) => {
        let t = s.code ? `{{${wikiEscape(s.text)}}}` : wikiEscape(s.text);
        if (s.strong && !strong) t = wikiWrap(t, '*');
        if (s.em && !em) t = wikiWrap(t, '_');
        return t;
      })
      .join('');
    // A link's address is taken as written: escaping would change it.
    pieces.push({ text: href ? `[${inner}|${href.replace(/[|\]]/g, encodeURIComponent)}]` : inner, em, strong });
    i = j;
  }
  let out = '';
  for (let i = 0; i < pieces.length; ) {
    const { em, strong } = pieces[i]!;
    let j = i;
    while (j < pieces.length && pieces[j]!.em === em && pieces[j]!.strong === strong) j++;
    let t = pieces.slice(i, j).map((p) => p.text).join('');
    if (strong) t = wikiWrap(t, '*');
    if (em) t = wikiWrap(t, '_');
    out += t;
    i = j;
  }
  return out;
}

/** `markdown` as wiki markup for Jira Data Center (REST v2 descriptions and comments). */
export function markdownToWiki(markdown: string): string {
  return parseBlocks(markdown)
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `h${b.level}. ${wikiInline(b.spans)}`;
        case 'paragraph':
          return wikiInline(b.spans);
        case 'code': {
          // `{code}` inside would end the block early; `{noformat}` cannot be ended by it.
          const macro = b.text.includes('{code') ? 'noformat' : 'code';
          const head = macro === 'code' && /^[\w+#-]+$/.test(b.language) ? `{code:${b.language}}` : `{${macro}}`;
          return `${head}\n${b.text}\n{${macro}}`;
        }
        case 'table': {
          const cell = (c: Span[]): string => wikiInline(c) || ' ';
          return [...(b.header ? [`||${b.header.map(cell).join('||')}||`] : []), ...b.rows.map((r) => `|${r.map(cell).join('|')}|`)].join('\n');
        }
        case 'list':
          return b.items.map((item) => `${b.ordered ? '#' : '*'} ${wikiInline(item)}`).join('\n');
        case 'rule':
          return '----';
        case 'marker':
          return `{color:${MARKER_COLOR}}paydown:${b.itemId}{color}`;
      }
    })
    .join('\n\n');
}

// ---- reading back ----

/** The plain text of ADF (its paragraphs on their own lines) or of a string, as given. */
export function richText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  const node = value as AdfNode;
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(richText);
  return inner.join(node.type === 'doc' || node.type === 'tableRow' || /List$|^listItem$|^table$/.test(node.type) ? '\n' : '');
}

/**
 * The item id of a description's marker, or null: the last line that reads `paydown:PD-7Q2K`
 * (once `{color}` wrapping and surrounding space are stripped) in ADF or wiki text, else an
 * HTML-comment marker anywhere.
 */
export function jiraMarkerItemId(description: unknown): string | null {
  const text = richText(description);
  let found: string | null = null;
  for (const line of text.split('\n')) {
    const bare = line.replace(/\{color(?::[^}]*)?\}/g, '').trim();
    const m = MARKER_LINE.exec(bare);
    if (m) found = m[1]!;
  }
  return found ?? markerItemId(text);
}
