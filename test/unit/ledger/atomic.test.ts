import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { commitPlan, type CommitStep } from '../../../src/engine/ledger/atomic';
import { tempWorkspace } from './helpers';

const FILES = 70;

describe('ledger commits of many files', () => {
  it('write every file with its content, in order of the steps, and leave no temp or journal', () => {
    const base = tempWorkspace();
    const dir = path.join(base, 'ledger');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'old.json'), 'old\n');
    const writes = Array.from({ length: FILES }, (_, i) => ({ file: path.join(dir, `PD-${String(i).padStart(6, '0')}.json`), data: `{"n":${i}}\n` }));
    const steps: CommitStep[] = [];
    commitPlan({ writes, removes: [path.join(dir, 'old.json')] }, path.join(dir, '.journal'), base, (step) => {
      if (steps.at(-1) !== step) steps.push(step);
      // Every temp is on disk and flushed before the journal names it.
      if (step === 'temps-written') assert.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')).length, FILES);
    });
    assert.deepEqual(steps, ['temps-written', 'journal-written', 'renamed', 'committed']);
    assert.deepEqual(readdirSync(dir).sort(), writes.map((w) => path.basename(w.file)).sort());
    for (const w of writes) assert.equal(readFileSync(w.file, 'utf8'), w.data);
  });

  it('a temp that cannot be written after others were: the error is thrown, no temp stays and nothing was replaced', () => {
    const base = tempWorkspace();
    const dir = path.join(base, 'ledger');
    mkdirSync(dir);
    const kept = path.join(dir, 'PD-000000.json');
    writeFileSync(kept, 'before\n');
    const writes = Array.from({ length: FILES }, (_, i) => ({ file: path.join(dir, `PD-${String(i).padStart(6, '0')}.json`), data: `{"n":${i}}\n` }));
    // A folder that does not exist: its temp fails with ENOENT after 50 temps were written.
    writes.splice(50, 0, { file: path.join(base, 'gone', 'PD-GONE00.json'), data: '{}\n' });
    const journal = path.join(dir, '.journal');
    assert.throws(() => commitPlan({ writes, removes: [] }, journal, base), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    assert.deepEqual(readdirSync(dir), ['PD-000000.json'], 'no temp left behind, no new file');
    assert.equal(readFileSync(kept, 'utf8'), 'before\n');
    assert.equal(existsSync(journal), false);
  });
});
