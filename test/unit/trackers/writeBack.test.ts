import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS, type DebtItem } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { removalEdit, removeAnnotation, removeAnnotations } from '../../../src/engine/trackers/removal';
import { refusalMessage, type AnnotationTarget } from '../../../src/engine/trackers/sourceEdit';
import { referenceEdit, writeReference, writeReferences } from '../../../src/engine/trackers/writeBack';

const OPTIONS = DEFAULT_ANNOTATION_OPTIONS;
const ID = 'PD-7Q2K';

/** The annotations of `text` as the real scanner reads `file`. */
function scan(file: string, text: string): DebtItem[] {
  return scanDocument(text, { file }, OPTIONS).items;
}

/** What the scan of `text` says about its `index`th annotation, as a sync would pass it on. */
function targetOf(file: string, text: string, index = 0, id = ID): AnnotationTarget {
  const item = scan(file, text)[index];
  assert.ok(item, `the scanner finds annotation ${index} in ${JSON.stringify(text)}`);
  return { file, id, tag: item.tag, line: item.line, column: item.column, title: item.title, end: item.end };
}

/** Writes `refs` into the first annotation of `text` and checks the result reads back as the same item with them. */
function written(file: string, text: string, refs: string[] = ['GH-412']): string {
  const before = scan(file, text)[0]!;
  const result = referenceEdit(text, targetOf(file, text), refs, OPTIONS);
  assert.equal(result.kind, 'edit', JSON.stringify(result));
  const out = (result as { text: string }).text;
  const doc = scanDocument(out, { file }, OPTIONS);
  assert.deepEqual(doc.problems, [], 'no new problem');
  assert.equal(doc.items.length, scan(file, text).length);
  const after = doc.items[0]!;
  assert.equal(after.id, ID, 'the same item: it carries its ledger id');
  assert.equal(after.title, before.title);
  assert.equal(after.fingerprint, before.fingerprint);
  assert.deepEqual(after.owners, before.owners);
  for (const ref of refs) assert.ok(after.issueRefs.some((r) => r.text === ref), `${ref} reads back`);
  return out;
}

/** Removes the `index`th annotation of `text` and checks the others read as before. */
function removed(file: string, text: string, index = 0): string {
  const items = scan(file, text);
  const result = removalEdit(text, targetOf(file, text, index), OPTIONS);
  assert.equal(result.kind, 'edit', JSON.stringify(result));
  const out = (result as { text: string }).text;
  const doc = scanDocument(out, { file }, OPTIONS);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(
    doc.items.map((i) => [i.tag, i.title]),
    items.filter((_, i) => i !== index).map((i) => [i.tag, i.title]),
  );
  return out;
}

function refusedWith(result: { kind: string; reason?: string }, reason: string): void {
  assert.equal(result.kind, 'refused');
  assert.equal(result.reason, reason, JSON.stringify(result));
}

describe('trackers: writing a ticket reference back into its comment', () => {
  it('puts the id and the reference in a list after the tag when there is none', () => {
    assert.equal(written('a.ts', 'fix();\n// DEBT: fix x\n'), 'fix();\n// DEBT(PD-7Q2K, GH-412): fix x\n');
    assert.equal(written('a.ts', '  // TODO\n'), '  // TODO(PD-7Q2K, GH-412)\n');
    assert.equal(written('a.ts', '// TODO. Rename it\n'), '// TODO(PD-7Q2K, GH-412). Rename it\n');
    assert.equal(written('a.ts', '/** @TODO x */\n'), '/** @TODO(PD-7Q2K, GH-412) x */\n');
    assert.equal(written('a.ts', '// TODO/FIXME: both\n'), '// TODO/FIXME(PD-7Q2K, GH-412): both\n');
  });

  it('extends the list the comment has, after its last entry', () => {
    assert.equal(written('a.ts', '// TODO(PD-7Q2K): x\n'), '// TODO(PD-7Q2K, GH-412): x\n');
    assert.equal(written('a.py', '# FIXME(alice): x\n'), '# FIXME(alice, PD-7Q2K, GH-412): x\n');
    assert.equal(written('a.ts', '// TODO(): x\n'), '// TODO(PD-7Q2K, GH-412): x\n');
    assert.equal(written('a.ts', '/* HACK[@bob] x */\n'), '/* HACK[@bob, PD-7Q2K, GH-412] x */\n');
    assert.equal(written('a.ts', '// TODO(alice, PD-7Q2K, GH-1): x\n', ['GH-412', 'PAY-7']), '// TODO(alice, PD-7Q2K, GH-1, GH-412, PAY-7): x\n');
    // A list written after a blank (`TODO (ronag):`) is the list the scan read.
    assert.equal(written('a.js', '// TODO (ronag): highWaterMark?\n'), '// TODO (ronag, PD-7Q2K, GH-412): highWaterMark?\n');
  });

  it('writes into every comment style: #, --, <!-- -->, /* */, after code', () => {
    assert.equal(written('a.sql', 'select 1; -- TODO: x\n'), 'select 1; -- TODO(PD-7Q2K, GH-412): x\n');
    assert.equal(written('a.sh', 'echo hi  # FIXME: quote it\n'), 'echo hi  # FIXME(PD-7Q2K, GH-412): quote it\n');
    assert.equal(written('a.html', '<p>a</p>\n<!-- TODO: x -->\n'), '<p>a</p>\n<!-- TODO(PD-7Q2K, GH-412): x -->\n');
    assert.equal(written('a.c', 'int a; /* XXX: x */ int b;\n'), 'int a; /* XXX(PD-7Q2K, GH-412): x */ int b;\n');
    assert.equal(written('a.ts', '/**\n * Retries.\n * TODO: drop\n *   the loop\n */\n'), '/**\n * Retries.\n * TODO(PD-7Q2K, GH-412): drop\n *   the loop\n */\n');
  });

  it('keeps text in brackets that is not a list as the title, with the list before it', () => {
    assert.equal(written('a.ts', '// TODO(see below): x\n'), '// TODO(PD-7Q2K, GH-412) (see below): x\n');
  });

  it('leaves the comment alone when it already carries the id and every reference, anywhere in it', () => {
    assert.deepEqual(referenceEdit('// TODO(PD-7Q2K, GH-412): x\n', targetOf('a.ts', '// TODO(PD-7Q2K, GH-412): x\n'), ['GH-412'], OPTIONS), { kind: 'present' });
    const inTitle = '// TODO(PD-7Q2K): x, see GH-412\n';
    assert.deepEqual(referenceEdit(inTitle, targetOf('a.ts', inTitle), ['GH-412'], OPTIONS), { kind: 'present' });
    // Only what is missing goes in.
    assert.equal(written('a.ts', '// TODO: x, see GH-412\n'), '// TODO(PD-7Q2K): x, see GH-412\n');
  });

  it('refuses when the file changed since the scan, naming what changed', () => {
    const text = '// TODO: x\n';
    const target = targetOf('a.ts', text);
    refusedWith(referenceEdit('\n// TODO: x\n', target, ['GH-412'], OPTIONS), 'changed');
    refusedWith(referenceEdit('// TODO: y\n', target, ['GH-412'], OPTIONS), 'changed');
    refusedWith(referenceEdit('// FIXME: x\n', target, ['GH-412'], OPTIONS), 'changed');
    refusedWith(referenceEdit('  // TODO: x\n', target, ['GH-412'], OPTIONS), 'changed');
    refusedWith(referenceEdit('// TODO(PD-AAAA): x\n', target, ['GH-412'], OPTIONS), 'id-conflict');
    // A new body line changes nothing on the tag's line: still written.
    assert.equal(referenceEdit('// TODO: x\n//   more\n', target, ['GH-412'], OPTIONS).kind, 'edit');
  });

  it('refuses a Python docstring (not a comment), an unclosed list, text it cannot extend, and what is not a reference', () => {
    const doc = 'def f():\n    """TODO: x"""\n';
    assert.deepEqual(scan('a.py', doc), []);
    refusedWith(referenceEdit(doc, { file: 'a.py', id: ID, tag: 'TODO', line: 2, column: 8, title: 'x' }, ['GH-412'], OPTIONS), 'changed');
    const unclosed = '// TODO(bob: x\n';
    refusedWith(referenceEdit(unclosed, targetOf('a.ts', unclosed), ['GH-412'], OPTIONS), 'unsupported');
    // Owners read from a list of text: the list Paydown would add before it would take them away.
    const mixed = '// TODO(rfindley, low priority): x\n';
    refusedWith(referenceEdit(mixed, targetOf('a.ts', mixed), ['GH-412'], OPTIONS), 'unverified');
    for (const bad of ['GH 412', 'alice', '412', 'GH-412)', '#label', 'PD-7Q2K']) refusedWith(referenceEdit('// TODO: x\n', targetOf('a.ts', '// TODO: x\n'), [bad], OPTIONS), 'invalid-reference');
  });

  it('finds the annotation by line and tag when the caller has no column (a ledger item)', () => {
    const text = 'a();\n// TODO: x\n';
    const { column: _column, ...target } = targetOf('a.ts', text);
    const result = referenceEdit(text, target, ['GH-412'], OPTIONS);
    assert.equal(result.kind === 'edit' && result.text, 'a();\n// TODO(PD-7Q2K, GH-412): x\n');
    refusedWith(referenceEdit('/* TODO: a */ /* TODO: a */\n', { file: 'a.ts', id: ID, tag: 'TODO', line: 1, title: 'a' }, ['GH-412'], OPTIONS), 'ambiguous');
  });
});

describe('trackers: removing an annotation whose ticket was closed', () => {
  it('C-like: a comment on its own lines goes with its body lines and their line endings', () => {
    assert.equal(removed('a.ts', 'a();\n  // TODO: x\n  //   body\nb();\n'), 'a();\nb();\n');
    assert.equal(removed('a.ts', 'a();\n// TODO: x\n//\n// Other words stay.\nb();\n'), 'a();\n//\n// Other words stay.\nb();\n');
    assert.equal(removed('a.ts', '// Prose stays.\n// TODO: x\nb();\n'), '// Prose stays.\nb();\n');
    assert.equal(removed('a.ts', 'a();\n// TODO: last line, no line break'), 'a();');
  });

  it('after code: the comment and the space before it, the code stays', () => {
    assert.equal(removed('a.py', 'x = 1  # TODO: y\nz = 2\n'), 'x = 1\nz = 2\n');
    assert.equal(removed('a.py', 'x = 1  # TODO: y\n       # more of it\nz = 2\n'), 'x = 1\nz = 2\n');
    assert.equal(removed('a.sh', 'echo "# not a comment"  # FIXME: quote\n'), 'echo "# not a comment"\n');
  });

  it('SQL -- and HTML <!-- --> comments', () => {
    assert.equal(removed('a.sql', 'select 1;\n-- TODO: x\nselect 2;\n'), 'select 1;\nselect 2;\n');
    assert.equal(removed('a.sql', 'select 1; -- TODO: x\n'), 'select 1;\n');
    assert.equal(removed('a.html', '<p>a</p>\n  <!-- TODO: x -->\n<p>b</p>\n'), '<p>a</p>\n<p>b</p>\n');
    assert.equal(removed('a.html', '<p>a</p> <!-- TODO: x -->\n'), '<p>a</p>\n');
  });

  it('block comments: whole when they hold only the annotation, never joining the code around them', () => {
    assert.equal(removed('a.ts', 'a();\n/* TODO: x */\nb();\n'), 'a();\nb();\n');
    assert.equal(removed('a.ts', '/**\n * TODO: fix x\n *   more\n */\nfunction f() {}\n'), 'function f() {}\n');
    assert.equal(removed('a.ts', 'a(/* TODO: x */ b);\n'), 'a(b);\n');
    assert.equal(removed('a.c', 'int/* TODO: x */y;\n'), 'int y;\n');
    assert.equal(removed('a.c', '  /* TODO: x */ int y;\n'), '  int y;\n');
  });

  it('block comments with other text: only the annotation\'s lines go', () => {
    assert.equal(removed('a.ts', '/**\n * Does a thing.\n * TODO: fix x\n *   more body\n */\nfunction f() {}\n'), '/**\n * Does a thing.\n */\nfunction f() {}\n');
    assert.equal(removed('a.ts', '/** TODO: fix x\n *\n * Other text.\n */\nf();\n'), '/**\n *\n * Other text.\n */\nf();\n');
    assert.equal(removed('a.ts', '/**\n * Other text.\n * TODO: fix x */\nf();\n'), '/**\n * Other text. */\nf();\n');
  });

  it('leaves other annotations as they were', () => {
    assert.equal(removed('a.ts', '// TODO: one\nx();\n// FIXME: two\ny();\n// HACK: three\n', 1), '// TODO: one\nx();\ny();\n// HACK: three\n');
  });

  it('refuses a comment that holds a tool directive before the tag, and one that changed since the scan', () => {
    const directive = '// @ts-expect-error FIXME: x\nfoo();\n';
    refusedWith(removalEdit(directive, targetOf('a.ts', directive), OPTIONS), 'unsupported');
    const noqa = 'import os  # noqa: F401  # TODO: drop\n';
    refusedWith(removalEdit(noqa, targetOf('a.py', noqa), OPTIONS), 'unsupported');
    const target = targetOf('a.ts', '// TODO: x\n//   body\n');
    // A body line was added since: the annotation no longer ends where the scan said.
    refusedWith(removalEdit('// TODO: x\n//   body\n//   more\n', target, OPTIONS), 'changed');
  });
});

describe('trackers: editing files on disk', () => {
  let root = '';
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-writeback-'));
  });
  afterEach(() => {
    for (const name of fs.readdirSync(root)) fs.chmodSync(path.join(root, name), 0o644);
    fs.rmSync(root, { recursive: true, force: true });
  });
  const put = (name: string, bytes: Buffer | string, mode = 0o644): void => fs.writeFileSync(path.join(root, name), bytes, { mode });
  const bytesOf = (name: string): Buffer => fs.readFileSync(path.join(root, name));
  const options = { annotations: OPTIONS };

  const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const encodings: [string, (text: string) => Buffer, (bytes: Buffer) => string][] = [
    ['UTF-8 with a BOM', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), (b) => b.subarray(3).toString('utf8')],
    ['UTF-16 LE', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), (b) => b.subarray(2).toString('utf16le')],
    ['UTF-16 BE', utf16be, (b) => Buffer.from(b.subarray(2)).swap16().toString('utf16le')],
    ['Latin-1', (t) => Buffer.from(t, 'latin1'), (b) => b.toString('latin1')],
  ];
  for (const [name, encode, decode] of encodings) {
    it(`keeps ${name}, CRLF line endings and every other byte`, async () => {
      const text = 'const é = 1;\r\n\t// TODO: café débt\r\nlet b = 2;\r\n';
      put('a.ts', encode(text));
      const result = await writeReference(root, targetOf('a.ts', text), ['GH-412'], options);
      assert.equal(result.status, 'edited', JSON.stringify(result));
      const expected = 'const é = 1;\r\n\t// TODO(PD-7Q2K, GH-412): café débt\r\nlet b = 2;\r\n';
      assert.ok(bytesOf('a.ts').equals(encode(expected)), `${name}: only the list was added`);
      assert.equal(scanDocument(decode(bytesOf('a.ts')), { file: 'a.ts' }, OPTIONS).items[0]?.id, ID);
    });
  }

  it('removes from a CRLF file and a UTF-8 BOM file, keeping both', async () => {
    const crlf = 'a();\r\n// TODO: x\r\n//   body\r\nb(); // FIXME: y\r\n';
    put('crlf.ts', crlf);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# TODO: x\nx = 1\n', 'utf8')]);
    put('bom.py', bom);
    const results = await removeAnnotations(root, [targetOf('crlf.ts', crlf, 0), targetOf('crlf.ts', crlf, 1, 'PD-8M3N'), targetOf('bom.py', '# TODO: x\nx = 1\n')], options);
    assert.deepEqual(results.map((r) => [r.file, r.status, r.items.map((i) => i.outcome)]), [
      ['crlf.ts', 'edited', ['removed', 'removed']],
      ['bom.py', 'edited', ['removed']],
    ]);
    assert.equal(bytesOf('crlf.ts').toString('utf8'), 'a();\r\nb();\r\n');
    assert.ok(bytesOf('bom.py').equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 1\n', 'utf8')])));
  });

  it('refuses a removal after which a Latin-1 file would read as UTF-8 (its text would change)', async () => {
    const text = 'a = "Ã©"\n# TODO: é\n';
    put('a.py', Buffer.from(text, 'latin1'));
    const result = await removeAnnotation(root, targetOf('a.py', text), options);
    assert.deepEqual([result.status, result.reason, result.encoding], ['refused', 'unverified', 'latin1']);
    assert.ok(bytesOf('a.py').equals(Buffer.from(text, 'latin1')));
  });

  it('edits several annotations of a file in one write; a refused one does not stop the others', async () => {
    const text = '// TODO: one\nx();\n// TODO(bob: two\ny(); // FIXME: three\n';
    put('a.ts', text);
    const results = await writeReferences(
      root,
      [
        { target: targetOf('a.ts', text, 0, 'PD-AAAA'), refs: ['GH-1'] },
        { target: targetOf('a.ts', text, 1, 'PD-BBBB'), refs: ['GH-2'] },
        { target: targetOf('a.ts', text, 2, 'PD-CCCC'), refs: ['GH-3'] },
      ],
      options,
    );
    assert.equal(results.length, 1);
    assert.equal(results[0]!.status, 'edited');
    assert.deepEqual(results[0]!.items.map((i) => [i.id, i.outcome, i.reason]), [
      ['PD-AAAA', 'edited', undefined],
      ['PD-BBBB', 'refused', 'unsupported'],
      ['PD-CCCC', 'edited', undefined],
    ]);
    assert.equal(bytesOf('a.ts').toString(), '// TODO(PD-AAAA, GH-1): one\nx();\n// TODO(bob: two\ny(); // FIXME(PD-CCCC, GH-3): three\n');
    assert.equal(refusalMessage(results[0]!, 'PD-AAAA'), null);
    assert.match(refusalMessage(results[0]!, 'PD-BBBB') ?? '', /^a\.ts:3: the "\(" after TODO is never closed/);
  });

  it('a dry run says what it would do and writes nothing; a reference already there leaves the file untouched', async () => {
    put('a.ts', '// TODO: x\n');
    const dry = await writeReference(root, targetOf('a.ts', '// TODO: x\n'), ['GH-412'], { ...options, dryRun: true });
    assert.equal(dry.status, 'edited');
    assert.deepEqual(dry.edits, [{ start: 7, end: 7, insert: '(PD-7Q2K, GH-412)' }]);
    assert.equal(bytesOf('a.ts').toString(), '// TODO: x\n');
    put('b.ts', '// TODO(PD-7Q2K, GH-412): x\n');
    const mtime = fs.statSync(path.join(root, 'b.ts')).mtimeMs;
    const present = await writeReference(root, targetOf('b.ts', '// TODO(PD-7Q2K, GH-412): x\n'), ['GH-412'], options);
    assert.deepEqual([present.status, present.items[0]?.outcome], ['unchanged', 'present']);
    assert.equal(fs.statSync(path.join(root, 'b.ts')).mtimeMs, mtime);
  });

  it('keeps the file\'s permissions, and refuses a read-only file, a file that changed and one outside the workspace', async () => {
    put('run.sh', '#!/bin/sh\necho hi # TODO: x\n', 0o755);
    assert.equal((await writeReference(root, targetOf('run.sh', '#!/bin/sh\necho hi # TODO: x\n'), ['GH-9'], options)).status, 'edited');
    assert.equal(fs.statSync(path.join(root, 'run.sh')).mode & 0o777, 0o755);

    put('locked.ts', '// TODO: x\n', 0o444);
    const locked = await writeReference(root, targetOf('locked.ts', '// TODO: x\n'), ['GH-9'], options);
    assert.deepEqual([locked.status, locked.reason], ['refused', 'not-writable']);
    assert.equal(bytesOf('locked.ts').toString(), '// TODO: x\n');

    put('moved.ts', '\n// TODO: x\n');
    const moved = await removeAnnotation(root, targetOf('moved.ts', '// TODO: x\n'), options);
    assert.deepEqual([moved.status, moved.items[0]?.reason], ['refused', 'changed']);
    assert.equal(bytesOf('moved.ts').toString(), '\n// TODO: x\n');

    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-outside-'));
    fs.writeFileSync(path.join(outside, 'x.ts'), '// TODO: x\n');
    fs.symlinkSync(path.join(outside, 'x.ts'), path.join(root, 'link.ts'));
    const link = await writeReference(root, targetOf('link.ts', '// TODO: x\n'), ['GH-9'], options);
    assert.deepEqual([link.status, link.reason], ['refused', 'unreadable']);
    assert.equal(fs.readFileSync(path.join(outside, 'x.ts'), 'utf8'), '// TODO: x\n');
    fs.rmSync(path.join(root, 'link.ts'));
    fs.rmSync(outside, { recursive: true, force: true });
    assert.deepEqual((await writeReference(root, { ...targetOf('a.ts', '// TODO: x\n'), file: '../escape.ts' }, ['GH-9'], options)).reason, 'unreadable');
  });
});
