import * as assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import { applyConfigPatch, parseConfig, planTodoTreeImport, todoTreeImportLines, todoTreeImportSummary, PaydownError, type TodoTreeImport, type TodoTreeMapping } from '../../../src/engine';
import { cssColour, toPaydownGlob } from '../../../src/engine/config/todoTree';

/** A Todo Tree user's settings.json, as people write them (from its README's and users' examples). */
const USER = {
  'general.tags': ['BUG', 'HACK', 'FIXME', 'TODO', 'XXX', '[ ]', '[x]'],
  'regex.regex': '(//|#|<!--|;|/\\*|^|^[ \\t]*(-|\\d+.))\\s*($TAGS)',
  'highlights.defaultHighlight': { icon: 'alert', type: 'text', foreground: '#e5a50a', gutterIcon: true, opacity: 50 },
  'highlights.customHighlight': {
    TODO: { icon: 'check', type: 'line', foreground: 'DarkTurquoise', iconColour: 'DarkTurquoise' },
    FIXME: { foreground: 'white', background: 'rgba(255, 0, 0, 0.5)', icon: 'flame', rulerColour: 'red' },
    BUG: { iconColour: '#f00', icon: 'bug' },
    '[ ]': { icon: 'issue-draft' },
    NOTE: { foreground: 'grey' },
  },
};

/** The team's `.vscode/settings.json`. */
const WORKSPACE = {
  'general.tags': ['TODO:', 'FIXME', 'PERF', '@REVIEW', '[ ]', 'TODO'],
  'regex.regexCaseSensitive': false,
  'filtering.excludeGlobs': ['**/node_modules', '*.xml', '${workspaceFolder}/dist/**', '!src/keep/**', '/etc/**'],
  'filtering.includeGlobs': ['src/**', './lib/**'],
  'highlights.customHighlight': { PERF: { foreground: 'editorWarning.foreground' } },
};

function entries(plan: TodoTreeImport, outcome: TodoTreeMapping['outcome'], setting?: string): TodoTreeMapping[] {
  return plan.entries.filter((e) => e.outcome === outcome && (setting === undefined || e.setting === `todo-tree.${setting}`));
}

describe('Import Todo Tree Settings: the mapping', () => {
  it('maps the workspace\'s tags over the user\'s, keeps DEBT, and lists the tags Paydown cannot read with the reason', () => {
    const plan = planTodoTreeImport({ user: USER, workspace: WORKSPACE });
    assert.deepEqual(plan.config.tags, ['TODO', 'FIXME', 'PERF', 'DEBT']);
    const mapped = entries(plan, 'mapped', 'general.tags');
    assert.equal(mapped.length, 1);
    assert.equal(mapped[0]!.scope, 'workspace');
    assert.equal(mapped[0]!.target, '.paydown/config.jsonc › tags');
    assert.match(mapped[0]!.detail, /DEBT kept/);
    const refused = Object.fromEntries(entries(plan, 'unmapped', 'general.tags').map((e) => [e.item, e.detail]));
    assert.deepEqual(Object.keys(refused), ['@REVIEW', '[ ]']);
    assert.match(refused['[ ]']!, /Markdown task box/);
    assert.match(refused['@REVIEW']!, /nearest Paydown tag is REVIEW/);
  });

  it("skips a tag added for Rust's todo!() (or Kotlin's TODO(), Scala's ???): Paydown reads those placeholders in code", () => {
    const plan = planTodoTreeImport({ workspace: { 'general.tags': ['TODO', 'todo!', 'TODO(', '???'] } });
    assert.deepEqual(plan.config.tags, ['TODO', 'DEBT']);
    assert.deepEqual(entries(plan, 'skipped', 'general.tags').map((e) => e.item), ['todo!', 'TODO(', '???']);
    assert.match(entries(plan, 'skipped', 'general.tags')[0]!.detail, /Rust's todo!\(\).*without a tag/);
    assert.deepEqual(entries(plan, 'unmapped', 'general.tags'), []);
  });

  it('takes the user\'s tags when the workspace sets none: "[ ]" and "[x]" stay out', () => {
    const plan = planTodoTreeImport({ user: USER });
    assert.deepEqual(plan.config.tags, ['BUG', 'HACK', 'FIXME', 'TODO', 'XXX', 'DEBT']);
    assert.deepEqual(entries(plan, 'unmapped', 'general.tags').map((e) => e.item), ['[ ]', '[x]']);
  });

  it('maps regexCaseSensitive to caseSensitive, and refuses a custom regex but not Todo Tree\'s default one', () => {
    const plan = planTodoTreeImport({ user: USER, workspace: WORKSPACE });
    assert.equal(plan.config.caseSensitive, false);
    assert.deepEqual(entries(plan, 'skipped', 'regex.regex').map((e) => e.scope), ['user']);
    const custom = planTodoTreeImport({ workspace: { 'regex.regex': '(//|#)\\s*($TAGS)\\((\\w+)\\):' } });
    const [refused] = entries(custom, 'unmapped', 'regex.regex');
    assert.match(refused!.detail, /custom regex.*lexer per language/);
    assert.equal(refused!.item, '(//|#)\\s*($TAGS)\\((\\w+)\\):');
    assert.doesNotMatch(refused!.detail, /without one/);
    // What users add to the regex for LaTeX, doc comments and Org is read without one: the report says so.
    const latex = planTodoTreeImport({ workspace: { 'regex.regex': '(//|#|<!--|;|/\\*|^|^\\s*(-|\\d+.)|%|\\\\todo\\{|@)\\s*($TAGS)' } });
    assert.match(entries(latex, 'unmapped', 'regex.regex')[0]!.detail, /it reads LaTeX's \\todo\{…\} and Doxygen's \\todo, a doc comment's @todo without one$/);
    const org = planTodoTreeImport({ workspace: { 'regex.regex': '(//|#|^\\*+)\\s*($TAGS)' } });
    assert.match(entries(org, 'unmapped', 'regex.regex')[0]!.detail, /Org's todo headlines/);
  });

  it('turns Todo Tree globs into root-relative ones and says why a negated, absolute or variable glob cannot be used', () => {
    const plan = planTodoTreeImport({ workspace: WORKSPACE });
    assert.deepEqual(plan.config.exclude, ['**/node_modules', '**/*.xml', 'dist/**']);
    assert.deepEqual(plan.config.include, ['src/**', 'lib/**']);
    const refused = entries(plan, 'unmapped', 'filtering.excludeGlobs').map((e) => `${e.item}: ${e.detail}`);
    assert.equal(refused.length, 2);
    assert.match(refused[0]!, /^!src\/keep\/\*\*: a negated glob/);
    assert.match(refused[1]!, /^\/etc\/\*\*: an absolute path/);
    assert.deepEqual(toPaydownGlob('${workspaceRoot}/x'), { why: 'names a variable Paydown does not expand; write the path relative to the workspace root' });
    assert.deepEqual(toPaydownGlob('build\\out\\'), { glob: 'build/out/' });
    assert.deepEqual(toPaydownGlob('dist/'), { glob: '**/dist/' });
  });

  it('maps colours per tag into the scope they came from: the background when both are set, by name, hex or rgba', () => {
    const plan = planTodoTreeImport({ user: USER, workspace: WORKSPACE });
    const colours = plan.settings.user['highlights.tagColors'];
    assert.deepEqual(colours, {
      TODO: 'darkturquoise',
      FIXME: 'rgba(255, 0, 0, 0.5)',
      // defaultHighlight's foreground is every other imported tag's colour
      PERF: '#e5a50a',
      DEBT: '#e5a50a',
    });
    assert.equal(plan.settings.user['highlights.gutter'], true);
    // BUG is not among the workspace's tags: its colour has nowhere to go.
    const refused = entries(plan, 'unmapped', 'highlights.customHighlight').map((e) => `${e.scope} ${e.item}: ${e.detail}`);
    assert.ok(refused.some((r) => /^user BUG: not a tag Paydown reads after the import/.test(r)), refused.join('\n'));
    assert.ok(refused.some((r) => /^user NOTE: not a tag Paydown reads after the import/.test(r)), refused.join('\n'));
    assert.ok(refused.some((r) => /^user \[ \]: a Markdown task box/.test(r)), refused.join('\n'));
    assert.ok(refused.some((r) => r === 'user TODO.icon "check": no per-tag icons (the gutter dot takes the tag\'s colour)'), refused.join('\n'));
    assert.ok(refused.some((r) => /^user TODO\.type "line": one highlight style for every tag/.test(r)), refused.join('\n'));
    // An icon colour equal to the colour taken is no loss worth listing.
    assert.ok(!refused.some((r) => r.includes('TODO.iconColour')), refused.join('\n'));
    assert.ok(refused.some((r) => /^workspace PERF\.foreground: "editorWarning\.foreground" is a theme colour id/.test(r)), refused.join('\n'));
    assert.equal(plan.settings.workspace['highlights.tagColors'], undefined);
  });

  it('colours tags by Todo Tree\'s colour scheme in list order when useColourScheme is on', () => {
    const plan = planTodoTreeImport({ user: { 'general.tags': ['BUG', 'TODO'], 'highlights.useColourScheme': true, 'highlights.customHighlight': { TODO: { foreground: '#0a0' } } } });
    assert.deepEqual(plan.settings.user['highlights.tagColors'], { TODO: '#0a0', BUG: 'red', DEBT: 'yellow' });
  });

  it('reads the names older Todo Tree versions used when the current ones are not set, and says tag groups do not carry over', () => {
    const plan = planTodoTreeImport({
      user: { tags: ['TODO', 'REFACTOR'], excludeGlobs: ['**/dist'], customHighlight: { REFACTOR: { foreground: 'orange' } } },
      workspace: { 'general.tags': ['TODO', 'FIXME'], tags: ['IGNORED'], 'general.tagGroups': { FIXME: ['FIXME', 'FIXIT'] } },
    });
    assert.deepEqual(plan.config.tags, ['TODO', 'FIXME', 'DEBT']);
    assert.deepEqual(plan.config.exclude, ['**/dist']);
    assert.equal(entries(plan, 'unmapped', 'highlights.customHighlight')[0]?.item, 'REFACTOR');
    assert.match(entries(plan, 'unmapped', 'general.tagGroups')[0]!.detail, /no tag groups/);
  });

  it('never throws on odd values: each is listed as not mapped', () => {
    const odd: Record<string, unknown>[] = [
      { 'general.tags': 42, 'regex.regexCaseSensitive': 'no', 'filtering.excludeGlobs': { a: 1 }, 'highlights.customHighlight': ['TODO'], 'highlights.defaultHighlight': null, 'highlights.enabled': 'yes' },
      { 'general.tags': [null, 7, '', '  ', ['TODO'], { name: 'X' }, '🔥', 'FIX ME', 'ÄNDERN'], 'filtering.includeGlobs': [null, '', '!', '${env:HOME}/x'] },
      { 'highlights.customHighlight': { TODO: null, FIXME: 'red', HACK: { foreground: 12 }, XXX: { background: 'url(javascript:alert(1))' } } },
      { 'general.tags': [] },
    ];
    for (const settings of odd) {
      const plan = planTodoTreeImport({ user: settings, workspace: undefined });
      assert.deepEqual(plan.config.tags, undefined);
      assert.ok(plan.entries.every((e) => e.outcome !== 'mapped' || e.setting === 'todo-tree.highlights.customHighlight'), JSON.stringify(plan.entries));
      assert.ok(todoTreeImportLines(plan).length > 0);
    }
    const hostile = planTodoTreeImport({ user: odd[2] });
    assert.equal(hostile.settings.user['highlights.tagColors'], undefined);
    assert.match(entries(hostile, 'unmapped').map((e) => e.detail).join('\n'), /is not a colour Paydown reads/);
    // Not even objects at all.
    for (const settings of [undefined, null, 'x', [], { user: 'x', workspace: 3 }] as unknown[]) {
      assert.deepEqual(planTodoTreeImport(settings as never).entries, []);
    }
  });

  it('reads colours as CSS takes them, and only those', () => {
    for (const ok of ['#fff', '#FFAA00', '#ffaa0080', 'rgb(1,2,3)', 'rgba(255, 0, 0, 0.5)', 'hsl(120, 50%, 50%)', 'Orange', 'rebeccapurple']) {
      assert.ok('colour' in cssColour(ok), ok);
    }
    for (const bad of ['#ggg', 'orangey', 'rgb(1,2)', 'var(--x)', 'red; background: url(x)', '', 'editorWarning.foreground']) {
      assert.ok('why' in cssColour(bad), bad);
    }
  });

  it('writes lines that say what goes where and what cannot, workspace and user apart', () => {
    const lines = todoTreeImportLines(planTodoTreeImport({ user: USER, workspace: WORKSPACE }));
    assert.equal(lines[0], 'Will be written:');
    assert.ok(lines.includes('  .paydown/config.jsonc › tags'), lines.join('\n'));
    assert.ok(lines.includes('    ← general.tags (workspace): TODO, FIXME, PERF, DEBT (DEBT kept: Paydown\'s own tag)'), lines.join('\n'));
    assert.ok(lines.includes('  paydown.highlights.tagColors (user settings)'), lines.join('\n'));
    assert.ok(lines.includes('Cannot be carried over:'));
    assert.ok(lines.includes('  general.tags "[ ]" (workspace): a Markdown task box: Paydown reads comments, not task lists'), lines.join('\n'));
  });
});

describe('Import Todo Tree Settings: the dialog\'s summary', () => {
  it('says what each place gets, then what is not carried over, one line per reason', () => {
    assert.deepEqual(todoTreeImportSummary(planTodoTreeImport({ user: USER, workspace: WORKSPACE })), [
      'Into .paydown/config.jsonc (shared with the team):',
      '  • tags: TODO, FIXME, PERF, DEBT',
      '  • caseSensitive: false',
      '  • scan.include: + src/**, lib/**',
      '  • scan.exclude: + **/node_modules, **/*.xml, dist/**',
      'Into your user settings:',
      '  • tag colours: TODO darkturquoise, FIXME rgba(255, 0, 0, 0.5), PERF #e5a50a, DEBT #e5a50a',
      '  • gutter marks: on',
      'Not carried over:',
      '  • "@REVIEW": not a tag word (Paydown tags are letters, digits, "_" and "-", starting with a letter); the nearest Paydown tag is REVIEW, which matches "// REVIEW:", not "// @REVIEW"',
      '  • "[ ]": a Markdown task box: Paydown reads comments, not task lists',
      '  • !src/keep/**: a negated glob: Paydown\'s include and exclude lists take plain globs (exclude less instead)',
      '  • /etc/**: an absolute path: Paydown\'s globs are relative to the workspace root',
      '  • TODO.icon "check", FIXME.icon "flame", defaultHighlight.icon "alert": no per-tag icons (the gutter dot takes the tag\'s colour)',
      '  • TODO.type "line", defaultHighlight.type "text", defaultHighlight.opacity 50: one highlight style for every tag (the tag coloured, the annotation tinted)',
      '  • FIXME.foreground "white": one colour per tag (the background was taken)',
      '  • FIXME.rulerColour "red": the scroll bar mark is on or off for every tag (paydown.highlights.overviewRuler), in the tag\'s colour',
      '  • "BUG", "NOTE": not a tag Paydown reads after the import: nothing to colour',
      '  • PERF.foreground: "editorWarning.foreground" is a theme colour id; paydown.highlights.tagColors takes CSS colours (theme colours: set paydown.tag.* in workbench.colorCustomizations)',
    ]);
  });
});

describe('Import Todo Tree Settings: writing .paydown/config.jsonc', () => {
  const EXISTING = `// Our team's Paydown config.
{
    // Keep DEBT high: it is what we promise to pay down.
    "tags": ["TODO", { "name": "DEBT", "impact": "high" }],
    "scan": {
        "exclude": ["vendor/**"] // third-party code
    },
    "effort": { "hoursPerPoint": 6 }
}
`;

  it('keeps comments, indentation and an existing tag\'s impact, and adds globs without repeating them', () => {
    const out = applyConfigPatch(EXISTING, { tags: ['TODO', 'PERF', 'DEBT'], caseSensitive: false, exclude: ['**/node_modules', 'vendor/**'], include: ['src/**'] });
    assert.match(out, /^\/\/ Our team's Paydown config\./);
    assert.match(out, /\/\/ Keep DEBT high/);
    assert.match(out, /\/\/ third-party code/);
    assert.match(out, /\n {4}"caseSensitive": false/);
    const config = parseConfig(out, 'config');
    assert.deepEqual(config.annotations.tags, [{ name: 'TODO', impact: 'low' }, { name: 'PERF' }, { name: 'DEBT', impact: 'high' }]);
    assert.equal(config.annotations.caseSensitive, false);
    assert.deepEqual(config.scan.exclude, ['vendor/**', '**/node_modules']);
    assert.deepEqual(config.scan.include, ['src/**']);
    assert.equal(config.annotations.hoursPerPoint, 6);
  });

  it('creates a config from nothing, and leaves text alone when nothing changes', () => {
    const out = applyConfigPatch(undefined, { tags: ['TODO', 'DEBT'], exclude: ['**/*.xml'] });
    assert.deepEqual(parseJsonc(out), { tags: ['TODO', 'DEBT'], scan: { exclude: ['**/*.xml'] } });
    assert.equal(applyConfigPatch(out, { tags: ['TODO', 'DEBT'], exclude: ['**/*.xml'] }), out);
    assert.equal(applyConfigPatch(EXISTING, {}), EXISTING);
  });

  it('refuses to write over an invalid config rather than half-read it', () => {
    assert.throws(() => applyConfigPatch('{ "tags": "TODO" }', { caseSensitive: false }), (err: unknown) => PaydownError.is(err, 'config-invalid'));
  });

  it('writes the whole plan of a real Todo Tree user into a config Paydown reads', () => {
    const plan = planTodoTreeImport({ user: USER, workspace: WORKSPACE });
    const config = parseConfig(applyConfigPatch(undefined, plan.config), 'config');
    assert.deepEqual(config.annotations.tags.map((t) => t.name), ['TODO', 'FIXME', 'PERF', 'DEBT']);
    assert.deepEqual(config.scan.exclude, ['**/node_modules', '**/*.xml', 'dist/**']);
  });
});
