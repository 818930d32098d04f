/**
 * The extension's one lifecycle idiom (after GitHub Pull Requests' `src/common/lifecycle.ts`):
 * an object that owns disposables registers each with {@link Disposable.register}, and disposing
 * the owner disposes them, the last registered first, exactly once. Something registered after
 * its owner was disposed is disposed at once, so a late async start never leaks a listener.
 */
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private owned: vscode.Disposable[] = [];
  private disposedFlag = false;

  /** True once {@link dispose} ran. */
  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    const owned = this.owned.reverse();
    this.owned = [];
    const errors: unknown[] = [];
    for (const d of owned) {
      try {
        d.dispose();
      } catch (err) {
        // One failing dispose must not keep the others (listeners, threads) alive.
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed to dispose');
  }

  /** Takes `value` into this object's lifetime; returns it. */
  protected register<T extends vscode.Disposable>(value: T): T {
    if (this.disposedFlag) value.dispose();
    else this.owned.push(value);
    return value;
  }
}
