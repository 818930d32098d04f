// "Paydown: Import Todo Tree Settings" as a Todo Tree user meets it (issue 15): real Todo Tree
// settings in the user's settings.json and in the workspace's .vscode/settings.json (Todo Tree
// itself is not installed: its settings are read as they are), the command run from the palette,
// the mapping shown in a modal and confirmed; then the written .paydown/config.jsonc (comments
// kept), the colours in the scope they came from, and the Debt view showing the imported tag.
// Called by uiTest.ts after the tracker checks (`PAYDOWN_E2E_TODOTREE_ONLY=1` runs only these).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { BASE_SETTINGS, expectGroup, groupBy, openFile, showDebtView, THEMES, treeRows } from './debtView';
import type { PanelContext } from './panel';
import { log, runCommandMatching, screenshot, screenshotOf, waitForTheme, waitUntil, workbenchUrl, writeUserSettings } from './workbench';

/** The team's Todo Tree settings, shared in the workspace. */
const WORKSPACE_SETTINGS = {
  'todo-tree.general.tags': ['TODO', 'FIXME', 'HACK', 'XXX', 'PERF', '[ ]', '[x]'],
  'todo-tree.regex.regex': '(//|#|<!--|;|/\\*|^|^[ \\t]*(-|\\d+.))\\s*($TAGS)(\\(\\w+\\))?:',
  'todo-tree.filtering.excludeGlobs': ['**/node_modules', '*.min.js'],
  'todo-tree.highlights.customHighlight': { PERF: { foreground: '#c678dd', icon: 'flame' } },
};

/** One user's own Todo Tree look. */
const USER_SETTINGS = {
  'todo-tree.highlights.defaultHighlight': { gutterIcon: true, type: 'text' },
  'todo-tree.highlights.customHighlight': { TODO: { foreground: 'DarkTurquoise', icon: 'check', iconColour: 'DarkTurquoise' } },
};

const PERF_TITLE = 'cache the parsed exchange rates';

export async function todoTreeChecks(ctx: PanelContext): Promise<void> {
  const { page, base, wsDir, settingsFile, shots, checks } = ctx;
  const folder = path.join(wsDir, 'todotree');
  fs.cpSync(path.join(wsDir, 'basic'), folder, { recursive: true });
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
  fs.writeFileSync(path.join(folder, 'src', 'rates.ts'), `export const rates = new Map<string, number>();\n// PERF: ${PERF_TITLE}\nexport function rate(code: string): number {\n  return rates.get(code) ?? 1;\n}\n`);
  const configFile = path.join(folder, '.paydown', 'config.jsonc');
  const configBefore = fs.readFileSync(configFile, 'utf8');
  writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.light, ...USER_SETTINGS });

  const dialog = page.locator('.monaco-dialog-box');
  const shown = await checks.run('todo tree: "Paydown: Import Todo Tree Settings" shows what maps to what, and what cannot', async () => {
    await page.goto(workbenchUrl(base, folder));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitForTheme(page, 'light');
    await showDebtView(page);
    // Before the import PERF is no tag of Paydown's: its comment is no item.
    if ((await treeRows(page)).some((r) => r.text.includes(PERF_TITLE))) throw new Error('PERF shows before the import');
    await runCommandMatching(page, 'Paydown: Import Todo Tree Settings', /Paydown: Import Todo Tree Settings/);
    await dialog.waitFor({ timeout: 30_000 });
    const text = (await dialog.innerText()).replace(/\r/g, '');
    log(`the mapping preview:\n${text}`);
    await screenshot(page, shots, 'todotree-preview-light');
    await screenshotOf(dialog, shots, 'todotree-preview-dialog-light');
    for (const expected of [
      /Import \d+ Todo Tree settings? into Paydown\?/,
      /Into \.paydown\/config\.jsonc \(shared with the team\):\s*• tags: TODO, FIXME, HACK, XXX, PERF, DEBT/,
      /• scan\.exclude: \+ \*\*\/node_modules, \*\*\/\*\.min\.js/,
      /Into your user settings:\s*• tag colours: TODO darkturquoise\s*• gutter marks: on/,
      /Into the workspace settings:\s*• tag colours: PERF #c678dd/,
      /Not carried over:/,
      /• "\[ \]", "\[x\]": a Markdown task box/,
      /• regex\.regex: a custom regex/,
      /TODO\.icon "check", PERF\.icon "flame": no per-tag icons/,
    ]) {
      if (!expected.test(text)) throw new Error(`the preview does not say ${expected}; it says ${JSON.stringify(text)}`);
    }
  });

  const written = await checks.run('todo tree: after confirmation, .paydown/config.jsonc has the tags and globs, its comments kept; colours are in the scope they came from', async () => {
    await dialog.locator('.monaco-button', { hasText: /^Import$/ }).click();
    const text = await writtenText(configFile, (t) => t !== configBefore, `${configFile} was not written`);
    const config = parseJsonc(text) as { tags: unknown[]; scan?: { exclude?: string[] }; caseSensitive?: boolean };
    const expectTags = ['TODO', 'FIXME', { name: 'HACK', impact: 'medium' }, 'XXX', 'PERF', { name: 'DEBT', impact: 'medium' }];
    if (JSON.stringify(config.tags) !== JSON.stringify(expectTags)) throw new Error(`tags: ${JSON.stringify(config.tags)}`);
    if (JSON.stringify(config.scan?.exclude) !== JSON.stringify(['**/node_modules', '**/*.min.js'])) throw new Error(`scan.exclude: ${JSON.stringify(config.scan?.exclude)}`);
    for (const comment of ['// Paydown configuration of the e2e fixture "basic"', '// One past sprint, then one every two weeks']) {
      if (!text.includes(comment)) throw new Error(`the comment "${comment}" is gone:\n${text}`);
    }
    // The settings are written after the config, one at a time.
    const readWorkspaceSettings = () => parseJsonc(fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    await waitUntil(async () => 'paydown.highlights.tagColors' in readWorkspaceSettings(), 10_000, () => `the workspace settings were not written: ${JSON.stringify(readWorkspaceSettings())}`);
    const workspaceSettings = readWorkspaceSettings();
    if (JSON.stringify(workspaceSettings['paydown.highlights.tagColors']) !== JSON.stringify({ PERF: '#c678dd' })) {
      throw new Error(`workspace settings: ${JSON.stringify(workspaceSettings)}`);
    }
    const userSettings = () => parseJsonc(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    await waitUntil(async () => 'paydown.highlights.gutter' in userSettings() && 'paydown.highlights.tagColors' in userSettings(), 10_000,
      () => `the user settings were not written: ${JSON.stringify(userSettings())}`);
    const user = userSettings();
    if (user['paydown.highlights.gutter'] !== true) throw new Error(`paydown.highlights.gutter: ${JSON.stringify(user['paydown.highlights.gutter'])}`);
    const colours = user['paydown.highlights.tagColors'] as Record<string, string> | undefined;
    if (colours?.TODO !== 'darkturquoise') throw new Error(`user tag colours: ${JSON.stringify(colours)}`);
    log(`written config:\n${text}`);
  }, { after: shown });

  await checks.run('todo tree: the imported PERF tag shows in the Debt view', async () => {
    await showDebtView(page);
    await groupBy(page, 'Tag');
    await expectGroup(page, 'PERF', 1);
    const item = page.locator('.part.sidebar .monaco-list-row', { hasText: PERF_TITLE }).first();
    if (!(await item.isVisible())) await page.locator('.part.sidebar .monaco-list-row[aria-level="1"]', { hasText: /^PERF/ }).first().click();
    await item.waitFor({ timeout: 15_000 }).catch(async () => {
      throw new Error(`no "${PERF_TITLE}" row: ${JSON.stringify(await treeRows(page))}`);
    });
    await screenshot(page, shots, 'todotree-imported-light');
    await groupBy(page, 'File');
    // The workspace's colour for PERF in the editor.
    await openFile(page, 'src/rates.ts');
    const perfColour = () => page.locator('.monaco-editor .view-line span', { hasText: /^PERF$/ }).evaluateAll((spans) =>
      spans.map((s) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(s).color));
    await waitUntil(async () => (await perfColour()).includes('rgb(198, 120, 221)'), 20_000, async () => `PERF is not in #c678dd: ${JSON.stringify(await perfColour())}`);
    await screenshot(page, shots, 'todotree-perf-colour-light');
  }, { after: written });

  await checks.run('todo tree: a second import (dark theme) shows the same mapping and leaves the config as it is', async () => {
    const configAfter = fs.readFileSync(configFile, 'utf8');
    writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.dark, ...USER_SETTINGS });
    // A reload: the workbench takes a theme named in a rewritten settings file at start-up.
    await page.goto(workbenchUrl(base, folder));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitForTheme(page, 'dark');
    await runCommandMatching(page, 'Paydown: Import Todo Tree Settings', /Paydown: Import Todo Tree Settings/);
    await dialog.waitFor({ timeout: 30_000 });
    await screenshotOf(dialog, shots, 'todotree-preview-dialog-dark');
    await dialog.locator('.monaco-button', { hasText: /^Import$/ }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await waitUntil(async () => 'paydown.highlights.tagColors' in (parseJsonc(fs.readFileSync(settingsFile, 'utf8')) as object), 10_000, () => 'the user settings were not written again');
    if (fs.readFileSync(configFile, 'utf8') !== configAfter) throw new Error(`the second import changed the config:\n${fs.readFileSync(configFile, 'utf8')}`);
    writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.light });
  }, { after: written });

  // The first meeting: a Todo Tree user's folder with no Paydown in it yet.
  await checks.run('todo tree: in a folder without Paydown, the import creates .paydown/config.jsonc and the Debt view shows the imported tags', async () => {
    const fresh = path.join(wsDir, 'todotree-new');
    fs.mkdirSync(path.join(fresh, '.vscode'), { recursive: true });
    fs.mkdirSync(path.join(fresh, 'src'), { recursive: true });
    fs.writeFileSync(path.join(fresh, '.vscode', 'settings.json'), JSON.stringify({ 'todo-tree.general.tags': ['PERF:', 'TODO:', '[ ]'], 'todo-tree.regex.regexCaseSensitive': false }, null, 2));
    fs.writeFileSync(path.join(fresh, 'src', 'app.ts'), `// perf: memoise the lookup\nexport const a = 1;\n// TODO: name this better\nexport const b = 2;\n`);
    await page.goto(workbenchUrl(base, fresh));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitForTheme(page, 'light');
    await runCommandMatching(page, 'Paydown: Import Todo Tree Settings', /Paydown: Import Todo Tree Settings/);
    await dialog.waitFor({ timeout: 30_000 });
    const text = await dialog.innerText();
    if (!/tags: PERF, TODO, DEBT/.test(text) || !/caseSensitive: false/.test(text)) throw new Error(`the preview says ${JSON.stringify(text)}`);
    await dialog.locator('.monaco-button', { hasText: /^Import$/ }).click();
    const created = path.join(fresh, '.paydown', 'config.jsonc');
    const createdText = await writtenText(created, () => true, `${created} was not created`);
    const config = parseJsonc(createdText) as Record<string, unknown>;
    if (JSON.stringify(config) !== JSON.stringify({ tags: ['PERF', 'TODO', 'DEBT'], caseSensitive: false })) throw new Error(`the new config: ${createdText}`);
    await showDebtView(page);
    // caseSensitive false: "perf:" counts as PERF.
    await groupBy(page, 'Tag');
    await expectGroup(page, 'PERF', 1);
    await expectGroup(page, 'TODO', 1);
    await screenshot(page, shots, 'todotree-new-folder-light');
  });
}

/**
 * The text of `file` once it is written and `accept` takes it. The extension writes through VS
 * Code's file system, which truncates a file before it writes it: read at the wrong moment, a file
 * being written is empty.
 */
async function writtenText(file: string, accept: (text: string) => boolean, what: string): Promise<string> {
  let text = '';
  await waitUntil(async () => {
    text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return text.trim() !== '' && accept(text);
  }, 20_000, () => `${what} (it holds ${JSON.stringify(text)})`);
  return text;
}
