import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { CandidateParser } from '../../../src/engine/scanner/candidates';
import { prepareAnnotationOptions, scanDocument } from '../../../src/engine/scanner/document';
import { CandidateReader, LARGE_CANDIDATE, type Candidate, type Candidates } from '../../../src/engine/scanner/walk';
import { makeTree, removeTree } from './helpers';

const compiled = prepareAnnotationOptions(DEFAULT_ANNOTATION_OPTIONS);

/** A TypeScript file of about `size` bytes with one TODO. */
function sized(title: string, size: number): string {
  const head = `// TODO: ${title}\n`;
  return head + '// filler line\n'.repeat(Math.max(0, Math.ceil((size - head.length) / 15)));
}

describe('scan: tag candidates parsed on the calling thread', () => {
  let root = '';
  beforeEach(() => {
    root = makeTree({ 'a.ts': '// TODO: as the walker saw it\n', 'latin.py': Buffer.from('# TODO: caf\xe9\n', 'latin1') });
  });
  afterEach(() => removeTree(root));

  it('reads a candidate again with the walker’s encoding while its size is the same', () => {
    const reader = new CandidateReader(root, compiled, 1 << 20);
    assert.equal(reader.text({ file: 'latin.py', size: 12, encoding: 'latin1', start: -1 }), '# TODO: café\n');
    assert.equal(reader.text({ file: 'a.ts', size: 30, encoding: 'utf8', start: -1 }), '// TODO: as the walker saw it\n');
  });

  it('checks a candidate that changed since the walker read it again, and drops one that is gone or no longer text', () => {
    const reader = new CandidateReader(root, compiled, 1 << 20);
    const seen: Candidate = { file: 'a.ts', size: 30, encoding: 'latin1', start: -1 };
    fs.writeFileSync(path.join(root, 'a.ts'), '// TODO: édité après\n');
    assert.equal(reader.text(seen), '// TODO: édité après\n', 'decoded as what it is now (UTF-8), not as the walker saw it');
    fs.writeFileSync(path.join(root, 'a.ts'), Buffer.from([0x2f, 0x2f, 0x20, 0x54, 0x4f, 0x44, 0x4f, 0, 1, 2]));
    assert.equal(reader.text(seen), undefined, 'binary now');
    fs.writeFileSync(path.join(root, 'a.ts'), '// nothing to see here\n');
    assert.equal(reader.text(seen), undefined, 'holds no tag now');
    fs.writeFileSync(path.join(root, 'a.ts'), sized('grown', 5000));
    assert.equal(new CandidateReader(root, compiled, 1000).text(seen), undefined, 'over the size limit now');
    fs.rmSync(path.join(root, 'a.ts'));
    assert.equal(reader.text(seen), undefined, 'gone');
  });

  it('parses small candidates as they come (from their bytes) and large ones at the end (read again), smallest first', () => {
    const sizes: Record<string, number> = { 'big2.ts': 3 * LARGE_CANDIDATE, 's2.ts': 900, 'big1.ts': 2 * LARGE_CANDIDATE, 's1.ts': 300, 's3.ts': 600 };
    const files: Record<string, string> = {};
    for (const [name, size] of Object.entries(sizes)) files[name] = sized(name, size);
    const tree = makeTree(files);
    try {
      const order: string[] = [];
      const parser = new CandidateParser(tree, compiled, 1 << 20, undefined, (file, doc) => order.push(`${file}:${doc.items.map((i) => i.title).join()}`));
      // A batch as a walker sends it: small files' bytes in one buffer, large ones by name only.
      const batch = (names: string[]): Candidates => {
        const bytes = Buffer.concat(names.filter((n) => Buffer.byteLength(files[n]!) < LARGE_CANDIDATE).map((n) => Buffer.from(files[n]!)));
        let at = 0;
        const list = names.map((file): Candidate => {
          const size = Buffer.byteLength(files[file]!);
          if (size >= LARGE_CANDIDATE) return { file, size, encoding: 'utf8', start: -1 };
          at += size;
          return { file, size, encoding: 'utf8', start: at - size };
        });
        return { list, bytes };
      };
      // The small files' bytes are what the walker read: changing a small file now changes nothing.
      fs.writeFileSync(path.join(tree, 's1.ts'), '// nothing any more\n');
      parser.add(batch(['big2.ts', 's2.ts', 'big1.ts', 's1.ts']));
      assert.deepEqual(order, ['s1.ts:s1.ts', 's2.ts:s2.ts']);
      parser.add(batch(['s3.ts']));
      assert.deepEqual(order.slice(2), ['s3.ts:s3.ts']);
      parser.finish();
      assert.deepEqual(order.slice(3), ['big1.ts:big1.ts', 'big2.ts:big2.ts']);
    } finally {
      removeTree(tree);
    }
  });

  it('lexes no file whose tags all touch word characters, and never skips one that holds an item (property)', () => {
    const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
    assert.equal(compiled.mightHoldTagWordBytes(bytes('const TODO_LIST = XXXL; isHACKed(FIXMEs)\n'), 41), false);
    assert.equal(compiled.mightHoldTagWordBytes(bytes('x = 1 // TODO: fix\n'), 19), true);
    // Random lines around tags in several comment syntaxes: whenever the filter says no, the parse finds nothing.
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const around = ['', ' ', 'x', '_', '9', ':', '(', '-', '-x', '*', '!', '//', '#', '/*', '"', 'é', '\t'];
    const tags = ['TODO', 'FIXME', 'HACK', 'XXX', 'DEBT'];
    const files = [['a.ts', '//'], ['a.py', '#'], ['a.c', '/*'], ['a.sql', '--'], ['a.lisp', ';']] as const;
    let skipped = 0;
    for (let i = 0; i < 3000; i++) {
      const [file, marker] = pick(files);
      const line = `${pick(['', 'code(); '])}${marker}${pick(around)}${pick(around)}${pick(tags)}${pick(around)}${pick(around)} title${marker === '/*' ? ' */' : ''}\n`;
      const buf = bytes(line);
      if (compiled.mightHoldTagWordBytes(buf, buf.length)) continue;
      skipped++;
      assert.deepEqual(scanDocument(line, { file }, compiled).items, [], JSON.stringify(line));
    }
    assert.ok(skipped > 300, `${skipped} lines skipped`);
  });

  it('keeps none of a parsed text in its results, so the texts of a first scan do not pile up', function () {
    this.timeout(60_000);
    // These two lines exist only in the file (a heap snapshot shows a string's first 1,024 characters).
    const tree = makeTree({ 'big.ts': `opening(1);\nopening(2);\n// TODO: a title long enough to be a view into the text, see https://github.com/acme/app/issues/4321\n${'filler();\n'.repeat(6000)}` });
    try {
      const script = [
        "const v8 = require('node:v8'); const fs = require('node:fs');",
        "const { DEFAULT_ANNOTATION_OPTIONS } = require('./src/engine/model');",
        "const { CandidateParser } = require('./src/engine/scanner/candidates');",
        "const { prepareAnnotationOptions } = require('./src/engine/scanner/document');",
        'const [root] = process.argv.slice(1);',
        'const kept = [];',
        "const parser = new CandidateParser(root, prepareAnnotationOptions(DEFAULT_ANNOTATION_OPTIONS), 1 << 20, undefined, (file, doc) => kept.push(doc));",
        "parser.add({ list: [{ file: 'big.ts', size: fs.statSync(root + '/big.ts').size, encoding: 'utf8', start: -1 }], bytes: null });",
        'parser.finish();',
        // V8 keeps the last regular expression's subject (the legacy `RegExp.input`): not the results' doing.
        "/x/.test('x');",
        "const heap = fs.readFileSync(v8.writeHeapSnapshot(root + '/heap.heapsnapshot'), 'utf8');",
        "console.log(JSON.stringify({ titles: kept.flatMap((d) => d.items.map((i) => `${i.title} ${i.issueRefs.map((r) => r.text)}`)), textHeld: heap.includes(['opening(1);', 'opening(2);'].join('\\\\n')) }));",
      ].join('\n');
      const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, tree], { cwd: path.join(__dirname, '..', '..', '..'), encoding: 'utf8', timeout: 50_000 });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { titles: string[]; textHeld: boolean };
      const ref = 'https://github.com/acme/app/issues/4321';
      assert.deepEqual(out.titles, [`a title long enough to be a view into the text, see ${ref} ${ref}`], 'the title (the reference a word of it), then the reference');
      assert.equal(out.textHeld, false, 'the 60 KB text is garbage once parsed');
    } finally {
      removeTree(tree);
    }
  });
});
