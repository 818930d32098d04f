/**
 * The one door to the third stage (`dist/extensionUseCases.js`, from useCases.ts): the budget
 * panel and the tracker sync each ask for their part through here, and the bundle is loaded on
 * the first ask. esbuild.mjs leaves this file's `import()` to run time.
 */
import type * as vscode from 'vscode';
import type * as UseCasesModule from './useCases';

type UseCases = typeof UseCasesModule;

/**
 * A function that loads the third stage on first call, builds `create(stage)` once and logs how
 * long it took; after a failure the next call tries again.
 */
export function lazyUseCase<T>(what: string, log: vscode.LogOutputChannel, create: (stage: UseCases) => T): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= (async () => {
      const t0 = performance.now();
      const made = create(await import('./useCases.js'));
      log.info(`${what} code loaded in ${(performance.now() - t0).toFixed(1)} ms`);
      return made;
    })().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}
