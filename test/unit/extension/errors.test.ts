import { fake } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { PaydownError } from '../../../src/engine/errors';
import { guarded } from '../../../src/extension/commands/items';
import { showError } from '../../../src/extension/errors';

function log(): vscode.LogOutputChannel {
  return (fake.module().window as { createOutputChannel(): vscode.LogOutputChannel }).createOutputChannel();
}

describe('errors the extension shows', () => {
  beforeEach(() => fake.reset());

  it("a PaydownError's hint is in the message, worded as the CLI prints it; the log has every line", () => {
    const err = new PaydownError('ledger-locked', 'the ledger is locked by another paydown (pid 42)', 'wait for it to finish, or remove .paydown/ledger.lock if it crashed', {
      details: ['the ledger is locked', 'held since 10:02'],
    });
    showError(log(), 'Recording debt in the ledger', err);
    assert.deepEqual(fake.errors, [
      'Paydown: Recording debt in the ledger failed: the ledger is locked by another paydown (pid 42) — hint: wait for it to finish, or remove .paydown/ledger.lock if it crashed',
    ]);
    assert.deepEqual(fake.logLines, [
      'error Recording debt in the ledger failed: the ledger is locked by another paydown (pid 42)\n  held since 10:02\nhint: wait for it to finish, or remove .paydown/ledger.lock if it crashed',
    ]);
  });

  it('a command that fails with a PaydownError shows its hint', async () => {
    const run = guarded(log(), 'Assigning to a sprint', async () => {
      throw new PaydownError('usage', 'no sprint named "S99"', 'known sprints: S1, S2');
    });
    assert.equal(await run(), undefined);
    assert.deepEqual(fake.errors, ['Paydown: Assigning to a sprint failed: no sprint named "S99" — hint: known sprints: S1, S2']);
  });

  it('any other error shows its message alone', () => {
    showError(log(), 'Opening the item', new Error('ENOENT: no such file'));
    assert.deepEqual(fake.errors, ['Paydown: Opening the item failed: ENOENT: no such file']);
  });
});
