import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { scan } from '../../../src/engine/scanner/scan';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { makeTree, removeTree } from './helpers';

/** The items of `text` as `line:column title`, each checked to stand at its placeholder's name. */
function placeholders(text: string, file: string, options: AnnotationOptions = DEFAULT_ANNOTATION_OPTIONS): string[] {
  const lines = text.split(/\r?\n/);
  return scanDocument(text, { file }, options)
    .items.filter((item) => item.directive === 'todo')
    .map((item) => {
      const at = lines[item.line - 1]!.slice(item.column - 1);
      assert.match(at, /^(?:todo|TODO|\?\?\?)/, `${file}:${item.line}:${item.column} is at a placeholder`);
      assert.equal(item.tag, 'TODO');
      return `${item.line}:${item.column} ${item.title}`;
    });
}

const RUST = [
  'fn parse(args: &[String]) -> Flags {',
  '    todo!("parse the flags")',
  '}',
  'fn run() -> u8 { std::todo!() }',
  'fn raw() { todo!(r#"the "quoted" part"#) }',
  'fn formatted(x: u8) { core::todo!("support {} and {x}", x) }',
  'fn bracketed() { todo![] }',
  'fn escaped() { todo!("say \\"hi\\"\\tthen go") }',
  '// todo!("a comment is not code")',
  '/// ```',
  '/// todo!("a doc example is not code")',
  '/// ```',
  'fn decoys() {',
  '    my_todo!("another macro");',
  '    let s = "todo!(\\"a string\\")";',
  '    unimplemented!("by design, not for later");',
  '}',
  'macro_rules! todo_later { () => {} }',
  '',
].join('\n');

describe('scan: placeholders for unfinished code', () => {
  it("reads Rust's todo! in code, with its message as the title, in every bracket and string form", () => {
    assert.deepEqual(placeholders(RUST, 'src/flags.rs'), [
      '2:5 parse the flags',
      '4:23 ',
      '5:12 the "quoted" part',
      '6:29 support {} and {x}',
      '7:18 ',
      '8:16 say "hi" then go',
    ]);
  });

  it('marks them as todos the code shows, next to the comments in document order', () => {
    const text = 'fn f() {\n    // TODO: decide the default\n    todo!("pick one")\n}\n';
    const items = scanDocument(text, { file: 'a.rs' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual(items.map((i) => [i.line, i.title, i.directive ?? null, i.language]), [
      [2, 'decide the default', null, 'rust'],
      [3, 'pick one', 'todo', 'rust'],
    ]);
    assert.deepEqual(items[1]!.end, { line: 3, column: 20 });
  });

  it("reads a message's metadata as a comment's: owners, effort, labels", () => {
    const [item] = scanDocument('fn f() { todo!("@alice effort:2h #parser handle the empty case") }\n', { file: 'a.rs' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.equal(item!.title, 'handle the empty case');
    assert.deepEqual(item!.owners, ['alice']);
    assert.deepEqual(item!.labels, ['parser']);
    assert.equal(item!.effort, 0.5);
  });

  it("reads Kotlin's TODO() and not a method, a definition or a string of that name", () => {
    const kotlin = [
      'class Cache : Store {',
      '    override fun get(key: String): Value = TODO("Not yet implemented")',
      '    override fun put(key: String) { TODO() }',
      '    fun evict() = kotlin.TODO("""raw "text" here""")',
      '    fun TODO(reason: String): Nothing = error(reason)',
      '    fun decoys() { board.TODO("a method"); println("TODO(\\"x\\")"); TODO_LIST(); }',
      '    // TODO: a comment stays a comment',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(placeholders(kotlin, 'Cache.kt'), ['2:44 Not yet implemented', '3:37 ', '4:26 raw "text" here']);
    const comment = scanDocument(kotlin, { file: 'Cache.kt' }, DEFAULT_ANNOTATION_OPTIONS).items.find((i) => i.directive === undefined);
    assert.equal(comment?.title, 'a comment stays a comment');
  });

  it("reads Scala's ??? as an expression, not inside an operator, a string or a comment", () => {
    const scala = ['def area(s: Shape): Double = ???', 'def perimeter(s: Shape) = wrap(???)', 'val op = a ???= b', 'val s = "???"', '// ??? later', 'def last = ???'].join('\n');
    assert.deepEqual(placeholders(scala, 'Shape.scala'), ['1:30 ', '2:32 ', '6:12 ']);
  });

  it("reads Elm's Debug.todo and Gleam's todo keyword, with and without a message", () => {
    const elm = ['view model =', '    Debug.todo "draw the board"', '', 'update = Debug.todo', '-- Debug.todo "a comment"', 'x = MyDebug.todo "another module"', ''].join('\n');
    assert.deepEqual(placeholders(elm, 'Main.elm'), ['2:11 draw the board', '4:16 ']);
    const gleam = ['pub fn main() {', '  todo as "wire the router"', '}', 'pub fn later() { todo }', 'fn decoys() { let todos = 1 "todo" }', '// todo as "a comment"', ''].join('\n');
    assert.deepEqual(placeholders(gleam, 'app.gleam'), ['2:3 wire the router', '4:18 ']);
  });

  it('reads none with scan.placeholders false, or without a TODO tag; in any case when tags match in any', () => {
    const text = 'fn f() { todo!("later") }\n';
    assert.deepEqual(placeholders(text, 'a.rs', { ...DEFAULT_ANNOTATION_OPTIONS, placeholders: false }), []);
    assert.deepEqual(placeholders(text, 'a.rs', { ...DEFAULT_ANNOTATION_OPTIONS, tags: [{ name: 'FIXME' }] }), []);
    assert.deepEqual(placeholders(text, 'a.rs', { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }), ['1:10 later']);
    assert.deepEqual(placeholders('val x = ???\n', 'a.scala', { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }), ['1:9 ']);
  });

  it('finds them in a folder scan, where no tag text is in the file, and by scan.languages', async () => {
    const root = makeTree({
      'src/lib.rs': 'pub fn f() -> u8 {\n    todo!("compute it")\n}\n',
      'src/Shape.scala': 'object Shape { def area = ??? }\n',
      'src/Main.elm': 'main = Debug.todo "draw"\n',
      'src/app.gleam': 'pub fn main() { todo }\n',
      'src/notes.txt': 'todo!("not Rust") ???\n',
      'gen/lib.rs.in': 'fn g() { todo!("generated") }\n',
    });
    try {
      const result = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.rs.in': 'rust' } } });
      assert.deepEqual(result.items.map((i) => `${i.file}:${i.line}:${i.column} ${i.title}`).sort(), [
        'gen/lib.rs.in:1:10 generated',
        'src/Main.elm:1:14 draw',
        'src/Shape.scala:1:27 ',
        'src/app.gleam:1:17 ',
        'src/lib.rs:2:5 compute it',
      ]);
      const off = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, placeholders: false } });
      assert.deepEqual(off.items, []);
    } finally {
      removeTree(root);
    }
  });

  it('refuses to write a reference into one or to remove it, and writes nothing', async () => {
    const text = 'fn f() {\n    // TODO: a comment\n    todo!("later")\n}\n';
    const root = makeTree({ 'a.rs': text });
    try {
      const item = scanDocument(text, { file: 'a.rs' }, DEFAULT_ANNOTATION_OPTIONS).items[1]!;
      const target = { file: 'a.rs', id: 'PD-7Q2K', tag: item.tag, line: item.line, column: item.column, title: item.title, end: item.end };
      const written = await writeReference(root, target, ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.equal(written.status, 'refused');
      const removed = await removeAnnotation(root, target, { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.equal(removed.status, 'refused');
      assert.match(JSON.stringify(removed), /not inside a comment/);
      assert.equal(fs.readFileSync(path.join(root, 'a.rs'), 'utf8'), text);
    } finally {
      removeTree(root);
    }
  });

  it('takes linear time on many placeholders and on a message that never closes', () => {
    const many = 'fn f() {\n' + '    todo!("x"); todo!(); let a = "todo!(";\n'.repeat(20_000) + '}\n';
    const started = process.hrtime.bigint();
    assert.equal(scanDocument(many, { file: 'a.rs' }, DEFAULT_ANNOTATION_OPTIONS).items.length, 40_000);
    const unclosed = 'fn f() {\n    todo!("never closed\n' + '    todo!(x);\n'.repeat(20_000);
    assert.equal(scanDocument(unclosed, { file: 'a.rs' }, DEFAULT_ANNOTATION_OPTIONS).items.length, 1);
    const kotlin = 'fun f() {\n' + '    TODO("x" + TODO("y"))\n'.repeat(20_000) + '}\n';
    assert.equal(scanDocument(kotlin, { file: 'a.kt' }, DEFAULT_ANNOTATION_OPTIONS).items.length, 40_000);
    // Generous: a quadratic reading of these takes minutes.
    assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 20);
  });
});

describe('scan: placeholders, at random', () => {
  const PIECES: Record<string, string[]> = {
    'a.rs': ['todo!(', 'todo!("m")', 'todo!', '"', 'r#"', '"#', '(', ')', '//', '/*', '*/', '\\', 'x', ' ', '\n', 'std::', 'my_', '{', '}'],
    'a.kt': ['TODO(', 'TODO("m")', 'TODO', '"', '"""', '(', ')', '//', '/*', '*/', '\\', '$', 'fun ', '.', 'x', ' ', '\n'],
    'a.scala': ['???', '?', '=', '"', '"""', '//', '/*', '*/', '(', ')', 'x', ' ', '\n'],
    'a.gleam': ['todo', ' as ', '"m"', '"', '//', 'x', ' ', '\n', '.', '@'],
  };
  for (const [file, pieces] of Object.entries(PIECES)) {
    it(`never throws and puts every item at its placeholder (${file}, random files)`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
          const text = parts.join('');
          placeholders(text, file);
        }),
        { numRuns: 400 },
      );
    });
  }
});
