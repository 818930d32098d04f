import './fakeVscode';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Disposable } from '../../../src/extension/lifecycle';

class Owner extends Disposable {
  add<T extends { dispose(): void }>(d: T): T {
    return this.register(d);
  }
}

const root = path.join(__dirname, '../../..');

describe('the extension lifecycle (Disposable with register())', () => {
  it('disposes what it registered once, the last registered first', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.add({ dispose: () => order.push('first') });
    owner.add({ dispose: () => order.push('second') });
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['second', 'first']);
    assert.ok(owner.isDisposed);
  });

  it('disposes at once what is registered after it was disposed (a late async start leaks nothing)', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = false;
    owner.add({ dispose: () => (disposed = true) });
    assert.ok(disposed);
  });

  it('one failing dispose does not keep the others alive', () => {
    const owner = new Owner();
    let other = false;
    owner.add({ dispose: () => (other = true) });
    owner.add({
      dispose: () => {
        throw new Error('boom');
      },
    });
    assert.throws(() => owner.dispose(), /boom/);
    assert.ok(other);
  });

  it('is the only lifecycle idiom in src/extension', () => {
    const dir = path.join(root, 'src/extension');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    for (const file of files.filter((f) => f !== 'lifecycle.ts')) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const where = `src/extension/${file}`;
      assert.doesNotMatch(source, /vscode\.Disposable\.from\(/, `${where}: Disposable.from`);
      assert.doesNotMatch(source, /Disposable\[\]\s*=/, `${where}: an array of disposables`);
      assert.doesNotMatch(source, /implements vscode\.Disposable\b/, `${where}: a class of its own lifecycle`);
      if (file !== 'extension.ts') assert.doesNotMatch(source, /subscriptions\.push/, `${where}: context.subscriptions`);
    }
    // activate() hands one object to VS Code.
    assert.equal([...readFileSync(path.join(dir, 'extension.ts'), 'utf8').matchAll(/subscriptions\.push/g)].length, 1);
  });
});
