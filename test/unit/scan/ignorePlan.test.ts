import * as assert from 'node:assert/strict';
import { dirIgnorePlan, fileIgnorePlan, folderRules, isDirIgnored, isFileIgnored, isIgnored, makeLevel, plansFor, subfolderRules, withLevel, type FolderRules, type IgnoreLevel } from '../../../src/engine/scanner/ignoreRules';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULES = [
  '*.log', '*.LOG  ', '.DS_Store', 'build/', 'b/', '!b/', 'a', '!keep.log', '*.tmp', 'x/*.ts', '/top.ts', '**/deep.ts', '# comment', '',
  'c/d/', 'A.TS', '*', '!*.ts', 'foo\\ ', 'b', '*.p?c', 'a.ts/', '  spaced', '/', '**/c/', 'name.ts',
];
const NAMES = ['a', 'b', 'c', 'x.log', 'Y.Log', 'keep.log', 'top.ts', 'deep.ts', 'a.ts', 'A.ts', '.DS_Store', '.ds_store', 'x.pyc', 'name.ts', 'foo ', 'z.tmp'];
const DIRS = ['', 'a', 'b', 'c', 'c/d', 'x', 'a/b', 'b/c', 'build', 'a/b/c'];

describe('scan: file ignore plans', () => {
  it('compiles the gitignore lines real repositories use, and leaves the rest to the ignore package', () => {
    const real = ['node_modules/', '*.py[cod]', '/build', '!/packages/x/LICENSE', '/.vscode/**/*', '**/node_modules', '.*.sw?', 'report.[0-9]*.json', '/git-core-*/?*', 'docs/_build/', '*~', '!stubs/*', 'a/**/b', '/test/unit/[A-Za-z]*', '# comment', '', 'trailing   ', '/trash directory*', '*$py.class', 'a(1)+{b}|^c]', 'é*'];
    assert.notEqual(makeLevel('', real.join('\n')).compiled, null);
    for (const other of ['foo\\ ', '**', '/**', 'foo**', 'a//b', './a', '/', '[]]', '[a-]', '[+-9]', '[[:alpha:]]', '\uFEFFx', 'x\r']) {
      assert.equal(makeLevel('', `build/\n${other}\n`).compiled, null, other);
    }
  });

  it('needs no plan when no rule can hit a file', () => {
    const chain = [makeLevel('', 'node_modules/\ndist/\n'), makeLevel('a', 'out/\n')];
    assert.equal(fileIgnorePlan(chain, 'a/b'), null);
    assert.notEqual(fileIgnorePlan(chain, 'dist'), null); // under an ignored folder (only reached through paths)
  });

  it('answers exactly as isIgnored on random rule chains (property)', () => {
    const next = rng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const dir = pick(DIRS);
      const parts = dir === '' ? [] : dir.split('/');
      const chain: IgnoreLevel[] = [];
      for (let depth = 0; depth <= parts.length; depth++) {
        if (next() < 0.5 && depth > 0) continue;
        const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(RULES));
        chain.push(makeLevel(parts.slice(0, depth).join('/'), lines.join(next() < 0.2 ? '\r\n' : '\n')));
      }
      const plan = fileIgnorePlan(chain, dir);
      for (const name of NAMES) {
        const rel = dir === '' ? name : `${dir}/${name}`;
        assert.equal(isFileIgnored(plan, rel, name), isIgnored(chain, rel, false), `${rel} under ${JSON.stringify(chain.map((l) => [l.base, l.text]))}`);
        checked++;
      }
    }
    assert.ok(checked > 1000);
  });

  it('answers for folders exactly as isIgnored on random rule chains (property)', () => {
    const next = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const dirRules = [...RULES, 'c/d', '/b/', 'a/b/', '.paydown/cache/', 'x/y/z/', 'B/C', '/a/b', 'node_modules/', '*.egg-info/', 'x/*/', 'a/./b/'];
    const dirNames = ['a', 'b', 'c', 'd', 'B', 'x', 'y', 'z', 'build', 'cache', 'node_modules', 'foo.egg-info', 'keep.log', 'a.ts', '.paydown'];
    const dirs = [...DIRS, 'x/y', '.paydown', 'B', 'a/b/c/d'];
    let checked = 0;
    for (let round = 0; round < 600; round++) {
      const dir = pick(dirs);
      const parts = dir === '' ? [] : dir.split('/');
      const chain: IgnoreLevel[] = [];
      for (let depth = 0; depth <= parts.length; depth++) {
        if (next() < 0.5 && depth > 0) continue;
        const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(dirRules));
        chain.push(makeLevel(parts.slice(0, depth).join('/'), lines.join(next() < 0.2 ? '\r\n' : '\n')));
      }
      const plan = dirIgnorePlan(chain, dir);
      for (const name of dirNames) {
        const rel = dir === '' ? name : `${dir}/${name}`;
        assert.equal(isDirIgnored(plan, rel, name), isIgnored(chain, rel, true), `${rel}/ under ${JSON.stringify(chain.map((l) => [l.base, l.text]))}`);
        checked++;
      }
    }
    assert.ok(checked > 5000);
  });
  it('answers for files and folders exactly as isIgnored on random gitignore patterns (property)', () => {
    const next = rng(2024);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const atoms = ['a', 'b', 'c', 'A', 'build', 'x.log', '*', '*.log', 'b*', '?', '[ab]', '[!a]*', '[a-c]', 'x?y', '*b', '**', '**', 'a.b', '[A-Z]*', 'a b*', '*$x', '(a)', 'é', 'É*', 'a+]', 'k', '*.k'];
    const pattern = (): string => {
      if (next() < 0.05) return pick(['/', 'foo\\ ', '**', 'a**', ' a', '# x', '!', '/**', '**/', 'a/./b']);
      const segments = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(atoms));
      return (next() < 0.25 ? '!' : '') + (next() < 0.3 ? '/' : '') + segments.join('/') + (next() < 0.3 ? '/' : '');
    };
    const names = ['a', 'b', 'c', 'A', 'B', 'ab', 'ba', 'bb', 'build', 'x.log', 'X.LOG', 'xy', 'x1y', 'a.b', 'abc', 'Z', '.log', 'a bc', 'q$x', '(a)', 'é', 'Éa', 'a+]', 'K', '\u212A', 'x.\u212A'];
    let checked = 0;
    let compiled = 0;
    for (let round = 0; round < 1500; round++) {
      const depth = Math.floor(next() * 5);
      const parts = Array.from({ length: depth }, () => pick(names));
      const dir = parts.join('/');
      const chain: IgnoreLevel[] = [];
      for (let d = 0; d <= depth; d++) {
        if (next() < 0.5 && d > 0) continue;
        const level = makeLevel(parts.slice(0, d).join('/'), Array.from({ length: 1 + Math.floor(next() * 5) }, pattern).join('\n'));
        if (level.compiled) compiled++;
        chain.push(level);
      }
      const filePlan = fileIgnorePlan(chain, dir);
      const dirPlan = dirIgnorePlan(chain, dir);
      for (const name of names) {
        const rel = dir === '' ? name : `${dir}/${name}`;
        const where = `${rel} under ${JSON.stringify(chain.map((l) => [l.base, l.text]))}`;
        assert.equal(isFileIgnored(filePlan, rel, name), isIgnored(chain, rel, false), `file ${where}`);
        assert.equal(isDirIgnored(dirPlan, rel, name), isIgnored(chain, rel, true), `folder ${where}`);
        checked += 2;
      }
    }
    assert.ok(checked > 40000 && compiled > 1500, `${checked} checked, ${compiled} levels compiled`);
  });
  it('answers exactly as isIgnored with the rules handed down a walk, folder by folder (property)', () => {
    const next = rng(99);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const atoms = ['a', 'b', 'c', 'build', '*', '*.log', 'b*', '?', '[ab]', '**', '**', 'x.log', 'é', 'k'];
    const pattern = (): string => {
      if (next() < 0.05) return pick(['foo\\ ', 'a**', '[[:alpha:]]']);
      const segments = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(atoms));
      return (next() < 0.25 ? '!' : '') + (next() < 0.3 ? '/' : '') + segments.join('/') + (next() < 0.3 ? '/' : '');
    };
    const names = ['a', 'b', 'c', 'ab', 'build', 'x.log', 'X.LOG', 'é', 'k', 'z'];
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const root = makeLevel('', Array.from({ length: 1 + Math.floor(next() * 5) }, pattern).join('\n'));
      let rules: FolderRules = folderRules([root], '');
      for (let depth = 0; depth < 5; depth++) {
        const dir = rules.dir;
        if (depth > 0 && next() < 0.3) rules = withLevel(rules, makeLevel(dir, Array.from({ length: 1 + Math.floor(next() * 4) }, pattern).join('\n')));
        const plans = plansFor(rules);
        for (const name of names) {
          const rel = dir === '' ? name : `${dir}/${name}`;
          const where = `${rel} under ${JSON.stringify(rules.chain.map((l) => [l.base, l.text]))}`;
          assert.equal(isFileIgnored(plans.files, rel, name), isIgnored(rules.chain, rel, false), `file ${where}`);
          assert.equal(isDirIgnored(plans.dirs, rel, name), isIgnored(rules.chain, rel, true), `folder ${where}`);
          checked += 2;
        }
        const name = pick(names);
        rules = subfolderRules(rules, name, dir === '' ? name : `${dir}/${name}`);
      }
    }
    assert.ok(checked > 30000, `${checked} checked`);
  });

  it('tests the entries of a folder its rules say nothing new about with its parent\'s plans', () => {
    const root = folderRules([makeLevel('', 'node_modules/\n*.log\n/dist\nsrc/gen/\n')], '');
    const src = subfolderRules(root, 'src', 'src');
    const lib = subfolderRules(src, 'lib', 'src/lib');
    const util = subfolderRules(lib, 'util', 'src/lib/util');
    assert.equal(plansFor(util), plansFor(lib), 'src/lib/util is tested as src/lib is');
    const gen = subfolderRules(src, 'gen', 'src/gen');
    assert.notEqual(plansFor(gen), plansFor(src));
    assert.equal(isFileIgnored(plansFor(gen).files, 'src/gen/a.ts', 'a.ts'), true);
    assert.equal(isFileIgnored(plansFor(lib).files, 'src/lib/a.ts', 'a.ts'), false);
    assert.equal(isFileIgnored(plansFor(lib).files, 'src/lib/a.log', 'a.log'), true);
  });
});
