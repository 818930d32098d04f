import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { contractValidator } from './jsonSchemas';
import { buildOnce, gitWorkspace, paydown, repoRoot, workspace } from './runCli';

const validateScan = contractValidator('scan');
/** A plain boolean, so a passing check does not narrow the document's type away. */
const isValidScan = (document: unknown): boolean => validateScan(document);
const noCache = ['--no-cache'];
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

describe('paydown scan (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('reports a comment TODO and not the same words in a string', () => {
    const root = workspace({ 'app.ts': 'const s = "TODO: not debt";\n// TODO: real debt\n' });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.items.length, 1);
    assert.deepEqual(
      { file: json.items[0].file, line: json.items[0].line, column: json.items[0].column, tag: json.items[0].tag, title: json.items[0].title },
      { file: 'app.ts', line: 2, column: 4, tag: 'TODO', title: 'real debt' },
    );
  });

  it('opens files by paths relative to the folder it runs in, from the root or above it, and finds the same', () => {
    const parent = workspace({
      'app/src/a.ts': '// TODO: a\n',
      'app/lib/b.py': '# FIXME: b\n',
      // Large enough to be read again by the thread that parses it.
      'app/big.ts': `// TODO: large\n${'let x = 1;\n'.repeat(3_000)}`,
    });
    const root = path.join(parent, 'app');
    // Notes every path the process (its worker threads too) opens with openSync.
    const log = path.join(parent, 'opened.log');
    const preload = path.join(parent, 'note-opens.cjs');
    writeFileSync(preload, `const fs = require('fs'); const open = fs.openSync; fs.openSync = (p, ...rest) => { fs.appendFileSync(${JSON.stringify(log)}, p + '\\n'); return open(p, ...rest); };\n`);
    const opened = (): string[] => {
      const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.endsWith('.ts') || l.endsWith('.py')) : [];
      rmSync(log, { force: true });
      return lines.sort();
    };
    const scanFrom = (cwd: string, ...args: string[]): unknown => {
      const run = paydown(['scan', '--format', 'json', ...noCache, ...args], { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout).items;
    };
    const fromRoot = scanFrom(root);
    assert.deepEqual(opened(), ['big.ts', 'big.ts', 'lib/b.py', 'src/a.ts'], 'relative to the root (the large file read twice)');
    assert.deepEqual(scanFrom(parent, '--root', 'app', 'app'), fromRoot);
    assert.deepEqual(opened(), ['app/big.ts', 'app/big.ts', 'app/lib/b.py', 'app/src/a.ts']);
    assert.deepEqual(scanFrom(workspace({}), '--root', root, root), fromRoot);
    assert.deepEqual(opened(), ['big.ts', 'big.ts', 'lib/b.py', 'src/a.ts'].map((f) => path.join(root, f)), 'absolute from elsewhere');
    assert.equal((fromRoot as unknown[]).length, 3);
  });

  it("reads reStructuredText's comments and Sphinx's todo directive, marked as a directive in JSON that validates, and not an example of one", () => {
    const root = workspace({
      'docs/guide.rst': ['Guide', '=====', '', '.. TODO(ann): say which versions', '', '.. todo:: write the upgrade section', '', '.. code-block:: rst', '', '   .. todo:: an example, not debt', ''].join('\n'),
    });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(
      json.items.map((i: { line: number; title: string; owners: string[]; directive?: string; language: string }) => [i.line, i.title, i.owners, i.directive ?? null, i.language]),
      [
        [4, 'say which versions', ['ann'], null, 'restructuredtext'],
        [6, 'write the upgrade section', [], 'todo', 'restructuredtext'],
      ],
    );
  });

  it("reads a MyST page of a Jupyter Book: its % comment, todo directive (marked as a directive) and code cell, not its example", () => {
    const fence = '```';
    const root = workspace({
      'book/churn.md': ['# Churn', '', '% TODO(ann): say where the data comes from', '', `${fence}{todo} plot the churn by region`, fence, '', `${fence}{code-cell} ipython3`, "frame = load('churn.csv')  # FIXME: read it once", fence, '', `${fence}{code-block} python`, '# TODO: an example, not debt', fence, ''].join('\n'),
    });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(
      json.items.map((i: { line: number; title: string; directive?: string; language: string }) => [i.line, i.title, i.directive ?? null, i.language]),
      [
        [3, 'say where the data comes from', null, 'myst'],
        [5, 'plot the churn by region', 'todo', 'myst'],
        [9, 'read it once', null, 'python'],
      ],
    );
  });

  it("reads a LaTeX paper's % comment and its todonotes \\todo commands, marked as directives, not one in verbatim text", () => {
    const root = workspace({
      'paper/main.tex': ['\\usepackage{todonotes}', '\\begin{document}', '% FIXME(ann): the abstract is too long', 'Prior work\\todo{Cite the 2019 paper} is slow.', '\\todo[inline]{Rewrite the evaluation}', '\\begin{verbatim}', '\\todo{an example, not debt}', '\\end{verbatim}', '\\end{document}', ''].join('\n'),
    });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(
      json.items.map((i: { line: number; column: number; title: string; directive?: string; language: string }) => [i.line, i.column, i.title, i.directive ?? null, i.language]),
      [
        [3, 3, 'the abstract is too long', null, 'latex'],
        [4, 12, 'Cite the 2019 paper', 'todo', 'latex'],
        [5, 2, 'Rewrite the evaluation', 'todo', 'latex'],
      ],
    );
  });

  it("reads an Org plan's todo headlines (not DONE ones) with their tags, deadline and effort, marked as directives, and its # comment", () => {
    const root = workspace({
      'todo.org': ['#+TITLE: Plan', '* TODO Set up the repository', '** TODO [#A] Write the parser   :parser:', '   DEADLINE: <2026-12-10 Thu>', '   :PROPERTIES:', '   :Effort:   1:30', '   :END:', '** DONE Pick a name', '# FIXME(ann): split this file', ''].join('\n'),
    });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(
      json.items.map((i: { line: number; tag: string; title: string; labels: string[]; due: string | null; effortSpec: { value: number; unit: string } | null; directive?: string }) => [i.line, i.tag, i.title, i.labels, i.due, i.effortSpec, i.directive ?? null]),
      [
        [2, 'TODO', 'Set up the repository', [], null, null, 'todo'],
        [3, 'TODO', 'Write the parser', ['parser'], '2026-12-10', { value: 1.5, unit: 'h' }, 'todo'],
        [9, 'FIXME', 'split this file', [], null, null, null],
      ],
    );
  });

  it("reads the placeholders code writes for later (Rust's todo!, Kotlin's TODO()) as TODO items marked as directives, and leaves them out when the config says so", () => {
    const root = workspace({
      'src/lib.rs': ['pub fn parse(args: &[String]) -> u8 {', '    // FIXME: validate the args', '    todo!("parse the flags @alice effort:2h")', '}', '/// todo!("a doc example")', ''].join('\n'),
      'app/Cache.kt': ['class Cache {', '    fun evict(): Unit = TODO("Not yet implemented")', '    val s = "TODO(\\"in a string\\")"', '}', ''].join('\n'),
    });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(
      json.items.map((i: { file: string; line: number; column: number; tag: string; title: string; owners: string[]; directive?: string }) => [i.file, i.line, i.column, i.tag, i.title, i.owners, i.directive ?? null]),
      [
        ['app/Cache.kt', 2, 25, 'TODO', 'Not yet implemented', [], 'todo'],
        ['src/lib.rs', 2, 8, 'FIXME', 'validate the args', [], null],
        ['src/lib.rs', 3, 5, 'TODO', 'parse the flags', ['alice'], 'todo'],
      ],
    );
    mkdirSync(path.join(root, '.paydown'), { recursive: true });
    writeFileSync(path.join(root, '.paydown/config.jsonc'), '{ "scan": { "placeholders": false } }\n');
    const off = JSON.parse(paydown(['scan', '--format', 'json', ...noCache], { cwd: root }).stdout);
    assert.deepEqual(off.items.map((i: { title: string }) => i.title), ['validate the args']);
  });

  it('prints JSON that validates against schemas/scan.schema.json', () => {
    const root = workspace({
      'src/pay.ts': '// DEBT(PD-7Q2K): Replace the retry loop\n//   It retries on 4xx too.\n//   @alice effort:3 impact:high #payments GH-412\nexport {};\n',
      'tools/run.py': '# TODO(bob): drop the v1 fallback effort:lots\n',
    });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(json.items.map((i: { file: string }) => i.file), ['src/pay.ts', 'tools/run.py']);
    const debt = json.items[0];
    assert.equal(debt.id, 'PD-7Q2K');
    assert.deepEqual(debt.owners, ['alice']);
    assert.equal(debt.effort, 3);
    assert.equal(debt.impact, 'high');
    assert.deepEqual(debt.labels, ['payments']);
    assert.equal(json.problems.length, 1);
    assert.equal(json.problems[0].code, 'effort-invalid');
    assert.equal(json.stats.items, 2);
  });

  it('reads a Jupyter notebook: each item at its line in the .ipynb, with its cell (JSON) and "cell N, line L" (text)', () => {
    const notebook = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Churn\n', '<!-- TODO: explain the data -->'] },
        { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['# TODO: decoy in an output\n'] }], source: ['import pandas as pd\n', 'df = pd.read_csv("x.csv")  # FIXME(alice): cache it'] },
        { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [], source: ['# TODO(effort: lots): plot it'] },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const text = `${JSON.stringify(notebook, null, 1)}\n`;
    const root = workspace({ 'notebooks/churn.ipynb': text, 'notebooks/.ipynb_checkpoints/churn-checkpoint.ipynb': text });
    const run = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    const lines = text.split('\n');
    assert.deepEqual(
      json.items.map((i: { file: string; line: number; column: number; tag: string; title: string; cell: unknown }) => [i.file, lines[i.line - 1]!.slice(i.column - 1, i.column - 1 + i.tag.length), i.title, i.cell]),
      [
        ['notebooks/churn.ipynb', 'TODO', 'explain the data', { index: 0, line: 2, column: 6 }],
        ['notebooks/churn.ipynb', 'FIXME', 'cache it', { index: 1, line: 2, column: 30 }],
        ['notebooks/churn.ipynb', 'TODO', 'plot it', { index: 2, line: 1, column: 3 }],
      ],
    );
    const [problem] = json.problems;
    assert.deepEqual([problem.code, lines[problem.range.start.line - 1]!.slice(problem.range.start.column - 1, problem.range.end.column - 1), problem.cell], [
      'effort-invalid',
      'effort:',
      { index: 2, range: { start: { line: 1, column: 8 }, end: { line: 1, column: 15 } } },
    ]);
    const human = paydown(['scan', ...noCache], { cwd: root });
    assert.match(human.stdout, /FIXME +cache it\n +cell 2, line 2 · @alice$/m);
    assert.match(human.stderr, new RegExp(`^notebooks/churn\\.ipynb:${problem.range.start.line}:${problem.range.start.column}: warning: .*\\[effort-invalid\\] \\(cell 3, line 1\\)$`, 'm'));
  });

  it('skips a FIFO named on the command line with a warning instead of hanging; a walked one silently', function () {
    const root = workspace({ 'a.ts': '// TODO: a\n' });
    try {
      execFileSync('mkfifo', [path.join(root, 'pipe')]);
    } catch {
      this.skip(); // no mkfifo here
    }
    const named = paydown(['scan', './pipe', 'a.ts', ...noCache], { cwd: root, timeoutMs: 30_000 });
    assert.equal(named.status, 0, `status ${named.status} (null: killed after hanging)\n${named.stderr}`);
    assert.equal(named.stderr, 'pipe:1:1: warning: Skipped pipe: a FIFO, not a regular file [file-special]\n');
    assert.match(named.stdout, /^a\.ts \(1\)$/m);
    const walked = paydown(['scan', '--format', 'json', ...noCache], { cwd: root, timeoutMs: 30_000 });
    assert.equal(walked.status, 0, walked.stderr);
    assert.equal(walked.stderr, '');
    const json = JSON.parse(walked.stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual([json.stats.skipped.special, json.skipped], [1, [{ path: 'pipe', reason: 'special' }]]);
  });

  it('prints problems on stderr as file:line:col warnings, and still exits 0', () => {
    const root = workspace({ 'a.py': 'x = 1\n# TODO: tidy up impact:huge\n' });
    const run = paydown(['scan', ...noCache], { cwd: root });
    assert.equal(run.status, 0);
    assert.match(run.stderr, /^a\.py:2:\d+: warning: .*huge.* \[impact-invalid\]$/m);
    assert.doesNotMatch(run.stderr, ANSI, 'no colour on a pipe');
  });

  it('groups readable text by file with a summary, without colour when piped', () => {
    const root = workspace({
      'b/two.go': 'package b\n// FIXME: race on shutdown\n// TODO: log it\n',
      'a/one.rs': '/* HACK: fine under 1k rows */\nfn main() {}\n',
    });
    const run = paydown(['scan', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, ANSI);
    const files = run.stdout.split('\n').filter((l) => /^\S+ \(\d+\)$/.test(l));
    assert.deepEqual(files, ['a/one.rs (1)', 'b/two.go (2)']);
    assert.match(run.stdout, /^ +2:4 +FIXME +race on shutdown$/m);
    assert.match(run.stdout, /^3 debt items in 2 files {2}· {2}HACK 1 {2}FIXME 1 {2}TODO 1$/m);
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR off', () => {
    const root = workspace({ 'x.sh': '# TODO: quote the args\n' });
    assert.match(paydown(['scan', ...noCache], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(paydown(['scan', ...noCache], { cwd: root, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, ANSI);
  });

  it('says what to do next in a workspace without debt', () => {
    const root = workspace({ 'clean.ts': 'export const x = 1;\n' });
    const run = paydown(['scan', ...noCache], { cwd: root });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /No debt found\. Tag some in a comment/);
  });

  it('says why a folder it runs in (or is given) came to nothing when the workspace ignores it', () => {
    const root = gitWorkspace({ '.gitignore': 'vendor/\n', 'vendor/lib/a.ts': '// TODO: vendored\n', 'src/b.ts': '// TODO: b\n' });
    const inside = paydown(['scan', ...noCache], { cwd: path.join(root, 'vendor', 'lib') });
    assert.equal(inside.status, 0, inside.stderr);
    assert.match(inside.stdout, /Not scanned: vendor\/lib is ignored in this workspace .* pass it as --root/);
    assert.doesNotMatch(inside.stdout, /Tag some in a comment/);
    const json = JSON.parse(paydown(['scan', 'vendor', '--format', 'json', ...noCache], { cwd: root }).stdout) as { skipped: unknown[] };
    assert.deepEqual(json.skipped, [{ path: 'vendor', reason: 'ignored' }]);
    // As its own root, the folder is scanned.
    const own = paydown(['scan', '--root', '.', '--format', 'ndjson', ...noCache], { cwd: path.join(root, 'vendor', 'lib') });
    assert.deepEqual(own.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { title: string }).title), ['vendored']);
  });

  it('scans a package of a repository as its root: from the folder above too, leaving out what the repository ignores', () => {
    const root = gitWorkspace({ '.gitignore': 'node_modules/\ndist/\n', 'packages/app/src/a.ts': '// TODO: mine\n' });
    for (const [file, text] of [['packages/app/node_modules/dep/x.js', '// TODO: a dependency\n'], ['packages/app/dist/a.js', '// TODO: built\n']]) {
      mkdirSync(path.dirname(path.join(root, file!)), { recursive: true });
      writeFileSync(path.join(root, file!), text!);
    }
    const fromAbove = paydown(['scan', '--root', 'packages/app', '--format', 'ndjson', ...noCache], { cwd: root });
    assert.equal(fromAbove.status, 0, fromAbove.stderr);
    assert.deepEqual(fromAbove.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { file: string }).file), ['src/a.ts']);
    const inside = paydown(['scan', '--root', '.', '--format', 'ndjson', ...noCache], { cwd: path.join(root, 'packages', 'app') });
    assert.equal(inside.stdout, fromAbove.stdout);
  });

  it('scans only the given paths, tags and globs', () => {
    const root = workspace({
      'src/a.ts': '// TODO: a\n// FIXME: b\n',
      'src/gen/c.ts': '// FIXME: generated\n',
      'docs/d.md': '<!-- FIXME: docs -->\n',
    });
    const run = paydown(['scan', 'src', '--tag', 'FIXME', '--exclude', 'src/gen/**', '--format', 'ndjson', ...noCache], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const items = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(items.map((i) => `${i.file}:${i.line} ${i.tag}`), ['src/a.ts:2 FIXME']);
  });

  it('reads tags from .paydown/config.jsonc and fails clearly on an invalid one', () => {
    const root = workspace({ '.paydown/config.jsonc': '{ "tags": ["PAYDOWN"] }', 'a.ts': '// TODO: no\n// PAYDOWN: yes\n' });
    const ok = paydown(['scan', '--format', 'json', ...noCache], { cwd: root });
    assert.deepEqual(JSON.parse(ok.stdout).items.map((i: { tag: string }) => i.tag), ['PAYDOWN']);
    const bad = workspace({ '.paydown/config.jsonc': '{ "tags": "TODO" }', 'a.ts': '// TODO: x\n' });
    const run = paydown(['scan', ...noCache], { cwd: bad });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^paydown: \.paydown\/config\.jsonc is invalid: tags: must be a list of tags/);
  });

  it('exits 2 with a one-line error on bad usage and on an unreadable path', () => {
    const root = workspace({ 'a.ts': '// TODO: x\n' });
    const badFormat = paydown(['scan', '--format', 'yaml'], { cwd: root });
    assert.equal(badFormat.status, 2);
    assert.equal(badFormat.stderr.trim().split('\n').length, 1, badFormat.stderr);
    assert.match(badFormat.stderr, /yaml/);
    const unknown = paydown(['scan', '--frobnicate'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr.trim().split('\n').length, 1, unknown.stderr);
    const missing = paydown(['scan', 'no/such/dir'], { cwd: root });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^paydown: cannot read .*no\/such\/dir: no such file or folder\n$/);
  });

  it('prints --help and --version and exits 0', () => {
    const help = paydown(['scan', '--help'], { cwd: tmpdir() });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--format <format>/);
    assert.match(help.stdout, /Exit codes/);
    const version = paydown(['--version'], { cwd: tmpdir() });
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('a --cache-dir that is a file is a usage error; a default cache folder that cannot be one is warned about and skipped', () => {
    const root = workspace({ 'a.ts': '// TODO: cached\n', 'not-a-folder': 'x' });
    for (const dir of ['not-a-folder', 'not-a-folder/sub']) {
      const run = paydown(['scan', '--cache-dir', dir], { cwd: root });
      assert.equal(run.status, 2, dir);
      assert.match(run.stderr, /^paydown: --cache-dir not-a-folder(\/sub)? (is not a folder|cannot be a folder: .*not-a-folder is a file)\nhint: /);
    }
    const fallback = paydown(['scan', '--format', 'json'], { cwd: root, env: { XDG_CACHE_HOME: path.join(root, 'not-a-folder') } });
    assert.equal(fallback.status, 0, fallback.stderr);
    assert.match(fallback.stderr, /^paydown: warning: the scan cache folder .* cannot be used \(.*not-a-folder is a file\): scanning without the cache\n$/);
    assert.equal(JSON.parse(fallback.stdout).items.length, 1);
  });

  it('shows a file the annotation reader failed on as an internal-error problem, and keeps its earlier items', () => {
    // The grammar fails on this impact value when the fault is preloaded (test/fixtures/faults).
    const root = workspace({ 'app.ts': '// TODO: before\nconst x = 1;\n// FIXME: fails impact:paydown_injected_fault\n// TODO: after\n', 'b.py': '# HACK: other file\n' });
    const preload = path.join(repoRoot, 'test', 'fixtures', 'faults', 'preload.cjs');
    const env = { NODE_OPTIONS: `--require ${preload}` };
    const text = paydown(['scan', ...noCache], { cwd: root, env });
    assert.match(text.stderr, /app\.ts:3:1: error: Paydown's annotation reader \(grammar\) failed at line 3, column 1 .* \[internal-error\]/);
    const json = JSON.parse(paydown(['scan', '--format', 'json', '--quiet', ...noCache], { cwd: root, env }).stdout);
    assert.ok(isValidScan(json), JSON.stringify(validateScan.errors, null, 2));
    assert.deepEqual(json.items.map((i: { file: string; title: string }) => `${i.file}:${i.title}`), ['app.ts:before', 'b.py:other file']);
    assert.deepEqual(json.problems.map((p: { file: string; code: string; range: { start: { line: number } } }) => [p.file, p.code, p.range.start.line]), [['app.ts', 'internal-error', 3]]);
  });

  it('`check` fails on a file the annotation reader failed on, naming where', () => {
    const root = workspace({ 'app.ts': '// TODO: before\n// FIXME: fails impact:paydown_injected_fault\n' });
    const env = { NODE_OPTIONS: `--require ${path.join(repoRoot, 'test', 'fixtures', 'faults', 'preload.cjs')}` };
    const run = paydown(['check', '--format', 'json', ...noCache], { cwd: root, env });
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout).findings as Array<{ file?: string; line?: number; message: string }>;
    assert.ok(findings.some((f) => f.file === 'app.ts' && f.line === 2 && /annotation reader/.test(f.message)), JSON.stringify(findings, null, 2));
  });
});

describe("paydown scan (CLI) on the bench's generated corpus", function () {
  this.timeout(120_000);
  before(buildOnce);

  // The bench asserts it on 100,000 files; this corpus is small and dense in annotations (a
  // third of its files tagged), so that the rare shapes (two annotations in a row, the second
  // one empty under a note) occur in it too.
  it('finds exactly the planted annotations, none of the decoys in strings and prose', () => {
    const root = workspace({});
    const dir = path.join(root, 'corpus');
    const built = execFileSync(process.execPath, [path.join(repoRoot, 'test', 'bench', 'corpus.mjs'), '--files', '3000', '--tag-rate', '0.3', '--dir', dir], { encoding: 'utf8' });
    const planted = Number(/ (\d+) tags,/.exec(built)?.[1]);
    assert.ok(planted > 2000, built);
    // The corpus plants malformed metadata too (`effort:lots`): warnings on stderr, still exit 0.
    const run = paydown(['scan', '--format', 'json', '--quiet', ...noCache], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).items.length, planted);
  });
});
