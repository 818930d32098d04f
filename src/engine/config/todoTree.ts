/**
 * "Import Todo Tree Settings": what each Todo Tree setting (Gruntfuggly.todo-tree) becomes in
 * Paydown, or why it cannot. Pure: the shell reads the settings (plain JSON values, as the user and
 * the workspace set them) and writes what this plans.
 *
 * Where things go: what decides *what counts as debt* (tags, case, globs) is the team's and goes
 * into `.paydown/config.jsonc`, committed with the code; how the editor *looks* (colours, gutter
 * marks) stays a VS Code setting, in the scope Todo Tree's was in (user settings stay the user's,
 * a workspace's `.vscode/settings.json` stays shared).
 *
 * Invariant: any input, however odd (numbers for tags, null highlights, a string for a list),
 * gives a plan and never throws; what cannot be used is listed with the reason.
 */
import type { ConfigPatch } from './configEdit';

/** Where a Todo Tree setting was set: the user's settings, or the workspace's (folder or .code-workspace). */
export type TodoTreeScope = 'user' | 'workspace';

/** The Todo Tree settings the import reads, without the `todo-tree.` prefix. */
export const TODO_TREE_KEYS = [
  'general.tags',
  'regex.regex',
  'regex.regexCaseSensitive',
  'filtering.includeGlobs',
  'filtering.excludeGlobs',
  'highlights.enabled',
  'highlights.defaultHighlight',
  'highlights.customHighlight',
  'highlights.useColourScheme',
  'highlights.backgroundColourScheme',
  'general.tagGroups',
] as const;

/**
 * Names older Todo Tree versions used (before its settings had sections), still found in
 * settings files: read when the current name is not set. (The old `todo-tree.regex` is left out:
 * that name is a section now.)
 */
export const TODO_TREE_LEGACY_KEYS: Readonly<Record<string, TodoTreeKey>> = {
  tags: 'general.tags',
  regexCaseSensitive: 'regex.regexCaseSensitive',
  includeGlobs: 'filtering.includeGlobs',
  excludeGlobs: 'filtering.excludeGlobs',
  defaultHighlight: 'highlights.defaultHighlight',
  customHighlight: 'highlights.customHighlight',
};

/** One of {@link TODO_TREE_KEYS}. */
export type TodoTreeKey = (typeof TODO_TREE_KEYS)[number];

/** The values a user set, per scope, keyed like {@link TODO_TREE_KEYS}; a key not set is left out. */
export interface TodoTreeSettings {
  user?: Partial<Record<string, unknown>>;
  workspace?: Partial<Record<string, unknown>>;
}

/** The Paydown settings an import may write (keys under `paydown.`). */
export interface PaydownSettingsPatch {
  /** `paydown.highlights.tagColors`, merged into what the scope holds. */
  'highlights.tagColors'?: Record<string, string>;
  /** `paydown.highlights.gutter`. */
  'highlights.gutter'?: boolean;
  /** `paydown.highlights.enabled`. */
  'highlights.enabled'?: boolean;
}

/** What one Todo Tree setting, or one value in it, becomes. */
export interface TodoTreeMapping {
  /** The setting as Todo Tree names it: `todo-tree.general.tags`. */
  setting: string;
  /** The value (or the part of it) this entry is about, as the user wrote it: a tag, a glob, a highlight key. */
  item?: string;
  scope: TodoTreeScope;
  /** `mapped`: written to `target`; `unmapped`: Paydown cannot take it (see `reason`); `skipped`: nothing to carry over. */
  outcome: 'mapped' | 'unmapped' | 'skipped';
  /** Where it goes: `.paydown/config.jsonc › tags`, `paydown.highlights.tagColors (user)`. */
  target?: string;
  /** What it becomes (mapped) or why it cannot (unmapped, skipped), in a sentence fragment. */
  detail: string;
}

/** The whole plan: the report a user confirms, and what confirming writes. */
export interface TodoTreeImport {
  entries: TodoTreeMapping[];
  /** For `.paydown/config.jsonc` (see `applyConfigPatch`). */
  config: ConfigPatch;
  /** For VS Code's settings, per scope. */
  settings: Record<TodoTreeScope, PaydownSettingsPatch>;
}

/** Paydown's own tag: its ids (`DEBT(PD-7Q2K)`) and "Tag as Debt" use it, so an import keeps it. */
const PAYDOWN_TAG = 'DEBT';
const TAG_WORD = /^[A-Za-z][A-Za-z0-9_-]*$/;
const CONFIG = '.paydown/config.jsonc';

/** Todo Tree's default regexes over its versions: set to one of them, it says nothing Paydown needs. */
const DEFAULT_REGEXES = new Set([
  '((//|#|<!--|;|/\\*)\\s*($TAGS).*)',
  '((//|#|<!--|;|/\\*|^)\\s*($TAGS)|^\\s*- \\[ \\])',
  '(//|#|<!--|;|/\\*|^|^\\s*(-|\\d+.))\\s*($TAGS)',
  '(//|#|<!--|;|/\\*|^|^[ \\t]*(-|\\d+.))\\s*($TAGS)',
]);

/** Todo Tree's colour scheme when `useColourScheme` is on and no scheme is set. */
const DEFAULT_BACKGROUND_SCHEME = ['red', 'orange', 'yellow', 'green', 'blue', 'indigo', 'violet'];

/** Highlight keys Paydown has no counterpart for, and why (Paydown has one highlight style for every tag). */
const STYLE_ONLY: Record<string, string> = {
  icon: 'no per-tag icons (the gutter dot takes the tag\'s colour)',
  iconColour: 'no per-tag icons (the gutter dot takes the tag\'s colour)',
  type: 'one highlight style for every tag (the tag coloured, the annotation tinted)',
  opacity: 'one highlight style for every tag (the tag coloured, the annotation tinted)',
  fontWeight: 'one highlight style for every tag (the tag coloured, the annotation tinted)',
  fontStyle: 'one highlight style for every tag (the tag coloured, the annotation tinted)',
  textDecoration: 'one highlight style for every tag (the tag coloured, the annotation tinted)',
  borderRadius: 'one highlight style for every tag (the tag coloured, the annotation tinted)',
  rulerLane: 'the scroll bar mark is on or off for every tag (paydown.highlights.overviewRuler), in the tag\'s colour',
  rulerColour: 'the scroll bar mark is on or off for every tag (paydown.highlights.overviewRuler), in the tag\'s colour',
  gutterIcon: 'gutter marks are on or off for every tag (paydown.highlights.gutter)',
  hideFromTree: 'the Debt view shows every tag (filter the view instead)',
  hideFromStatusBar: 'the status bar shows the sprint\'s budget, not counts per tag',
  hideFromActivityBar: 'the Debt view\'s badge counts every tag',
  foreground: 'one colour per tag (the background was taken)',
  background: 'one colour per tag (the foreground was taken)',
};

/**
 * Maps Todo Tree's settings to Paydown's. A workspace value wins over the user's for lists and
 * booleans (as in VS Code); highlight objects are read per scope and written back to the same one.
 */
export function planTodoTreeImport(settings: TodoTreeSettings): TodoTreeImport {
  const plan: TodoTreeImport = { entries: [], config: {}, settings: { user: {}, workspace: {} } };
  const user = withLegacyKeys(asRecord(settings?.user));
  const workspace = withLegacyKeys(asRecord(settings?.workspace));
  const effective = (key: TodoTreeKey): { value: unknown; scope: TodoTreeScope } | undefined =>
    workspace[key] !== undefined ? { value: workspace[key], scope: 'workspace' } : user[key] !== undefined ? { value: user[key], scope: 'user' } : undefined;
  const add = (entry: TodoTreeMapping): void => void plan.entries.push(entry);

  const tags = mapTags(effective('general.tags'), plan, add);
  mapRegex(effective('regex.regex'), add);
  mapCase(effective('regex.regexCaseSensitive'), plan, add);
  for (const [key, field] of [['filtering.includeGlobs', 'include'], ['filtering.excludeGlobs', 'exclude']] as const) {
    mapGlobs(`todo-tree.${key}`, field, effective(key), plan, add);
  }
  const enabled = effective('highlights.enabled');
  if (enabled) {
    if (typeof enabled.value === 'boolean') {
      plan.settings[enabled.scope]['highlights.enabled'] = enabled.value;
      add({ setting: 'todo-tree.highlights.enabled', scope: enabled.scope, outcome: 'mapped', target: settingTarget('highlights.enabled', enabled.scope), detail: `highlights ${enabled.value ? 'on' : 'off'}` });
    } else add(invalid('todo-tree.highlights.enabled', enabled, 'true or false'));
  }
  for (const scope of ['user', 'workspace'] as const) {
    const source = scope === 'user' ? user : workspace;
    mapHighlights(scope, source, tags, plan, add);
  }
  const groups = effective('general.tagGroups');
  if (groups) {
    add({ setting: 'todo-tree.general.tagGroups', item: describe(groups.value), scope: groups.scope, outcome: 'unmapped', detail: 'Paydown has no tag groups: each tag is its own (group the Debt view by tag)' });
  }
  return plan;
}

/** A scope's values with old names read as the current ones (a current name wins). */
function withLegacyKeys(source: Record<string, unknown>): Record<string, unknown> {
  const out = { ...source };
  for (const [legacy, key] of Object.entries(TODO_TREE_LEGACY_KEYS)) {
    if (out[key] === undefined && source[legacy] !== undefined) out[key] = source[legacy];
  }
  return out;
}

/** The tags Paydown will read after the import (for colours of tags Todo Tree did not list). */
type TagList = { names: string[]; fromTodoTree: boolean };

function mapTags(found: { value: unknown; scope: TodoTreeScope } | undefined, plan: TodoTreeImport, add: (e: TodoTreeMapping) => void): TagList {
  const setting = 'todo-tree.general.tags';
  // Without a tag list of their own, Todo Tree's users have its defaults; Paydown keeps its own.
  if (!found) return { names: ['TODO', 'FIXME', 'HACK', 'XXX', PAYDOWN_TAG], fromTodoTree: false };
  const list = Array.isArray(found.value) ? found.value : typeof found.value === 'string' ? [found.value] : undefined;
  if (!list) {
    add(invalid(setting, found, 'a list of tags'));
    return { names: [], fromTodoTree: false };
  }
  const names: string[] = [];
  for (const raw of list) {
    // Added to Todo Tree so that it lists Rust's `todo!()`: Paydown reads the placeholders in code.
    if (typeof raw === 'string' && PLACEHOLDER_TAG.test(raw.trim())) {
      add({ setting, item: raw, scope: found.scope, outcome: 'skipped', detail: "a placeholder for unfinished code: Paydown lists Rust's todo!(), Kotlin's TODO(), Scala's ???, Elm's Debug.todo and Gleam's todo in code as TODO items without a tag" });
      continue;
    }
    const why = tagProblem(raw);
    if (why) {
      add({ setting, item: describe(raw), scope: found.scope, outcome: 'unmapped', detail: why });
      continue;
    }
    const name = tagName(raw as string);
    if (names.includes(name)) continue;
    names.push(name);
  }
  if (names.length === 0) {
    add({ setting, scope: found.scope, outcome: 'skipped', detail: 'no tag Paydown can read: the config keeps its tags' });
    return { names: [], fromTodoTree: false };
  }
  const kept = names.includes(PAYDOWN_TAG) ? names : [...names, PAYDOWN_TAG];
  plan.config.tags = kept;
  add({
    setting,
    scope: found.scope,
    outcome: 'mapped',
    target: `${CONFIG} › tags`,
    detail: `${kept.join(', ')}${kept.length > names.length ? ` (${PAYDOWN_TAG} kept: Paydown's own tag)` : ''}`,
  });
  return { names: kept, fromTodoTree: true };
}

/** A Todo Tree tag that stands for a placeholder in code (`todo!`, `TODO(`, `???`). */
const PLACEHOLDER_TAG = /^(?:todo!(?:\(\)?)?|TODO\(\)?|\?\?\?|Debug\.todo)$/;

/** Why a Todo Tree tag is no Paydown tag, or undefined when it is one (after a trailing colon goes). */
function tagProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return `not a tag (${raw === null ? 'null' : typeof raw})`;
  const text = raw.trim();
  if (text === '') return 'an empty tag';
  if (/^\[.?\]$/.test(text)) return 'a Markdown task box: Paydown reads comments, not task lists';
  if (TAG_WORD.test(tagName(text))) return undefined;
  // `@TODO`, `#TODO`, `TODO!`: a sigil around a word Paydown could read as it is.
  const word = text.replace(/^[@#$!*]+/, '').replace(/[:!.;]+$/, '');
  const hint = TAG_WORD.test(word) && word !== text ? `; the nearest Paydown tag is ${word}, which matches "// ${word}:", not "// ${text}"` : '';
  return `not a tag word (Paydown tags are letters, digits, "_" and "-", starting with a letter)${hint}`;
}

/** `TODO:` → `TODO`: Todo Tree users often list the colon; Paydown expects it after the tag anyway. */
function tagName(raw: string): string {
  return raw.trim().replace(/:$/, '');
}

function mapRegex(found: { value: unknown; scope: TodoTreeScope } | undefined, add: (e: TodoTreeMapping) => void): void {
  if (!found) return;
  const setting = 'todo-tree.regex.regex';
  if (typeof found.value === 'string' && DEFAULT_REGEXES.has(found.value)) {
    add({ setting, scope: found.scope, outcome: 'skipped', detail: 'Todo Tree\'s default: Paydown finds tags at the start of comments in every language it reads' });
    return;
  }
  const native = typeof found.value === 'string' ? readNatively(found.value) : [];
  add({
    setting,
    item: typeof found.value === 'string' ? found.value : undefined,
    scope: found.scope,
    outcome: 'unmapped',
    detail: typeof found.value === 'string'
      ? `a custom regex: Paydown finds tags at the start of comments with a lexer per language, not a regex${native.length > 0 ? `; it reads ${native.join(', ')} without one` : ''}`
      : `not a regex (${describe(found.value)})`,
  });
}

/**
 * What users add to Todo Tree's regex that Paydown reads by itself: LaTeX's `\todo{`,
 * a doc comment's `@todo`, Org's `* TODO` headlines, reStructuredText's `.. todo::`.
 */
function readNatively(regex: string): string[] {
  const found: string[] = [];
  if (/\\\\todo/i.test(regex)) found.push("LaTeX's \\todo{…} and Doxygen's \\todo");
  if (/@/.test(regex)) found.push("a doc comment's @todo");
  if (/\^\\\*|\\\*\+/.test(regex)) found.push("Org's todo headlines (* TODO …)");
  if (/\\?\.\\?\.\s*todo/i.test(regex)) found.push("reStructuredText's .. todo::");
  return found;
}

function mapCase(found: { value: unknown; scope: TodoTreeScope } | undefined, plan: TodoTreeImport, add: (e: TodoTreeMapping) => void): void {
  if (!found) return;
  const setting = 'todo-tree.regex.regexCaseSensitive';
  if (typeof found.value !== 'boolean') return add(invalid(setting, found, 'true or false'));
  plan.config.caseSensitive = found.value;
  add({ setting, scope: found.scope, outcome: 'mapped', target: `${CONFIG} › caseSensitive`, detail: found.value ? 'tags match in their case only' : 'todo and Todo count as TODO' });
}

function mapGlobs(setting: string, field: 'include' | 'exclude', found: { value: unknown; scope: TodoTreeScope } | undefined, plan: TodoTreeImport, add: (e: TodoTreeMapping) => void): void {
  if (!found) return;
  const list = Array.isArray(found.value) ? found.value : typeof found.value === 'string' ? [found.value] : undefined;
  if (!list) return add(invalid(setting, found, 'a list of globs'));
  const globs: string[] = [];
  for (const raw of list) {
    const glob = typeof raw === 'string' ? toPaydownGlob(raw) : { why: `not a glob (${describe(raw)})` };
    if ('why' in glob) add({ setting, item: describe(raw), scope: found.scope, outcome: 'unmapped', detail: glob.why });
    else if (!globs.includes(glob.glob)) {
      globs.push(glob.glob);
      add({ setting, item: String(raw), scope: found.scope, outcome: 'mapped', target: `${CONFIG} › scan.${field}`, detail: glob.glob === raw ? glob.glob : `${glob.glob} (root-relative)` });
    }
  }
  if (globs.length > 0) plan.config[field] = globs;
}

/**
 * A Todo Tree glob as a Paydown one: Paydown's globs are relative to the workspace root, where
 * ripgrep's `*.xml` matches at any depth (so it becomes `**\/*.xml`), and `${workspaceFolder}/`
 * is the root itself.
 */
export function toPaydownGlob(raw: string): { glob: string } | { why: string } {
  let glob = raw.trim().replace(/\\/g, '/');
  if (glob === '') return { why: 'an empty glob' };
  if (glob.startsWith('!')) return { why: 'a negated glob: Paydown\'s include and exclude lists take plain globs (exclude less instead)' };
  glob = glob.replace(/^\$\{workspaceFolder\}\/?/, '').replace(/^\.\//, '');
  if (glob.includes('${')) return { why: 'names a variable Paydown does not expand; write the path relative to the workspace root' };
  if (glob.startsWith('/') || /^[A-Za-z]:\//.test(glob)) return { why: 'an absolute path: Paydown\'s globs are relative to the workspace root' };
  if (glob === '') return { why: 'the workspace root itself' };
  const bare = glob.replace(/\/+$/, '');
  if (!bare.includes('/') && !bare.startsWith('**')) glob = `**/${glob}`;
  return { glob };
}

function mapHighlights(scope: TodoTreeScope, source: Record<string, unknown>, tags: TagList, plan: TodoTreeImport, add: (e: TodoTreeMapping) => void): void {
  const colours: Record<string, string> = {};
  const colourOf = (tag: string, value: string, from: string, item: string): void => {
    const colour = cssColour(value);
    if ('why' in colour) {
      add({ setting: from, item, scope, outcome: 'unmapped', detail: colour.why });
      return;
    }
    colours[tag] = colour.colour;
    add({ setting: from, item, scope, outcome: 'mapped', target: settingTarget('highlights.tagColors', scope), detail: `${tag}: ${colour.colour}` });
  };

  const custom = source['highlights.customHighlight'];
  const customTags = new Set<string>();
  if (custom !== undefined) {
    const setting = 'todo-tree.highlights.customHighlight';
    if (!isRecord(custom)) add(invalid(setting, { value: custom, scope }, 'an object of highlights by tag'));
    else {
      for (const [rawTag, style] of Object.entries(custom)) {
        const tagWhy = tagProblem(rawTag);
        if (tagWhy) {
          add({ setting, item: rawTag, scope, outcome: 'unmapped', detail: tagWhy });
          continue;
        }
        const tag = tagName(rawTag);
        if (!tags.names.includes(tag)) {
          add({ setting, item: rawTag, scope, outcome: 'unmapped', detail: 'not a tag Paydown reads after the import: nothing to colour' });
          continue;
        }
        if (!isRecord(style)) {
          add({ setting, item: rawTag, scope, outcome: 'unmapped', detail: `not a highlight (${describe(style)})` });
          continue;
        }
        customTags.add(tag);
        const picked = pickColour(style);
        if (picked) colourOf(tag, picked.value, setting, `${rawTag}.${picked.key}`);
        unmappedStyle(style, picked?.key, setting, rawTag, scope, add);
      }
    }
  }

  const fallback = source['highlights.defaultHighlight'];
  if (fallback !== undefined) {
    const setting = 'todo-tree.highlights.defaultHighlight';
    if (!isRecord(fallback)) add(invalid(setting, { value: fallback, scope }, 'an object'));
    else {
      const picked = pickColour(fallback);
      if (picked) {
        // Todo Tree's default colour is every tag's without a custom one: so it is in Paydown, tag by tag.
        const rest = tags.names.filter((t) => !customTags.has(t));
        const colour = cssColour(picked.value);
        if ('why' in colour) add({ setting, item: picked.key, scope, outcome: 'unmapped', detail: colour.why });
        else if (rest.length > 0) {
          for (const t of rest) colours[t] ??= colour.colour;
          add({ setting, item: picked.key, scope, outcome: 'mapped', target: settingTarget('highlights.tagColors', scope), detail: `${rest.join(', ')}: ${colour.colour}` });
        }
      }
      if (typeof fallback.gutterIcon === 'boolean') {
        plan.settings[scope]['highlights.gutter'] = fallback.gutterIcon;
        add({ setting, item: 'gutterIcon', scope, outcome: 'mapped', target: settingTarget('highlights.gutter', scope), detail: fallback.gutterIcon ? 'gutter marks on' : 'gutter marks off' });
      }
      unmappedStyle(fallback, picked?.key, setting, 'defaultHighlight', scope, add, ['gutterIcon']);
    }
  }

  if (source['highlights.useColourScheme'] === true) {
    const setting = 'todo-tree.highlights.backgroundColourScheme';
    const scheme = Array.isArray(source['highlights.backgroundColourScheme']) ? (source['highlights.backgroundColourScheme'] as unknown[]) : DEFAULT_BACKGROUND_SCHEME;
    // Todo Tree colours its tags in list order; a tag with a colour of its own keeps it.
    tags.names.forEach((tag, i) => {
      const value = scheme[i];
      if (customTags.has(tag) || colours[tag] !== undefined || typeof value !== 'string') return;
      colourOf(tag, value, setting, `${i}`);
    });
  }

  if (Object.keys(colours).length > 0) plan.settings[scope]['highlights.tagColors'] = colours;
}

/** The colour that identifies a tag: the background when both are set (the foreground then only contrasts with it). */
function pickColour(style: Record<string, unknown>): { key: string; value: string } | undefined {
  for (const key of typeof style.background === 'string' && typeof style.foreground === 'string' ? ['background'] : ['foreground', 'background', 'iconColour', 'rulerColour']) {
    if (typeof style[key] === 'string' && (style[key] as string).trim() !== '') return { key, value: style[key] as string };
  }
  return undefined;
}

/** An entry per highlight key Paydown has no place for (icons, types, opacity, …). */
function unmappedStyle(style: Record<string, unknown>, used: string | undefined, setting: string, tag: string, scope: TodoTreeScope, add: (e: TodoTreeMapping) => void, handled: string[] = []): void {
  for (const key of Object.keys(style)) {
    // An icon colour equal to the colour taken says nothing more.
    if (key === used || handled.includes(key) || (key === 'iconColour' && used !== undefined && style.iconColour === style[used])) continue;
    const value = typeof style[key] === 'string' ? JSON.stringify(style[key]) : describe(style[key]);
    add({ setting, item: `${tag}.${key} ${value}`, scope, outcome: 'unmapped', detail: STYLE_ONLY[key] ?? 'no counterpart in Paydown' });
  }
}

const NAMED_COLOURS = new Set(
  ('aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse chocolate coral ' +
    'cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange ' +
    'darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey ' +
    'dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ' +
    'ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink ' +
    'lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine ' +
    'mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose ' +
    'moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru ' +
    'pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue ' +
    'slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen').split(' '),
);

/**
 * A Todo Tree colour as one `paydown.highlights.tagColors` takes: `#rgb`, `#rrggbb` (and with
 * alpha), `rgb()`/`rgba()`/`hsl()`/`hsla()` with commas, or a CSS colour name (any case).
 */
export function cssColour(raw: string): { colour: string } | { why: string } {
  const value = raw.trim();
  if (/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value)) return { colour: value };
  if (/^(?:rgb|rgba|hsl|hsla)\(\s*[\d.]+%?(?:\s*,\s*[\d.]+%?){2,3}\s*\)$/i.test(value) && value.length <= 40) return { colour: value.replace(/\s+/g, ' ') };
  if (NAMED_COLOURS.has(value.toLowerCase())) return { colour: value.toLowerCase() };
  if (/^[a-z][\w-]*(\.[\w-]+)+$/i.test(value)) {
    return { why: `${JSON.stringify(value)} is a theme colour id; paydown.highlights.tagColors takes CSS colours (theme colours: set paydown.tag.* in workbench.colorCustomizations)` };
  }
  return { why: `${JSON.stringify(value)} is not a colour Paydown reads (a #hex, rgb()/rgba()/hsl() or a CSS colour name)` };
}

function settingTarget(key: keyof PaydownSettingsPatch, scope: TodoTreeScope): string {
  return `paydown.${key} (${scope === 'user' ? 'user settings' : 'workspace settings'})`;
}

function invalid(setting: string, found: { value: unknown; scope: TodoTreeScope }, expected: string): TodoTreeMapping {
  return { setting, item: describe(found.value), scope: found.scope, outcome: 'unmapped', detail: `not ${expected}` };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  } catch {
    return String(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The plan as lines for people: what is written where, then what cannot be carried over. */
export function todoTreeImportLines(plan: TodoTreeImport): string[] {
  const at = (e: TodoTreeMapping): string => `${e.setting.replace(/^todo-tree\./, '')}${e.item !== undefined ? ` "${e.item}"` : ''}${e.scope === 'workspace' ? ' (workspace)' : ' (user)'}`;
  const mapped = plan.entries.filter((e) => e.outcome === 'mapped');
  const unmapped = plan.entries.filter((e) => e.outcome === 'unmapped');
  const skipped = plan.entries.filter((e) => e.outcome === 'skipped');
  const lines: string[] = [];
  if (mapped.length > 0) {
    lines.push('Will be written:');
    const byTarget = new Map<string, TodoTreeMapping[]>();
    for (const e of mapped) byTarget.set(e.target!, [...(byTarget.get(e.target!) ?? []), e]);
    for (const [target, entries] of byTarget) {
      lines.push(`  ${target}`);
      for (const e of entries) lines.push(`    ← ${at(e)}: ${e.detail}`);
    }
  }
  if (unmapped.length > 0) {
    lines.push('Cannot be carried over:');
    for (const e of unmapped) lines.push(`  ${at(e)}: ${e.detail}`);
  }
  if (skipped.length > 0) {
    lines.push('Nothing to carry over:');
    for (const e of skipped) lines.push(`  ${at(e)}: ${e.detail}`);
  }
  return lines;
}

/**
 * The plan in a few lines, for the confirmation dialog: what each place gets, then what is not
 * carried over, one line per reason. (The full mapping, setting by setting: {@link todoTreeImportLines}.)
 */
export function todoTreeImportSummary(plan: TodoTreeImport): string[] {
  const lines: string[] = [];
  const config = plan.config;
  const configLines = [
    config.tags && `tags: ${config.tags.join(', ')}`,
    config.caseSensitive !== undefined && `caseSensitive: ${config.caseSensitive}`,
    config.include && `scan.include: + ${config.include.join(', ')}`,
    config.exclude && `scan.exclude: + ${config.exclude.join(', ')}`,
  ].filter((l): l is string => typeof l === 'string');
  if (configLines.length > 0) lines.push(`Into ${CONFIG} (shared with the team):`, ...configLines.map((l) => `  • ${l}`));
  for (const scope of ['user', 'workspace'] as const) {
    const patch = plan.settings[scope];
    const colours = patch['highlights.tagColors'];
    const settingLines = [
      colours && `tag colours: ${Object.entries(colours).map(([tag, colour]) => `${tag} ${colour}`).join(', ')}`,
      patch['highlights.gutter'] !== undefined && `gutter marks: ${patch['highlights.gutter'] ? 'on' : 'off'}`,
      patch['highlights.enabled'] !== undefined && `highlights: ${patch['highlights.enabled'] ? 'on' : 'off'}`,
    ].filter((l): l is string => typeof l === 'string');
    if (settingLines.length > 0) lines.push(scope === 'user' ? 'Into your user settings:' : 'Into the workspace settings:', ...settingLines.map((l) => `  • ${l}`));
  }
  const byReason = new Map<string, string[]>();
  for (const e of plan.entries.filter((x) => x.outcome === 'unmapped')) {
    const short = e.setting.replace(/^todo-tree\./, '');
    // A tag is quoted, so the same tag refused in the list and in a highlight reads as one.
    const whole = e.setting === 'todo-tree.general.tags' || (e.setting === 'todo-tree.highlights.customHighlight' && !/^\S+\.[A-Za-z]+( |$)/.test(e.item ?? 'x.y'));
    const what = e.setting === 'todo-tree.regex.regex' || e.item === undefined ? short
      : whole ? JSON.stringify(e.item)
      : /^not /.test(e.detail) ? `${short} ${e.item}` : e.item;
    byReason.set(e.detail, [...(byReason.get(e.detail) ?? []), what]);
  }
  if (byReason.size > 0) {
    lines.push('Not carried over:');
    for (const [reason, items] of byReason) lines.push(`  • ${[...new Set(items)].join(', ')}: ${reason}`);
  }
  return lines;
}
