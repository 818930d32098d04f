/**
 * Quick fixes for malformed annotation metadata, one or more per problem code. Pure: each fix is
 * a title and text edits on the problem's line; the code action provider turns them into
 * `WorkspaceEdit`s.
 */
import { IMPACTS, type Impact, type ProblemCode, type SourceRange } from '../../engine';

/** A replacement on one line; characters are 0-based, `end` exclusive. */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface QuickFix {
  title: string;
  edits: LineEdit[];
  /** The fix VS Code applies with "Auto Fix" (at most one per problem). */
  preferred?: boolean;
}

/** What the fixes may offer beyond the problem's own text. */
export interface FixContext {
  /** Sprint names to offer for an empty `sprint:`, most relevant first. */
  sprints: readonly string[];
  /** The configured outcomes, for an empty `outcome:`. */
  outcomes: readonly string[];
  /** A fresh ledger id, for an invalid one. */
  newId: () => string;
}

/** The problem as the editor has it: its code and 1-based range (end exclusive). */
export interface FixableProblem {
  code: ProblemCode | string;
  range: SourceRange;
}

/** The word after a key's colon and its space(s): not another `key:`, an `@owner` or a `#label`. */
const SPACED_VALUE = /^[ \t]+([^\s,():@#]+)(?=$|[\s,)])/;

/** Efforts offered when the written one has no number in it (a Fibonacci-ish scale teams use). */
const EFFORT_CHOICES = ['1', '2', '3', '5', '8'];
/** Words people write for impacts, mapped to the nearest one. */
const IMPACT_WORDS: Record<string, Impact> = {
  minor: 'low', trivial: 'low', small: 'low', lo: 'low',
  normal: 'medium', moderate: 'medium', med: 'medium', mid: 'medium', average: 'medium',
  major: 'high', big: 'high', large: 'high', hi: 'high', important: 'high',
  huge: 'critical', severe: 'critical', blocker: 'critical', urgent: 'critical', crit: 'critical', highest: 'critical',
};

/** The fixes for `problem`, whose line's text is `lineText`; empty when there is none. */
export function quickFixes(problem: FixableProblem, lineText: string, context: FixContext): QuickFix[] {
  const line = problem.range.start.line - 1;
  const start = problem.range.start.column - 1;
  const keyEnd = problem.range.end.line === problem.range.start.line ? problem.range.end.column - 1 : lineText.length;
  const keyToken = lineText.slice(start, keyEnd);
  const colon = keyToken.indexOf(':');
  const key = colon > 0 ? keyToken.slice(0, colon) : '';
  // `effort: 3x`, a space after the colon: the word after it is the value its writer meant, and a fix takes it in.
  const spaced = colon > 0 && colon === keyToken.length - 1 ? SPACED_VALUE.exec(lineText.slice(keyEnd)) : null;
  const end = spaced ? keyEnd + spaced[0].length : keyEnd;
  const token = lineText.slice(start, end);
  const value = spaced ? spaced[1]! : colon > 0 ? keyToken.slice(colon + 1) : '';
  const replace = (text: string): LineEdit[] => [{ line, start, end, text }];
  const change = (text: string, preferred = false): QuickFix => ({ title: `Change to ${text}`, edits: replace(text), ...(preferred ? { preferred } : {}) });
  const remove = (title = `Remove ${token}`): QuickFix => ({ title, edits: [removal(lineText, line, start, end)] });

  switch (problem.code) {
    case 'effort-invalid': {
      const number = /\d+(?:\.\d+)?/.exec(value.replace(',', '.'))?.[0];
      const unit = /\d\s*(h|d)(?:ours?|ays?)?$/i.exec(value)?.[1]?.toLowerCase() ?? '';
      if (number) return [change(`${key}:${number}${unit}`, true), remove()];
      return [...EFFORT_CHOICES.map((n) => change(`${key}:${n}`)), remove()];
    }
    case 'impact-invalid': {
      const nearest = nearestImpact(value);
      const ordered = nearest ? [nearest, ...IMPACTS.filter((i) => i !== nearest)] : [...IMPACTS];
      return [...ordered.map((impact) => change(`${key}:${impact}`, impact === nearest)), remove()];
    }
    case 'due-invalid': {
      const fixed = fixDate(value);
      return [...(fixed ? [change(`${key}:${fixed}`, true)] : []), remove(`Remove ${value ? 'due' : token}`)];
    }
    case 'sprint-empty':
    case 'outcome-empty': {
      const known = (problem.code === 'sprint-empty' ? context.sprints.slice(0, 5) : context.outcomes).filter((name) => name !== value);
      return [...(spaced ? [change(`${key}:${value}`, true)] : []), ...known.map((name) => ({ title: `Set ${key}:${name}`, edits: replace(`${key}:${name}`) })), remove()];
    }
    case 'owner-empty':
      return [remove('Remove the empty @')];
    case 'paren-unclosed':
      return closeParenthesis(lineText, line, start, end);
    case 'id-invalid': {
      const id = context.newId();
      return [{ title: `Replace with a new id ${id}`, edits: replace(id), preferred: true }, remove()];
    }
    case 'duplicate-key':
      return [{ title: `Remove the second ${key || 'id'} (${token})`, edits: [removal(lineText, line, start, end)], preferred: true }];
    default:
      return [];
  }
}

/** The impact a mistyped or colloquial value most likely meant, or null. */
export function nearestImpact(value: string): Impact | null {
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  if (v === '') return null;
  const word = IMPACT_WORDS[v];
  if (word) return word;
  const prefixed = IMPACTS.find((i) => i.startsWith(v) || v.startsWith(i));
  if (prefixed) return prefixed;
  // One or two typos: the impact with the smallest edit distance, when close enough.
  let best: Impact | null = null;
  let bestDistance = 3;
  for (const impact of IMPACTS) {
    const d = editDistance(v, impact);
    if (d < bestDistance) [best, bestDistance] = [impact, d];
  }
  return best;
}

/** A real `YYYY-MM-DD` date for a slightly wrong one (`2026/6/31` → `2026-06-30`), or null. */
export function fixDate(value: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Math.max(1, Number(m[3])), last);
  const fixed = `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return fixed === value ? null : fixed;
}

/**
 * The edit removing `[start, end)` from a line with the space (or list comma) that separated it,
 * so no double space, dangling comma or empty parentheses are left.
 */
export function removal(lineText: string, line: number, start: number, end: number): LineEdit {
  let s = start;
  let e = end;
  const before = lineText.slice(0, s);
  const after = lineText.slice(e);
  // The list's only entry: the empty parentheses go with it (`TODO(effort:x): t` → `TODO: t`).
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) {
    return { line, start: s - /\(\s*$/.exec(before)![0].length, end: e + /^\s*\)/.exec(after)![0].length, text: '' };
  }
  const commaAfter = /^\s*,\s*/.exec(after);
  const commaBefore = /\s*,\s*$/.exec(before);
  if (commaAfter && /\(\s*$|,\s*$/.test(before)) e += commaAfter[0].length;
  else if (commaBefore) s -= commaBefore[0].length;
  else {
    const spaceBefore = /[ \t]+$/.exec(before);
    if (spaceBefore) s -= spaceBefore[0].length;
    else {
      const spaceAfter = /^[ \t]+/.exec(after);
      if (spaceAfter) e += spaceAfter[0].length;
    }
  }
  return { line, start: s, end: e, text: '' };
}

/** `TAG(bob: title` → `TAG(bob): title`; without a colon, `TAG(bob title` → `TAG(bob): title`. */
function closeParenthesis(lineText: string, line: number, start: number, end: number): QuickFix[] {
  const segment = lineText.slice(start, end);
  const colon = segment.indexOf(':');
  const fixes: QuickFix[] = [];
  if (colon > 0) {
    fixes.push({ title: 'Close the parenthesis', edits: [{ line, start: start + colon, end: start + colon, text: ')' }], preferred: true });
  } else {
    const word = /^\(\s*[^\s()]+/.exec(segment);
    if (word) {
      const at = start + word[0].length;
      const space = /^[ \t]*/.exec(lineText.slice(at))![0].length;
      fixes.push({ title: 'Close the parenthesis', edits: [{ line, start: at, end: at + space, text: '): ' }], preferred: true });
    }
  }
  if (colon <= 0) fixes.push({ title: 'Remove the parenthesis', edits: [{ line, start, end: start + 1, text: colon === 0 ? '' : ': ' }] });
  return fixes;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}
