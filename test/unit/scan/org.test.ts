import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { orgCells } from '../../../src/engine/scanner/org';
import { scan } from '../../../src/engine/scanner/scan';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { tagAsDebtEdit } from '../../../src/extension/editor/tagAsDebt';
import { assertCellsFollowTheFile, itemsAtTheirTags, makeTree, removeTree } from './helpers';

const PLAN = [
  '#+TITLE: Plan',
  '',
  '* TODO Set up the repository',
  '** TODO [#A] Write the parser   :parser:urgent:',
  '   DEADLINE: <2026-12-10 Thu> SCHEDULED: <2026-12-01 Tue>',
  '   :PROPERTIES:',
  '   :Effort:   1:30',
  '   :END:',
  '   Some notes. TODO: prose under a headline, not a comment',
  '** DONE Pick a name',
  '** Notes about TODO items',
  '# FIXME(ann): an Org comment',
  '#+BEGIN_SRC python',
  'x = 1  # TODO: code in a block is text',
  '#+END_SRC',
  '#+begin_comment',
  'TODO: a comment block counts',
  '#+end_comment',
  '*bold* TODO is no headline',
  '**** TODO Deeply nested :a:',
  '  CLOSED: [2026-01-01 Thu]',
  '',
].join('\n');

function found(text: string, file = 'plan.org', options: AnnotationOptions = DEFAULT_ANNOTATION_OPTIONS): string[] {
  return itemsAtTheirTags(text, file, options);
}

describe('scan: Org mode todo headlines', () => {
  it('reads a todo headline as an item of its keyword (title without the priority, tags as labels, the deadline as due), and comments; prose, DONE and blocks are not', () => {
    assert.deepEqual(found(PLAN), [
      '3:3 org TODO Set up the repository',
      '4:4 org TODO Write the parser',
      '12:3 org FIXME an Org comment',
      '17:1 org TODO a comment block counts',
      '20:6 org TODO Deeply nested',
    ]);
    const items = scanDocument(PLAN, { file: 'plan.org' }, DEFAULT_ANNOTATION_OPTIONS).items;
    const parser = items[1]!;
    assert.deepEqual([parser.labels, parser.due, parser.effortSpec, parser.body, parser.problems], [['parser', 'urgent'], '2026-12-10', { value: 1.5, unit: 'h' }, '', []]);
    assert.deepEqual(items.map((i) => i.directive ?? 'comment'), ['todo', 'todo', 'comment', 'comment', 'todo']);
    assert.deepEqual(items[4]!.labels, ['a']);
    // Tags become labels where there is room for them: aligned tags have it.
    const labels = (headline: string) => scanDocument(headline, { file: 'a.org' }, DEFAULT_ANNOTATION_OPTIONS).items[0]?.labels;
    assert.deepEqual(labels('* TODO x :a:b:c:\n'), ['a', 'b']);
    assert.deepEqual(labels('* TODO x                 :a:b:c:\n'), ['a', 'b', 'c']);
    // The drawer's effort, with or without a planning line, on a line long enough for it (to a tenth of an hour where it is short).
    const effort = (lines: string[]) => scanDocument(['** TODO x', ...lines, ''].join('\n'), { file: 'a.org' }, DEFAULT_ANNOTATION_OPTIONS).items[0]?.effortSpec;
    assert.deepEqual(effort(['   SCHEDULED: <2026-12-10 Thu>', '   :PROPERTIES:', '   :ID: 42', '   :EFFORT:   2h', '   :END:']), { value: 2, unit: 'h' });
    assert.deepEqual(effort([':PROPERTIES:', ':Effort: 1d', ':END:']), { value: 1, unit: 'd' });
    assert.deepEqual(effort([':PROPERTIES:', ':Effort: 0:45', ':END:']), { value: 0.8, unit: 'h' });
    assert.deepEqual(effort(['  :PROPERTIES:', '  :Effort: 0:45', '  :END:']), { value: 0.75, unit: 'h' });
    assert.equal(effort([':PROPERTIES:', ':Effort: soon', ':END:']), null);
    assert.equal(effort(['', ':PROPERTIES:', ':Effort: 1:00', ':END:']), null, 'a drawer must follow its headline');
  });

  it("takes the keywords a #+TODO: line declares instead of Org's TODO, and only those that are tags", () => {
    const text = ['#+TODO: FIXME WAIT(w@/!) | DONE', '#+SEQ_TODO: HACK DONE', '* FIXME Broken build', '* TODO not a keyword in this file', '* WAIT for review', '* HACK around the cache', ''].join('\n');
    assert.deepEqual(found(text), ['3:3 org FIXME Broken build', '6:3 org HACK around the cache']);
    // Keywords match as Org matches them: in their case.
    assert.deepEqual(found('* todo lower case is a title\n* TODO upper\n'), ['2:3 org TODO upper']);
    assert.deepEqual(found('* TODO upper\n', 'a.org', { ...DEFAULT_ANNOTATION_OPTIONS, tags: [{ name: 'FIXME' }] }), []);
  });

  it('leaves out a subtree archived in place, as the agenda does, and reads on after it', () => {
    const text = ['* Done work   :ARCHIVE:', '** TODO archived with its parent', '*** TODO and deeper', '* TODO Kept', '** TODO Old  :old:ARCHIVE:', '** TODO Kept too', ''].join('\n');
    assert.deepEqual(found(text), ['4:3 org TODO Kept', '6:4 org TODO Kept too']);
  });

  it('is listed among the languages, with how its headlines are read', () => {
    const row = supportedLanguages().find((l) => l.id === 'org');
    assert.deepEqual(row?.extensions, ['.org']);
    assert.match(row?.cells ?? '', /DEADLINE/);
  });

  it('reads a file of thousands of todo headlines in linear time', () => {
    const many = '** TODO [#B] one more :x:\n   DEADLINE: <2027-01-02>\n'.repeat(20_000);
    const items = scanDocument(many, { file: 'a.org' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.equal(items.length, 20_000);
    assert.equal(items[19_999]!.due, '2027-01-02');
  });

  it('is found by a scan of a folder, in literate Agda too', async () => {
    const root = makeTree({
      'todo.org': '* TODO Set up the Go service\n',
      'notes.org': '* Done things\n',
      'Proofs.lagda.org': '* TODO Prove the lemma\n#+begin_src agda2\npostulate lemma : Set -- FIXME: prove it\n#+end_src\n',
    });
    try {
      const result = await scan({ root, annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.deepEqual(result.items.map((i) => `${i.file}:${i.line} ${i.tag} ${i.title} ${i.directive ?? ''}`.trim()), [
        'Proofs.lagda.org:1 TODO Prove the lemma todo',
        'Proofs.lagda.org:3 FIXME prove it',
        'todo.org:1 TODO Set up the Go service todo',
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('tags a line with a # comment line; a todo headline is tagged already', () => {
    const edit = (line: number) => tagAsDebtEdit({ text: PLAN, languageId: 'org', file: '/w/plan.org', startLine: line, endLine: line, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(edit(10), { kind: 'insertLine', line: 10, before: '# DEBT(PD-AAAAAA): ', after: '' }, 'a headline without a keyword');
    assert.deepEqual(edit(2), { kind: 'refused', why: 'tagged' }, 'a todo headline');
  });

  describe('edits', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference into a # comment; a todo headline is refused, not broken, when written into or removed', async () => {
      root = makeTree({ 'plan.org': PLAN });
      const items = scanDocument(PLAN, { file: 'plan.org' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = (i: number) => ({ file: 'plan.org', id: 'PD-7Q2K', tag: items[i]!.tag, line: items[i]!.line, column: items[i]!.column, title: items[i]!.title, end: items[i]!.end });
      assert.equal((await writeReference(root, target(2), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const written = fs.readFileSync(path.join(root, 'plan.org'), 'utf8');
      assert.equal(written, PLAN.replace('# FIXME(ann): an Org', '# FIXME(ann, PD-7Q2K, GH-9): an Org'));
      for (const i of [0, 1]) {
        assert.notEqual((await writeReference(root, target(i), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
        assert.notEqual((await removeAnnotation(root, target(i), { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      }
      assert.equal(fs.readFileSync(path.join(root, 'plan.org'), 'utf8'), written, 'nothing written');
    });
  });
});

describe('scan: Org cells, at random', () => {
  const LINES = ['* TODO a', '** TODO [#A] b :x:y:', '*** DONE c', '   DEADLINE: <2026-01-02 Fri>', 'SCHEDULED: <2026-01-02>', ':PROPERTIES:', '  :Effort: 0:45', ':END:', '#+TODO: FIXME | DONE', '* FIXME d', '# TODO: e', '#+BEGIN_SRC sh', '#+END_SRC', '#+begin_comment', '#+end_comment', 'prose', '', '*bold*', '*', '* x :ARCHIVE:', '*** TODO deep'];
  it("cells are as long as the file's stretches, with its line breaks, in order, without overlap (random files)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        assertCellsFollowTheFile(text, orgCells(text));
        // Whatever the file, every item found is at its tag in the file.
        found(text);
      }),
      { numRuns: 400 },
    );
  });
});
