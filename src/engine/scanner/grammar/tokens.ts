/**
 * The metadata tokens of an annotation (`@owner`, `#label`, `effort:3`, `impact:high`,
 * `sprint:S14`, `due:2025-06-30`, `outcome:retention`, issue refs, `PD-7Q2K`), read from a title,
 * a body line or the parenthesised list after the tag. Tokens are taken out of the text they sit
 * in; malformed ones become problems with their exact offsets and never sink the item.
 */
import type { EffortSpec, EffortUnit, Impact, IssueRef, ProblemCode } from '../../model';
import { normaliseItemId } from '../../itemIds';
import { isAsciiLetter, isSpace } from './chars';

/** A problem located by offsets into the document; turned into a `Problem` once the item is done. */
export interface OffsetProblem {
  start: number;
  end: number;
  code: ProblemCode;
  message: string;
}

/** How efforts written in hours or days become points. */
export interface EffortConversion {
  hoursPerPoint: number;
  hoursPerDay: number;
}

/** The keys of `key:value` tokens. */
const KEYS = ['effort', 'impact', 'sprint', 'due', 'outcome'] as const;
type Key = (typeof KEYS)[number];
const KEY_SET: ReadonlySet<string> = new Set(KEYS);

const IMPACT_VALUES: ReadonlySet<string> = new Set(['low', 'medium', 'high', 'critical']);
const EFFORT = /^(\d+(?:\.\d+)?)(pts?|p|h|d)?$/i;
const DUE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OWNER = /^@([\p{L}\p{N}_][\p{L}\p{N}_.\-/]*)$/u;
/** A handle written without `@` in the list after the tag: a word with a letter that is not a version (`v2`, `1.2`). */
const BARE_OWNER = /^(?!v?\d+(?:\.\d+)*$)[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;
const HAS_LETTER = /\p{L}/u;
/** `XOR2`, `PEP612`, `T130415563`: capitals with a digit name a topic, a standard or a task, not a person. */
const CAPITALS_WITH_DIGIT = /^[A-Z][A-Z_]*\d[A-Z0-9_]*$/;
const NUMBER = /^\d+$/;
const LABEL = /^#([\p{L}\p{N}_][\p{L}\p{N}_.\-/]*)$/u;
const ISSUE_NUMBER = /^#\d+$/;
const GITHUB_REF = /^GH-\d+$/;
/** `golang/go#63472`: an issue of another GitHub repository. */
const REPO_REF = /^[\w.-]+\/[\w.-]+#\d+$/;
const KEY_REF = /^([A-Z]{2}[A-Z0-9_]*)-\d+$/;
const LEDGER_ID = /^pd-([0-9a-z]*)$/i;
const TRACKER_URLS: readonly RegExp[] = [
  /^https?:\/\/(?:www\.)?github\.com\/[^/\s]+\/[^/\s]+\/issues\/\d+(?:[/?#]\S*)?$/i,
  /^https?:\/\/[^/\s]+\/(?:[^/\s]+\/)+-\/issues\/\d+(?:[/?#]\S*)?$/i,
  /^https?:\/\/(?:www\.)?gitlab\.com\/(?:[^/\s]+\/)+issues\/\d+(?:[/?#]\S*)?$/i,
  /^https?:\/\/[^/\s]+\/browse\/[A-Z][A-Z0-9_]+-\d+(?:[/?#]\S*)?$/,
  /^https?:\/\/(?:www\.)?linear\.app\/[^/\s]+\/issue\/[A-Z][A-Z0-9]*-\d+(?:[/?#]\S*)?$/i,
];
/** Upper-case `WORD-123` shapes that are standards and versions, not tickets. */
const NOT_TICKET_KEYS: ReadonlySet<string> = new Set([
  'AES', 'ANSI', 'BASE', 'CP', 'CVE', 'CWE', 'ECMA', 'ES', 'GPL', 'HTTP', 'IEC', 'IEEE', 'ISO', 'LGPL', 'MD', 'PEP', 'RFC', 'RSA',
  'SHA', 'SSL', 'TLS', 'UCS', 'UTF', 'WCAG', 'WIN',
]);

/** The tags of JSDoc, TSDoc, Javadoc, PHPDoc and Doxygen (`@param`, `\\returns`), in lower case. */
const DOC_TAGS: readonly string[] = [
  'abstract', 'access', 'alias', 'alpha', 'api', 'apinote', 'async', 'augments', 'author', 'beta', 'borrows', 'brief', 'callback', 'category',
  'class', 'classdesc', 'code', 'const', 'constant', 'constructor', 'constructs', 'copydoc', 'copyright', 'covers', 'dataprovider', 'default',
  'defaultvalue', 'depends', 'deprecated', 'description', 'docroot', 'enum', 'event', 'eventproperty', 'example', 'exception', 'experimental',
  'exports', 'extends', 'external', 'file', 'fileoverview', 'fires', 'function', 'generator', 'global', 'group', 'hidden', 'hideconstructor',
  'ignore', 'implements', 'implnote', 'implspec', 'import', 'inheritdoc', 'inner', 'instance', 'interface', 'internal', 'kind', 'label',
  'lends', 'license', 'link', 'linkcode', 'linkplain', 'listens', 'literal', 'member', 'memberof', 'method', 'mixes', 'mixin', 'module',
  'name', 'namespace', 'note', 'override', 'overload', 'package', 'packagedocumentation', 'param', 'pre', 'post', 'private', 'privateremarks',
  'prop', 'property', 'protected', 'public', 'readonly', 'remarks', 'requires', 'return', 'returns', 'satisfies', 'sealed', 'see', 'serial',
  'serialdata', 'serialfield', 'since', 'static', 'summary', 'template', 'test', 'this', 'throw', 'throws', 'todo', 'tparam', 'tutorial',
  'type', 'typedef', 'typeparam', 'uses', 'value', 'var', 'variation', 'version', 'virtual', 'warning', 'yield', 'yields',
  'arg', 'argument', 'bug', 'details', 'emits', 'retval', 'sa', 'tparam',
];

/**
 * `@words` that are doc tags, decorators, annotations and directives, never owners, in lower case:
 * `@param`, `@returns`, `@deprecated`, `@overload`, `@Override`, `@ts-expect-error`, `@dataclass`.
 */
const NOT_OWNERS: ReadonlySet<string> = new Set([
  ...DOC_TAGS,
  // pragmas and directives written with @
  'flow', 'format', 'noflow', 'noformat', 'jsx', 'jsxfrag', 'jsxruntime', 'jsximportsource', 'preserve', 'prettier', 'vitest-environment',
  'jest-environment', 'ts-check', 'ts-expect-error', 'ts-ignore', 'ts-nocheck', 'phpstan-ignore', 'phpstan-ignore-line',
  'phpstan-ignore-next-line', 'psalm-suppress', 'suppress', 'suppresswarnings',
  // annotations and decorators (Java, Kotlin, Python, TypeScript, Swift, Objective-C)
  'after', 'aftereach', 'autowired', 'available', 'before', 'beforeeach', 'binding', 'cached_property', 'classmethod', 'component',
  'contextmanager', 'dataclass', 'discardableresult', 'disabled', 'entity', 'environment', 'escaping', 'final', 'functionalinterface',
  'hostlistener', 'injectable', 'inject', 'input', 'jsonproperty', 'lru_cache', 'mainactor', 'ngmodule', 'nonnull', 'notnull',
  'nullable', 'objc', 'observable', 'output', 'published', 'safevarargs', 'service', 'state', 'staticmethod', 'synchronized',
  'transactional', 'viewchild', 'wraps', 'abstractmethod', 'implementation', 'end', 'selector', 'protocol', 'synthesize', 'dynamic',
  // CSS at-rules and Sass
  'media', 'supports', 'include', 'use', 'forward', 'keyframes', 'font-face', 'layer', 'container', 'apply', 'tailwind', 'each', 'if',
  'else', 'debug', 'warn', 'error', 'content', 'charset',
]);

const DOC_BLOCK_TAGS: ReadonlySet<string> = new Set(DOC_TAGS);

/**
 * Whether the comment line `[p, end)` opens with a documentation tag (`@param x`, `@returns
 * {boolean}`, Doxygen's `\\see`): a new part of the doc comment, which ends the annotation before it.
 */
export function opensDocTag(text: string, p: number, end: number): boolean {
  const c = text.charCodeAt(p);
  if (c !== 64 /* @ */ && c !== 92 /* \ */) return false;
  let q = p + 1;
  while (q < end && isAsciiLetter(text.charCodeAt(q))) q++;
  if (q === p + 1 || (q < end && !isSpace(text.charCodeAt(q)) && text.charCodeAt(q) !== 123 /* { */)) return false;
  return DOC_BLOCK_TAGS.has(text.slice(p + 1, q).toLowerCase());
}

/** Only blanks between two words. */
const SPACES = /^[ \t]+$/;
const EFFORT_HELP = 'use effort:3 (points), effort:2h or effort:1d';
const IMPACT_HELP = 'use impact:low, impact:medium, impact:high or impact:critical';
const DUE_HELP = 'use due:YYYY-MM-DD, e.g. due:2026-06-30';

/** What a word of an annotation is: not a token (prose), a token, or a bare owner or issue number of the list after the tag. */
export type TokenKind = 0 | 1 | 2;
const NOT_TOKEN = 0;
const TOKEN = 1;
const BARE = 2;

/** What the tokens of one annotation said, accumulated in document order (first value wins). */
export class Metadata {
  readonly owners: string[] = [];
  readonly labels: string[] = [];
  readonly issueRefs: IssueRef[] = [];
  effort: number | null = null;
  effortSpec: EffortSpec | null = null;
  impact: Impact | null = null;
  sprint: string | null = null;
  due: string | null = null;
  outcome: string | null = null;
  id: string | null = null;
  readonly problems: OffsetProblem[] = [];
  /** The token text that set each single-valued key, for duplicate messages. */
  private firstText: Map<string, string> | undefined;
  /** Where a key without a value (`effort:`) ended, until the next word is read: `effort: 3` means `3` as its value, not as an owner. */
  private emptyKeyEnd = -1;

  constructor(readonly conversion: EffortConversion) {}

  problem(start: number, end: number, code: ProblemCode, message: string): void {
    this.problems.push({ start, end, code, message });
  }

  /** True when no token was read, valid or not: nobody said anything about the item. */
  get isEmpty(): boolean {
    return (
      this.owners.length === 0 && this.labels.length === 0 && this.issueRefs.length === 0 && this.problems.length === 0 &&
      this.effort === null && this.impact === null && this.sprint === null && this.due === null && this.outcome === null && this.id === null
    );
  }

  /**
   * Reads the token `text[start, end)` (a word with its surrounding punctuation already trimmed).
   * Returns true when it is a token, valid or not, and so does not belong to the prose.
   */
  take(text: string, start: number, end: number, inList: boolean): boolean {
    return this.read(text, start, end, inList) !== NOT_TOKEN;
  }

  /** {@link take}, telling a bare owner or issue number of the list apart from a written token. */
  read(text: string, start: number, end: number, inList: boolean): TokenKind {
    const first = text.charCodeAt(start);
    const word = text.slice(start, end);
    const afterEmptyKey = this.emptyKeyEnd !== -1 && SPACES.test(text.slice(this.emptyKeyEnd, start));
    this.emptyKeyEnd = -1;
    // The value its writer meant, already a problem with its key (the quick fix joins them).
    if (afterEmptyKey && inList && first !== 64 /* @ */ && first !== 35 /* # */ && word.indexOf(':') === -1) return TOKEN;
    if (first === 64 /* @ */) return this.takeOwner(word, start, end, inList) ? TOKEN : NOT_TOKEN;
    if (word.indexOf('#') > 0 && REPO_REF.test(word)) return this.addRef('github', word) && TOKEN;
    if (first === 35 /* # */) {
      if (ISSUE_NUMBER.test(word)) return this.addRef('number', word) && TOKEN;
      const label = LABEL.exec(word);
      if (label && !NUMBER.test(label[1]!)) {
        if (!this.labels.includes(label[1]!)) this.labels.push(label[1]!);
        return TOKEN;
      }
      return NOT_TOKEN;
    }
    const colon = word.indexOf(':');
    if (colon > 0) {
      // Keys are lower case; `Impact:High` is accepted too, but `Impact:` alone is prose.
      const key = colon + 1 < word.length ? word.slice(0, colon).toLowerCase() : word.slice(0, colon);
      if (KEY_SET.has(key)) {
        this.takeKey(key as Key, word.slice(colon + 1), word, start, end);
        return TOKEN;
      }
      if (first === 104 /* h */ && (key === 'https' || key === 'http')) {
        return TRACKER_URLS.some((re) => re.test(word)) ? this.addRef('url', word) && TOKEN : NOT_TOKEN;
      }
      return NOT_TOKEN;
    }
    // Ids and ticket keys are ASCII letters, a dash and more: most prose words stop here.
    if (word.indexOf('-') === -1 || !isAsciiLetter(first)) return inList ? this.takeBare(word) : NOT_TOKEN;
    const id = LEDGER_ID.exec(word);
    if (id) {
      const normal = normaliseItemId(word);
      if (normal) {
        this.setId(normal, start, end);
        return TOKEN;
      }
      if (inList || word.startsWith('PD-')) {
        this.problem(start, end, 'id-invalid', `"${word}" is not a valid ledger id: use PD- and 4 to 8 Crockford base32 characters (digits and letters except I, L, O, U), e.g. PD-7Q2K9A`);
        return TOKEN;
      }
      return NOT_TOKEN;
    }
    if (GITHUB_REF.test(word)) return this.addRef('github', word) && TOKEN;
    const key = KEY_REF.exec(word);
    if (key && !NOT_TICKET_KEYS.has(key[1]!)) return this.addRef('key', word) && TOKEN;
    return inList ? this.takeBare(word) : NOT_TOKEN;
  }

  /**
   * A word without a sigil in the list after the tag: an issue number (`TODO(59983)`) or a handle
   * (`TODO(bob)`); anything else (`TODO(v2)`, `TODO(XOR2)`) is text.
   */
  private takeBare(word: string): TokenKind {
    if (NUMBER.test(word)) return this.addRef('number', word) && BARE;
    if (!BARE_OWNER.test(word) || !HAS_LETTER.test(word) || CAPITALS_WITH_DIGIT.test(word)) return NOT_TOKEN;
    this.addOwner(word);
    return BARE;
  }

  /**
   * `@alice` is an owner; `@` alone is a problem. Doc tags, decorators and directives (`@param`,
   * `@Override`, `@ts-expect-error`) and, outside the list, scoped packages (`@types/node`) are text.
   */
  private takeOwner(word: string, start: number, end: number, inList: boolean): boolean {
    if (word === '@') {
      this.problem(start, end, 'owner-empty', '"@" has no name after it: write the owner as @alice');
      return true;
    }
    const m = OWNER.exec(word);
    if (!m) return false;
    const name = m[1]!;
    if (!HAS_LETTER.test(name) || NOT_OWNERS.has(name.toLowerCase()) || (!inList && name.indexOf('/') !== -1)) return false;
    return this.addOwner(name);
  }

  private addOwner(name: string): true {
    if (!this.owners.includes(name)) this.owners.push(name);
    return true;
  }

  private addRef(kind: IssueRef['kind'], text: string): true {
    if (!this.issueRefs.some((r) => r.text === text)) this.issueRefs.push({ kind, text });
    return true;
  }

  private setId(id: string, start: number, end: number): void {
    if (this.id === null) this.id = id;
    else if (this.id !== id) {
      this.problem(start, end, 'duplicate-key', `the annotation has two ledger ids: ${this.id} is used, ${id} is ignored; keep one`);
    }
  }

  private takeKey(key: Key, value: string, word: string, start: number, end: number): void {
    if (value === '') this.emptyKeyEnd = end;
    switch (key) {
      case 'effort': {
        if (value === '') return this.problem(start, end, 'effort-invalid', `effort: has no value: ${EFFORT_HELP}, with no space after the colon`);
        const parsed = parseEffort(value, this.conversion);
        if (!parsed) return this.problem(start, end, 'effort-invalid', `effort "${value}" is not a number: ${EFFORT_HELP}`);
        const { points, spec } = parsed;
        if (this.effort === null) {
          this.effort = points;
          this.effortSpec = spec;
          (this.firstText ??= new Map()).set(key, word);
        } else if (this.effort !== points) {
          this.duplicate(key, word, start, end);
        }
        return;
      }
      case 'impact': {
        if (value === '') return this.problem(start, end, 'impact-invalid', `impact: has no value: ${IMPACT_HELP}`);
        const impact = value.toLowerCase();
        if (!IMPACT_VALUES.has(impact)) return this.problem(start, end, 'impact-invalid', `impact "${value}" is not a known impact: ${IMPACT_HELP}`);
        return this.setSingle(key, impact as Impact, word, start, end);
      }
      case 'due': {
        if (value === '') return this.problem(start, end, 'due-invalid', `due: has no date: ${DUE_HELP}`);
        const m = DUE.exec(value);
        if (!m) return this.problem(start, end, 'due-invalid', `due "${value}" is not a date: ${DUE_HELP}`);
        if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
          return this.problem(start, end, 'due-invalid', `due "${value}" is not a real calendar date: ${DUE_HELP} with a month from 01 to 12 and a day that month has`);
        }
        return this.setSingle(key, value, word, start, end);
      }
      case 'sprint':
        if (value === '') return this.problem(start, end, 'sprint-empty', 'sprint: has no name: write the sprint as sprint:NAME, e.g. sprint:2026-S14');
        return this.setSingle(key, value, word, start, end);
      case 'outcome':
        if (value === '') return this.problem(start, end, 'outcome-empty', 'outcome: has no name: write one of the team\'s outcomes as outcome:NAME, e.g. outcome:reliability');
        return this.setSingle(key, value, word, start, end);
    }
  }

  private setSingle(key: 'impact' | 'due' | 'sprint' | 'outcome', value: string, word: string, start: number, end: number): void {
    const current = this[key];
    if (current === null) {
      (this as Record<typeof key, string | null>)[key] = value;
      (this.firstText ??= new Map()).set(key, word);
    } else if (current !== value) {
      this.duplicate(key, word, start, end);
    }
  }

  private duplicate(key: Key, word: string, start: number, end: number): void {
    this.problem(start, end, 'duplicate-key', `${key} is given twice: ${this.firstText?.get(key) ?? key} is used and ${word} is ignored; keep one`);
  }
}

/**
 * An effort as people write it (`3`, `1.5`, `3pt`, `2h`, `1d`) in points, with the value as
 * written; null when it is not an effort. The one parser for efforts: comments, CLI and editor.
 */
export function parseEffort(value: string, conversion: EffortConversion): { points: number; spec: EffortSpec } | null {
  const m = EFFORT.exec(value.trim());
  if (!m) return null;
  const amount = Number(m[1]);
  const unit: EffortUnit = m[2] === undefined ? 'pt' : m[2].toLowerCase() === 'h' ? 'h' : m[2].toLowerCase() === 'd' ? 'd' : 'pt';
  return { points: round(toPoints(amount, unit, conversion)), spec: { value: amount, unit } };
}

function toPoints(amount: number, unit: EffortUnit, conversion: EffortConversion): number {
  const hoursPerPoint = conversion.hoursPerPoint > 0 ? conversion.hoursPerPoint : 4;
  const hoursPerDay = conversion.hoursPerDay > 0 ? conversion.hoursPerDay : 8;
  if (unit === 'h') return amount / hoursPerPoint;
  if (unit === 'd') return (amount * hoursPerDay) / hoursPerPoint;
  return amount;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

// Punctuation around a word that is not part of the token it may be: `(effort:3)`, `@bob,`, `#12.`
function isLeadingWrap(c: number): boolean {
  return c === 40 /* ( */ || c === 91 /* [ */;
}
function isTrailingWrap(c: number): boolean {
  return c === 44 || c === 59 || c === 46 || c === 33 || c === 63 || c === 41 || c === 93 || c === 58; // , ; . ! ? ) ] :
}
function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63; // . ! ?
}
/** Punctuation that a token takes with it when it is removed, or that dangles at the end of a title. */
function isDangling(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || isDash(c); // , ; :
}
function isDash(c: number): boolean {
  return c === 45 || c === 0x2013 || c === 0x2014; // - – —
}

/** Where the token core of the word `text[start, end)` lies, without the punctuation around it. */
function coreOf(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && isLeadingWrap(text.charCodeAt(s))) s++;
  while (e > s && isTrailingWrap(text.charCodeAt(e - 1))) {
    // `effort:` keeps its colon: it is an empty value, not a trailing colon.
    if (text.charCodeAt(e - 1) === 58 && KEY_SET.has(text.slice(s, e - 1))) break;
    e--;
  }
  return [s, e];
}

/**
 * Reads the tokens of `text[start, end)` (a title or a body line) into `meta` and returns the
 * prose that is left: tokens removed with the commas and brackets that were theirs, whitespace
 * collapsed, a sentence end kept, punctuation left dangling at either end trimmed. A token that is
 * a word of the sentence is read and also stays in the prose: an issue reference right after a
 * prose word (`see #12`, `wait for GH-4 to land`), a mention or a label right after one and
 * before another (`ask @alice about it`, `handle #perf regressions`). Tokens before the first
 * prose word, after other tokens (`fix it @bob effort:3 GH-4`) or opening a bracket of them, mentions and
 * labels after the last prose word, and `key:value` tokens and ledger ids are taken out.
 * `lineOfSentence`: the text is a line that may go on with a sentence above it (a body line), so
 * a reference that starts it before a lower-case word is the sentence's subject and stays
 * (`// https://…/issues/239 is fixed.`).
 */
export function readProse(text: string, start: number, end: number, meta: Metadata, lineOfSentence = false): string {
  let out = '';
  let afterToken = false;
  let removedAny = false;
  // Brackets opened by a removed token wait for the next prose word, or for their closer.
  let pendingOpen = '';
  // Where the last prose word starts: found once, when a token first follows prose.
  let lastProseStart: number | undefined;
  let p = start;
  while (p < end) {
    while (p < end && isSpace(text.charCodeAt(p))) p++;
    if (p >= end) break;
    const wordStart = p;
    while (p < end && !isSpace(text.charCodeAt(p))) p++;
    const [coreStart, coreEnd] = coreOf(text, wordStart, p);
    const ownersBefore = meta.owners.length;
    const refsBefore = meta.issueRefs.length;
    if (coreStart < coreEnd && meta.take(text, coreStart, coreEnd, false)) {
      // A line that goes on with a sentence may start with its subject: `// https://…/issues/239 is fixed.`
      if (lineOfSentence && out === '' && meta.issueRefs.length > refsBefore && startsLowerWord(text, p, end)) {
        out = text.slice(wordStart, p);
        continue;
      }
      // Only right after a prose word, and not opening an aside of tokens (`(@bob, #perf)`; `(GH-4)` is one word).
      const opensAside = coreStart > wordStart && !/[)\]]/.test(text.slice(coreEnd, p));
      let role = out === '' || afterToken || opensAside ? NOT_A_WORD : sentenceRole(text, coreStart, coreEnd);
      // `(@bob)` is an aside too; `(#12)` a reference.
      if (role === INNER_WORD && coreStart > wordStart) role = NOT_A_WORD;
      if (role !== NOT_A_WORD) {
        if (role === INNER_WORD) lastProseStart ??= lastProseWord(text, p, end, meta.conversion);
        if (role === REFERENCE || wordStart < lastProseStart!) {
          // `TODO(rfindley): rethink floating @item annotations`: once someone is named, a mention
          // in the sentence is someone (or something) it talks about.
          if (ownersBefore > 0 && text.charCodeAt(coreStart) === 64 /* @ */) meta.owners.length = ownersBefore;
          out += ` ${text.slice(wordStart, p)}`;
          afterToken = false;
          continue;
        }
      }
      removedAny = afterToken = true;
      // `(effort:3)` goes whole; `(see GH-4)` keeps its `)`, `ask @bob.` its full stop; commas go.
      pendingOpen += text.slice(wordStart, coreStart);
      let tail = '';
      for (let i = coreEnd; i < p; i++) {
        const c = text.charCodeAt(i);
        if (c === 41 || c === 93) {
          if (pendingOpen !== '') pendingOpen = pendingOpen.slice(0, -1);
          else tail += text[i];
        } else if (isSentenceEnd(c)) tail += text[i];
      }
      if (tail !== '' && out !== '') out += endsClause(out) ? tail.replace(/[.!?]/g, '') : tail;
      continue;
    }
    let from = wordStart;
    if (afterToken) {
      afterToken = false;
      // `@bob , next` or `effort:3 . Next`: the punctuation went with the token.
      const c = text.charCodeAt(from);
      if (c === 44 || c === 59 || (isSentenceEnd(c) && (out === '' || endsClause(out)))) {
        from++;
        if (from >= p) continue;
      } else if (isSentenceEnd(c) && pendingOpen === '') {
        out += text.slice(from, p);
        continue;
      }
    }
    const word = pendingOpen + text.slice(from, p);
    pendingOpen = '';
    out = out === '' ? word : `${out} ${word}`;
  }
  return removedAny ? tidy(out) : out;
}

/** Whether the next word after `p` (past blanks) starts with a lower-case letter or `(`: prose going on. */
function startsLowerWord(text: string, p: number, end: number): boolean {
  let q = p;
  while (q < end && isSpace(text.charCodeAt(q))) q++;
  const c = text.charCodeAt(q);
  return q < end && q > p && ((c >= 97 && c <= 122) || c === 40);
}

/** How a token can be a word of the sentence it stands in. */
const NOT_A_WORD = 0;
/** A mention or a label: a word of the sentence between two prose words. */
const INNER_WORD = 1;
/** An issue reference: a word of the sentence after any prose word (`see #12`, `blocked by GH-4`). */
const REFERENCE = 2;

/** What the token `text[start, end)` can be in a sentence; `key:value` tokens, ledger ids and a lone `@` are never words. */
function sentenceRole(text: string, start: number, end: number): number {
  if (end - start < 2) return NOT_A_WORD;
  const first = text.charCodeAt(start);
  if (first === 64 /* @ */) return INNER_WORD;
  const word = text.slice(start, end);
  if (first === 35 /* # */) return ISSUE_NUMBER.test(word) ? REFERENCE : INNER_WORD;
  const colon = word.indexOf(':');
  if (colon > 0 && KEY_SET.has(word.slice(0, colon).toLowerCase())) return NOT_A_WORD;
  return LEDGER_ID.test(word) ? NOT_A_WORD : REFERENCE;
}

/** The start of the last prose word in `text[from, end)`, or -1 when there is none. */
function lastProseWord(text: string, from: number, end: number, conversion: EffortConversion): number {
  // Read on a throwaway copy: the words are taken into the real one as the caller reaches them.
  const scratch = new Metadata(conversion);
  let last = -1;
  let p = from;
  while (p < end) {
    while (p < end && isSpace(text.charCodeAt(p))) p++;
    const wordStart = p;
    while (p < end && !isSpace(text.charCodeAt(p))) p++;
    const [coreStart, coreEnd] = coreOf(text, wordStart, p);
    if (coreStart < coreEnd && scratch.read(text, coreStart, coreEnd, false) === NOT_TOKEN) last = wordStart;
  }
  return last;
}

function endsClause(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return isSentenceEnd(c) || c === 44 || c === 59 || c === 58;
}

/** Drops what token removal can leave behind: empty brackets and punctuation dangling at either end. */
function tidy(s: string): string {
  let out = s;
  // Only brackets standing alone: `foo()` and `a[]` are the author's.
  if (out.indexOf('(') !== -1 || out.indexOf('[') !== -1) out = out.replace(/(?:^| )(?:\( *\)|\[ *\])(?= |$)/g, '').trim();
  let e = out.length;
  while (e > 0 && (isDangling(out.charCodeAt(e - 1)) || out.charCodeAt(e - 1) === 32)) e--;
  let b = 0;
  for (;;) {
    while (b < e && (out.charCodeAt(b) === 44 || out.charCodeAt(b) === 59 || out.charCodeAt(b) === 58 || out.charCodeAt(b) === 32)) b++;
    // `@bob - fix it`, `@bob -- fix it`: a dash standing alone after a removed token went with it.
    let d = b;
    while (d < e && isDash(out.charCodeAt(d))) d++;
    if (d === b || (d < e && out.charCodeAt(d) !== 32)) break;
    b = d;
  }
  return b === 0 && e === out.length ? out : out.slice(b, e);
}

/**
 * Reads the list after a tag, `text[start, end)` without its brackets, entries separated by
 * commas: owners (`bob`, `@bob`), the ledger id, issue refs (`#12`, `59983`, `golang/go#63472`)
 * and any other token, several to an entry when separated by spaces (`@alice carol`). An entry of
 * words is text, not owners (`see below`, `Babel 9`, `low priority`): it is taken from no entry
 * like it, and the function returns false so that the title keeps the list as written
 * (`TODO(rfindley, low priority): x` has the owner rfindley and the title `(rfindley, low priority): x`).
 */
export function readList(text: string, start: number, end: number, meta: Metadata): boolean {
  // Words are classified on a throwaway copy, so that an entry of text takes nothing.
  const scratch = new Metadata(meta.conversion);
  let whole = true;
  let p = start;
  let entry: number[] = [];
  let entryTokens = 0;
  let entryProse = false;
  while (p <= end) {
    while (p < end && isSpace(text.charCodeAt(p))) p++;
    if (p >= end || text.charCodeAt(p) === 44 /* , */) {
      if (entryProse || (entry.length > 2 && entryTokens === 0)) whole = false;
      else for (let i = 0; i < entry.length; i += 2) meta.take(text, entry[i]!, entry[i + 1]!, true);
      entry = [];
      entryTokens = 0;
      entryProse = false;
      p++;
      continue;
    }
    const wordStart = p;
    while (p < end && !isSpace(text.charCodeAt(p)) && text.charCodeAt(p) !== 44) p++;
    const [coreStart, coreEnd] = coreOf(text, wordStart, p);
    if (coreStart >= coreEnd) continue;
    const kind = scratch.read(text, coreStart, coreEnd, true);
    if (kind === NOT_TOKEN) entryProse = true;
    else if (kind === TOKEN) entryTokens++;
    entry.push(coreStart, coreEnd);
  }
  return whole;
}
