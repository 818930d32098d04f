import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { v8TuningFlags } from '../../../src/cli/v8Tuning';

describe('CLI: V8 flags by V8 version', () => {
  it('names only flags the running V8 knows (an unknown one prints an error on every run)', () => {
    const known = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const flags = v8TuningFlags(process.versions.v8);
    assert.ok(flags.length > 0, `no tuning for V8 ${process.versions.v8}, the V8 of the Node Paydown is built for`);
    for (const flag of flags) assert.match(known, new RegExp(`^\\s+${flag.replace(/=.*/, '')} `, 'm'), `${flag} is not a flag of V8 ${process.versions.v8}`);
  });

  it('tunes the tier-up by the flag of each known V8, and leaves an unknown V8 alone', () => {
    assert.deepEqual(v8TuningFlags('11.3.244.8-node.33'), ['--interrupt-budget=540672', '--heap-growing-percent=20']);
    assert.deepEqual(v8TuningFlags('12.4.254.21-node.57'), ['--invocation-count-for-turbofan=9000', '--heap-growing-percent=20']);
    assert.deepEqual(v8TuningFlags('13.6.233.17-node.53'), ['--invocation-count-for-turbofan=9000', '--heap-growing-percent=20']);
    assert.deepEqual(v8TuningFlags('14.0.1'), []);
    assert.deepEqual(v8TuningFlags('10.2.154'), []);
    assert.deepEqual(v8TuningFlags(''), []);
  });
});
