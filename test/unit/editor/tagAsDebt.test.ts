import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { commentSyntax, tagAsDebtEdit, type TagEdit, type TagRefusal } from '../../../src/extension/editor/tagAsDebt';

const ID = 'PD-7Q2K9A';
const TAGS = ['TODO', 'FIXME', 'HACK', 'XXX', 'DEBT'];

function edit(text: string, languageId: string, startLine: number, endLine = startLine): TagEdit | TagRefusal {
  return tagAsDebtEdit({ text, languageId, file: '', startLine, endLine, id: ID, tags: TAGS });
}

/** The document with the edit applied (`title` typed where the insertLine's title goes). */
function apply(text: string, e: TagEdit | TagRefusal, title = 'Replace the retry loop'): string {
  assert.notEqual(e.kind, 'refused', 'an edit');
  const lines = text.split('\n');
  if (e.kind === 'tagComment') {
    const line = lines[e.line]!;
    lines[e.line] = line.slice(0, e.character) + e.text + line.slice(e.character);
  } else if (e.kind === 'insertLine') {
    lines.splice(e.line, 0, e.before + title + e.after);
  }
  return lines.join('\n');
}

function scan(text: string, languageId: string) {
  return scanDocument(text, { file: 'x', languageId }, DEFAULT_ANNOTATION_OPTIONS).items;
}

describe('editor: Tag as debt', () => {
  it("tags a notebook cell's code in the cell's language, not the notebook file's", () => {
    const cell = (languageId: string, text: string, inCell = true) => tagAsDebtEdit({ text, languageId, file: '/work/analysis.ipynb', inCell, startLine: 1, endLine: 1, id: ID, tags: TAGS });
    assert.deepEqual(cell('python', 'df = load()\ndf.dropna(inplace=True)\n'), { kind: 'insertLine', line: 1, before: `# DEBT(${ID}): `, after: '' });
    assert.deepEqual(cell('r', 'x <- 1\n# drop the outliers by hand\n'), { kind: 'tagComment', line: 1, character: 2, text: `DEBT(${ID}): ` });
    assert.deepEqual(cell('markdown', '# Results\nThe numbers below are stale.\n'), { kind: 'insertLine', line: 1, before: `<!-- DEBT(${ID}): `, after: ' -->' });
    assert.deepEqual(cell('python', 'df = load()\ndf.dropna()\n', false), { kind: 'refused', why: 'noComments' }, 'the same text read as the notebook file (JSON) has no place for a comment');
  });

  it('tags R Markdown and Quarto in the language of the chunk the cursor is in, Markdown around the chunks', () => {
    const text = '# Title\n\nSome prose.\n\n```{r}\nx <- 1\n# drop outliers by hand\n```\n\n```{python}\n  y = 2\n```\n';
    const at = (line: number, file = '/w/report.Rmd', endLine = line) => tagAsDebtEdit({ text, languageId: 'rmd', file, startLine: line, endLine, id: ID, tags: TAGS });
    assert.deepEqual(at(5), { kind: 'insertLine', line: 5, before: `# DEBT(${ID}): `, after: '' }, 'code in an {r} chunk');
    assert.deepEqual(at(6), { kind: 'tagComment', line: 6, character: 2, text: `DEBT(${ID}): ` }, 'a comment in the chunk');
    assert.deepEqual(at(2), { kind: 'insertLine', line: 2, before: `<!-- DEBT(${ID}): `, after: ' -->' }, 'the prose');
    assert.deepEqual(at(10, '/w/report.qmd'), { kind: 'insertLine', line: 10, before: `  # DEBT(${ID}): `, after: '' }, 'a {python} chunk in Quarto, indented like its line');
    assert.deepEqual(at(5, '/w/report.Rmd', 11), { kind: 'insertLine', line: 5, before: `# DEBT(${ID}): `, after: '' }, 'a selection past the chunk is tagged in the chunk it starts in');
  });

  it('puts a DEBT comment with the id above a line of code, indented like it, in the file\'s comment syntax', () => {
    const text = 'function pay() {\n    retry(3);\n}\n';
    const e = edit(text, 'typescript', 1);
    assert.deepEqual(e, { kind: 'insertLine', line: 1, before: `    // DEBT(${ID}): `, after: '' });
    const [item] = scan(apply(text, e!), 'typescript');
    assert.equal(item?.tag, 'DEBT');
    assert.equal(item?.id, ID);
    assert.equal(item?.title, 'Replace the retry loop');
    assert.equal(item?.line, 2);
  });

  it("reads the language from the text where an extension is shared: a MATLAB .m file the editor calls Objective-C gets a % comment", () => {
    const matlab = tagAsDebtEdit({ text: '% Load the data\nx = load(\'a.mat\');\n', languageId: 'objective-c', file: '/w/load.m', startLine: 1, endLine: 1, id: ID, tags: TAGS });
    assert.deepEqual(matlab, { kind: 'insertLine', line: 1, before: `% DEBT(${ID}): `, after: '' });
    const objc = tagAsDebtEdit({ text: '#import <Foundation/Foundation.h>\nint x;\n', languageId: 'objective-c', file: '/w/main.m', startLine: 1, endLine: 1, id: ID, tags: TAGS });
    assert.deepEqual(objc, { kind: 'insertLine', line: 1, before: `// DEBT(${ID}): `, after: '' });
  });

  it("follows the workspace's scan.languages, as a scan does: a mapped .txt file gets its language's comment", () => {
    const annotations = { ...DEFAULT_ANNOTATION_OPTIONS, languages: { 'docs/*.txt': 'restructuredtext', 'book/*.md': 'myst' } };
    const rst = tagAsDebtEdit({ text: 'Intro\n\nSome prose.\n', languageId: 'plaintext', file: 'docs/notes.txt', startLine: 2, endLine: 2, id: ID, tags: TAGS, annotations });
    assert.deepEqual(rst, { kind: 'insertLine', line: 2, before: `.. DEBT(${ID}): `, after: '\n' });
    const myst = tagAsDebtEdit({ text: '# Intro\n\nSome prose.\n', languageId: 'markdown', file: 'book/intro.md', startLine: 2, endLine: 2, id: ID, tags: TAGS, annotations });
    assert.deepEqual(myst, { kind: 'insertLine', line: 2, before: `% DEBT(${ID}): `, after: '' });
    assert.deepEqual(tagAsDebtEdit({ text: 'Intro\n\nSome prose.\n', languageId: 'plaintext', file: 'docs/notes.txt', startLine: 2, endLine: 2, id: ID, tags: TAGS }), { kind: 'refused', why: 'noComments' }, 'without the mapping, plain text has no comments');
  });

  it('writes # in Python, a block in CSS and <!-- --> in HTML', () => {
    assert.equal((edit('x = 1\n', 'python', 0) as { before: string }).before, `# DEBT(${ID}): `);
    const css = edit('  a { color: red }\n', 'css', 0);
    assert.deepEqual(css, { kind: 'insertLine', line: 0, before: `  /* DEBT(${ID}): `, after: ' */' });
    const [cssItem] = scan(apply('  a { color: red }\n', css!), 'css');
    assert.equal(cssItem?.title, 'Replace the retry loop');
    const html = edit('<div></div>\n', 'html', 0);
    assert.deepEqual(html, { kind: 'insertLine', line: 0, before: `<!-- DEBT(${ID}): `, after: ' -->' });
  });

  it('on a comment without a tag, puts the tag into the comment', () => {
    const text = 'const a = 1;\n  // cache this lookup\n';
    const e = edit(text, 'typescript', 1);
    assert.deepEqual(e, { kind: 'tagComment', line: 1, character: 5, text: `DEBT(${ID}): ` });
    const [item] = scan(apply(text, e!), 'typescript');
    assert.equal(item?.title, 'cache this lookup');
    assert.equal(item?.id, ID);
  });

  it('adds the missing space after a marker, keeps doc-comment markers whole, and reads trailing comments', () => {
    assert.deepEqual(edit('//cache this\n', 'typescript', 0), { kind: 'tagComment', line: 0, character: 2, text: ` DEBT(${ID}): ` });
    assert.deepEqual(edit('/// cache this\n', 'rust', 0), { kind: 'tagComment', line: 0, character: 4, text: `DEBT(${ID}): ` });
    const trailing = 'call(); # slow\n';
    const e = edit(trailing, 'python', 0);
    assert.equal(e?.kind, 'tagComment');
    assert.equal(scan(apply(trailing, e!), 'python')[0]?.title, 'slow');
  });

  it('tags a line inside a block comment after its leading *', () => {
    const text = '/**\n * O(n^2) merge\n */\n';
    const e = edit(text, 'javascript', 1);
    assert.deepEqual(e, { kind: 'tagComment', line: 1, character: 3, text: `DEBT(${ID}): ` });
    assert.equal(scan(apply(text, e!), 'javascript')[0]?.title, 'O(n^2) merge');
  });

  it('does not tag a comment that already has a tag, and knows a // in a string is not a comment', () => {
    assert.deepEqual(edit('// TODO: later\n', 'typescript', 0), { kind: 'refused', why: 'tagged' });
    // A JSDoc or Doxygen todo tag, and the @TODO form, are tags already.
    assert.deepEqual(edit('/**\n * @todo document the overflow\n */\n', 'javascript', 1), { kind: 'refused', why: 'tagged' });
    assert.deepEqual(edit('/// \\todo handle NaN\n', 'cpp', 0), { kind: 'refused', why: 'tagged' });
    assert.deepEqual(edit('/** @TODO rename */\n', 'javascript', 0), { kind: 'refused', why: 'tagged' });
    const text = 'const url = "http://x";\n';
    assert.equal(edit(text, 'typescript', 0)?.kind, 'insertLine');
  });

  it('does not tag a comment whose tag comes after a sentence or a directive: it is one item already, and tagging it made two', () => {
    assert.deepEqual(edit('// It retries forever. TODO: cap the retries\n', 'typescript', 0), { kind: 'refused', why: 'tagged' });
    assert.deepEqual(edit('int x; // NOLINT: FIXME narrow the type\n', 'cpp', 0), { kind: 'refused', why: 'tagged' });
    assert.deepEqual(edit('x = f()  # type: ignore[x] # TODO: type f\n', 'python', 0), { kind: 'refused', why: 'tagged' });
    // The tag word in prose is no annotation: the comment is tagged.
    const prose = '// the TODO list is sorted. Done\n';
    const e = edit(prose, 'typescript', 0);
    assert.equal(e.kind, 'tagComment');
    assert.deepEqual(scan(apply(prose, e as TagEdit), 'typescript').map((i) => i.tag), ['DEBT']);
  });

  it("does not tag a line whose code holds a placeholder for unfinished code (todo!(), TODO(), ???): it is debt already", () => {
    assert.deepEqual(edit('fn f() {\n    todo!("parse it")\n}\n', 'rust', 1), { kind: 'refused', why: 'placeholder' });
    assert.deepEqual(edit('fun f(): Int = TODO()\n', 'kotlin', 0), { kind: 'refused', why: 'placeholder' });
    assert.deepEqual(edit('def f: Int = ???\n', 'scala', 0), { kind: 'refused', why: 'placeholder' });
    // In a string or a comment it is no placeholder: the line is tagged as any other.
    assert.equal(edit('fn f() {\n    let s = "todo!()";\n}\n', 'rust', 1).kind, 'insertLine');
    assert.equal(edit('fn f() {\n    g(); // todo!() later\n}\n', 'rust', 1).kind, 'tagComment');
  });

  it('uses the first selected line, and the next line\'s indentation on a blank line; refused for unknown languages', () => {
    const text = 'a();\n\n\tb();\n\tc();\n';
    assert.deepEqual(edit(text, 'go', 1, 3), { kind: 'insertLine', line: 1, before: `\t// DEBT(${ID}): `, after: '' });
    assert.deepEqual(edit('hello\n', 'plaintext', 0), { kind: 'refused', why: 'noComments' });
  });

  it('tells the comment syntax of a language', () => {
    assert.deepEqual(commentSyntax('typescript'), { line: '//', block: { open: '/*', close: '*/' } });
    assert.deepEqual(commentSyntax('css'), { line: null, block: { open: '/*', close: '*/' } });
    assert.equal(commentSyntax(undefined, 'deploy.py')?.line, '#');
    assert.equal(commentSyntax('plaintext'), null);
  });
});
