/**
 * Mocha root hooks (each suite's `.mocharc.json` requires this file): every folder a test makes
 * with `fs.mkdtempSync` or `fs.promises.mkdtemp` in the system's temp folder is removed once the
 * whole run is over. The suites make thousands of them; a developer's temp folder should not keep
 * them. `PAYDOWN_KEEP_TEMP=1` keeps them, for a look after a failure.
 *
 * Only folders made in this process are known: a spawned CLI's own temp folders are its business.
 */
import * as os from 'node:os';
import * as path from 'node:path';
// The module object itself (an `import * as` namespace is a read-only view of it).
import fs = require('node:fs');

const made: string[] = [];
const roots = [...new Set([path.resolve(os.tmpdir()), fs.realpathSync(os.tmpdir())])];

function remember<T>(dir: T): T {
  if (typeof dir === 'string') {
    const abs = path.resolve(dir);
    if (roots.some((root) => abs.startsWith(root + path.sep))) made.push(abs);
  }
  return dir;
}

const mkdtempSync = fs.mkdtempSync;
fs.mkdtempSync = ((prefix: string, options?: fs.EncodingOption) => remember(mkdtempSync(prefix, options))) as typeof fs.mkdtempSync;
const mkdtemp = fs.promises.mkdtemp;
fs.promises.mkdtemp = (async (prefix: string, options?: fs.EncodingOption) => remember(await mkdtemp(prefix, options))) as typeof fs.promises.mkdtemp;

export const mochaHooks = {
  afterAll(): void {
    if (process.env.PAYDOWN_KEEP_TEMP) return;
    for (const dir of made.splice(0)) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // A folder still in use elsewhere stays: leaving one is no failure of the run.
      }
    }
  },
};
