import * as assert from 'node:assert/strict';
import { parseNumstatLog } from '../../../src/engine/interest/changeHistory';
import { describeInterest, interestIndex } from '../../../src/engine/interest/interest';

describe('interest: the numstat stream and the ranking', () => {
  it('reads git log --numstat -z: plain files, binary files as 0 lines, renames with both names', () => {
    const rs = '\x1e';
    const text = `${rs}aaa 1780000000\0\n3\t1\tsrc/a.ts\0-\t-\tlogo.png\0${rs}bbb 1770000000\0\n0\t0\t\0src/old.ts\0src/new.ts\0\n`;
    assert.deepEqual(parseNumstatLog(text), [
      { commit: 'aaa', at: 1780000000, files: [['src/a.ts', 4, null], ['logo.png', 0, null]] },
      { commit: 'bbb', at: 1770000000, files: [['src/new.ts', 0, 'src/old.ts']] },
    ]);
    assert.deepEqual(parseNumstatLog(''), []);
    assert.deepEqual(parseNumstatLog(`${rs}not a header\0\n`), [], 'a broken record is skipped, not thrown');
  });

  it('ranks a file against every file of the repository, and says it in words', () => {
    const index = interestIndex({ days: 90, since: '2026-04-01', commits: 12, trackedFiles: 200, files: new Map([['hot.ts', { commits: 41, lines: 900 }], ['warm.ts', { commits: 3, lines: 20 }]]) });
    assert.equal(describeInterest(index.of('hot.ts')), 'file changed 41 times in 90 days — top 1% of the repository');
    assert.equal(index.of('hot.ts').score, 4.97);
    assert.equal(describeInterest(index.of('warm.ts')), 'file changed 3 times in 90 days — top 1% of the repository');
    assert.equal(describeInterest(index.of('never.ts')), 'file not changed in 90 days');
    const everyone = interestIndex({ days: 30, since: '2026-06-01', commits: 1, trackedFiles: 1, files: new Map([['only.ts', { commits: 1, lines: 1 }]]) });
    assert.equal(describeInterest(everyone.of('only.ts')), 'file changed 1 time in 30 days — like most of the repository');
    assert.equal(everyone.of('only.ts').score, 0);
  });
});
