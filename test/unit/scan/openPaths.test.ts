import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../../src/engine/scanner/scan';
import { nodeIo, openRootOf, type WalkIo } from '../../../src/engine/scanner/walk';
import { backdate, makeTree, options, removeTree, summary } from './helpers';

/** The walk's file-system calls, with the paths it named. */
function recordingIo(): { io: WalkIo; paths: string[] } {
  const paths: string[] = [];
  const io: WalkIo = {
    ...nodeIo,
    readdirSync: (dir, o) => (paths.push(dir), nodeIo.readdirSync(dir, o)),
    openSync: (file, flags) => (paths.push(file), nodeIo.openSync(file, flags)),
    statSync: (file) => (paths.push(file), nodeIo.statSync(file)),
    readFileSync: (file, encoding) => (paths.push(file), nodeIo.readFileSync(file, encoding)),
  };
  return { io, paths };
}

/** Runs `body` with the process's working directory at `dir`. */
async function inFolder<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await body();
  } finally {
    process.chdir(before);
  }
}

describe('scan: the paths files are opened by', () => {
  let parent = '';
  let root = '';
  beforeEach(() => {
    parent = makeTree({
      'app/.gitignore': 'out/\n',
      'app/src/a.ts': '// TODO: a\n',
      'app/src/deep/b.py': '# FIXME: b\n',
      'app/out/c.ts': '// TODO: ignored\n',
      'app/big.ts': `// TODO: large\n${'let x = 1;\n'.repeat(3_000)}`,
    });
    backdate(parent);
    root = path.join(parent, 'app');
  });
  afterEach(() => removeTree(parent));

  it('takes the root relative to a working directory it lies in, and as it is elsewhere', () => {
    assert.equal(openRootOf('/home/me/app', '/home/me/app'), '');
    assert.equal(openRootOf('/home/me/app', '/home/me'), 'app');
    assert.equal(openRootOf('/home/me/app/sub', '/home/me/'), path.join('app', 'sub'));
    assert.equal(openRootOf('/home/me/app', '/home/me/app/src'), '/home/me/app', 'the root above the working directory');
    assert.equal(openRootOf('/home/me/app', '/home/you'), '/home/me/app');
    assert.equal(openRootOf('/home/me/..app', '/home/me'), '..app', 'a name that starts with two dots');
    assert.equal(openRootOf('/home/me/app', undefined), '/home/me/app', 'no working directory promised');
  });

  for (const [label, from, expected] of [
    ['the root itself', () => root, (p: string) => !path.isAbsolute(p) && !p.startsWith('app')],
    ['its parent', () => parent, (p: string) => p === 'app' || p.startsWith(`app${path.sep}`)],
  ] as const) {
    it(`from ${label}: opens by relative paths and finds what a scan by absolute paths finds`, async () => {
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-open-'));
      try {
        const absolute = await scan(options(root));
        const { io, paths } = recordingIo();
        const relative = await inFolder(from(), () => scan(options(root, { io, workingDirectory: from() })));
        assert.ok(paths.length > 5, 'the walk opened files');
        assert.deepEqual(paths.filter((p) => !expected(p)), [], 'every path relative to the working directory');
        assert.deepEqual(summary(relative), summary(absolute));
        assert.deepEqual(relative.items, absolute.items);
        // On worker threads (which share the working directory), and again from their cache.
        for (let run = 0; run < 2; run++) {
          const threaded = await inFolder(from(), () => scan(options(root, { workers: 2, cacheDir, workingDirectory: from() })));
          assert.deepEqual(threaded.items, absolute.items, `run ${run}`);
          assert.equal(threaded.stats.filesFromCache, run === 0 ? 0 : absolute.stats.filesRead, `run ${run}`);
        }
      } finally {
        removeTree(cacheDir);
      }
    });
  }

  it('opens by absolute paths when the root is not under the working directory', async () => {
    const { io, paths } = recordingIo();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-elsewhere-'));
    try {
      const result = await inFolder(elsewhere, () => scan(options(root, { io, workingDirectory: elsewhere })));
      assert.deepEqual(result.items.map((i) => i.title), ['large', 'a', 'b']);
      assert.ok(paths.length > 5 && paths.every((p) => path.isAbsolute(p)));
    } finally {
      removeTree(elsewhere);
    }
  });
});
