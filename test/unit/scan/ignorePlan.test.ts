import * as assert from 'node:assert/strict';
import { dirIgnorePlan, dirRulesOf, fileIgnorePlan, fileRulesOf, isDirIgnored, isFileIgnored, isIgnored, makeLevel, type IgnoreLevel } from '../../../src/engine/scanner/ignoreRules';

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
  it('classify levels: none for folder-only rules, basename for simple patterns, full otherwise', () => {
    assert.equal(fileRulesOf(makeLevel('', 'node_modules/\n# x\n\ndist/  \n')).kind, 'none');
    const simple = fileRulesOf(makeLevel('', 'node_modules/\n*.pyc\n.DS_Store\n*.log  \n'));
    assert.equal(simple.kind, 'basename');
    assert.equal(fileRulesOf(makeLevel('', '*.pyc\n!keep.pyc\n')).kind, 'full');
    assert.equal(fileRulesOf(makeLevel('', 'src/*.ts\n')).kind, 'full');
    assert.equal(fileRulesOf(makeLevel('', '*.p?c\n')).kind, 'full');
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

  it('classify levels for folders: simple basenames and anchored literal paths, full otherwise', () => {
    assert.equal(dirRulesOf(makeLevel('', '# x\n\n')).kind, 'none');
    const simple = dirRulesOf(makeLevel('', 'node_modules/\n*.pyc\n.paydown/cache/\n/dist/\nbuild\n'));
    assert.equal(simple.kind, 'simple');
    assert.deepEqual(simple.kind === 'simple' ? [...simple.anchored].sort() : [], ['.paydown/cache', 'dist']);
    assert.equal(dirRulesOf(makeLevel('', 'out/\n!out/keep/\n')).kind, 'full');
    assert.equal(dirRulesOf(makeLevel('', 'src/*/gen/\n')).kind, 'full');
    assert.equal(dirRulesOf(makeLevel('', '**/tmp/\n')).kind, 'full');
    assert.equal(dirRulesOf(makeLevel('', 'a/../b/\n')).kind, 'full');
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
});
