import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceSession } from '../../../src/engine';
import { runCheck } from '../../../src/engine/check';
import { defaultConfig } from '../../../src/engine/config/config';
import { DEFAULT_ANNOTATION_OPTIONS, type DocumentScan } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { scan } from '../../../src/engine/scanner/scan';
import { makeTree, removeTree } from './helpers';

// Paydown's readers have no known input that makes them throw, so these tests inject one: a
// String method that throws on a magic value only the test's file holds (see the fixture).
const { MAGIC, injectFault } = require('../../fixtures/faults/injectFault.cjs') as { MAGIC: string; injectFault(method: string): () => void };

/** Runs `body` while the lexer (`slice`, a heredoc's word) or the grammar (`toLowerCase`, an impact value) fails on {@link MAGIC}. */
async function withFault<T>(method: 'slice' | 'toLowerCase', body: () => T | Promise<T>): Promise<T> {
  const undo = injectFault(method);
  try {
    return await body();
  } finally {
    undo();
  }
}

/** A shell script whose third line makes the lexer fail (the heredoc's word). */
const LEXER_FAILS = `# TODO: before the failure\necho start\ncat <<${MAGIC}\nbody\n${MAGIC}\n# TODO: after the failure\n`;
/** A TypeScript file whose third line makes the grammar fail (the impact value). */
const GRAMMAR_FAILS = `// TODO: before the failure\nconst x = 1;\n// FIXME: the failing one impact:${MAGIC}\n// TODO: after the failure\n`;

function internalErrors(doc: Pick<DocumentScan, 'problems'>): Array<[string, number, number, string]> {
  return doc.problems.filter((p) => p.code === 'internal-error').map((p) => [p.file, p.range.start.line, p.range.start.column, p.severity]);
}

describe('a reader bug becomes an internal-error problem, not a silently shorter file', () => {
  it('the lexer fails: the comments before it are read, the problem says where reading stopped', async () => {
    const doc = await withFault('slice', () => scanDocument(LEXER_FAILS, { file: 'run.sh' }, DEFAULT_ANNOTATION_OPTIONS));
    assert.deepEqual(doc.items.map((i) => i.title), ['before the failure']);
    assert.deepEqual(internalErrors(doc), [['run.sh', 3, 5, 'error']]);
    assert.match(doc.problems[0]!.message, /comment reader .* failed at line 3, column 5 .*not read/);
  });

  it('the grammar fails: the items before it are kept, the problem is on the comment it was reading', async () => {
    const doc = await withFault('toLowerCase', () => scanDocument(GRAMMAR_FAILS, { file: 'app.ts' }, DEFAULT_ANNOTATION_OPTIONS));
    assert.deepEqual(doc.items.map((i) => i.title), ['before the failure']);
    assert.deepEqual(internalErrors(doc), [['app.ts', 3, 1, 'error']]);
    assert.match(doc.problems[0]!.message, /annotation reader .* failed at line 3, column 1 .*not read/);
  });

  it('without the fault the same files read in full, with no problem', () => {
    assert.deepEqual(scanDocument(LEXER_FAILS, { file: 'run.sh' }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => i.title), ['before the failure', 'after the failure']);
    const doc = scanDocument(GRAMMAR_FAILS.replace(MAGIC, 'high'), { file: 'app.ts' }, DEFAULT_ANNOTATION_OPTIONS);
    assert.deepEqual([doc.items.length, doc.problems.length], [3, 0]);
  });

  it('a workspace scan lists the problem and keeps the items of that file and of the others', async () => {
    const root = makeTree({ 'app.ts': GRAMMAR_FAILS, 'run.sh': LEXER_FAILS.replace(MAGIC, 'EOF').replace(MAGIC, 'EOF'), 'other.py': '# HACK: elsewhere\n' });
    try {
      const result = await withFault('toLowerCase', () => scan({ root, annotations: DEFAULT_ANNOTATION_OPTIONS, workers: 0 }));
      assert.deepEqual(
        result.items.map((i) => `${i.file}:${i.title}`),
        ['app.ts:before the failure', 'other.py:elsewhere', 'run.sh:before the failure', 'run.sh:after the failure'],
      );
      assert.deepEqual(internalErrors(result), [['app.ts', 3, 1, 'error']]);
      assert.equal(result.stats.problems, 1);
    } finally {
      removeTree(root);
    }
  });

  it("the editor's session shows it among the file's problems (the Problems view)", async () => {
    const root = makeTree({ 'app.ts': '// TODO: fine\n' });
    try {
      const session = await WorkspaceSession.open({ root, git: null });
      await session.refresh();
      await withFault('toLowerCase', () => session.updateDocument(path.join(root, 'app.ts'), GRAMMAR_FAILS, 'typescript'));
      assert.deepEqual(session.items().map((i) => i.debt.title), ['before the failure']);
      assert.deepEqual(internalErrors({ problems: session.problems('app.ts') }), [['app.ts', 3, 1, 'error']]);
    } finally {
      removeTree(root);
    }
  });

  it('`check` fails on it as malformed, with where reading stopped', async () => {
    const doc = await withFault('toLowerCase', () => scanDocument(GRAMMAR_FAILS, { file: 'app.ts' }, DEFAULT_ANNOTATION_OPTIONS));
    const result = runCheck({ scanned: doc.items, problems: doc.problems, ledger: [], config: defaultConfig(), today: '2026-11-26', added: new Map() });
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.file, f.line, f.column, f.code]),
      [['malformed', 'app.ts', 3, 1, 'internal-error']],
    );
  });
});
