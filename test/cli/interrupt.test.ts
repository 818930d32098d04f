import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { buildOnce, cliPath, startPaydown, workspace } from './runCli';

/** A tree whose text report is megabytes long: 40 files of 500 annotations. */
function largeTree(): string {
  const files: Record<string, string> = {};
  for (let f = 0; f < 40; f++) {
    files[`src/f${f}.ts`] = Array.from({ length: 500 }, (_, i) => `// TODO: item ${f}-${i} @owner effort:1\n`).join('');
  }
  return workspace(files);
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `paydown args` and sends `signal` as soon as the first output arrives: by then the report is
 * built and being written, so the signal lands in the middle of main-thread work.
 */
function interruptOnFirstOutput(args: string[], cwd: string, signal: NodeJS.Signals): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = startPaydown(args, { cwd });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sent) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, killedBy) => resolve({ code, signal: killedBy, stdout, stderr }));
  });
}

describe('paydown interrupted (CLI)', function () {
  this.timeout(120_000);
  before(buildOnce);
  let root: string;
  before(() => {
    root = largeTree();
  });

  it('Ctrl-C in the middle of a report stops it at once: exit 130, the rest unwritten', async () => {
    const run = await interruptOnFirstOutput(['scan', '--no-cache'], root, 'SIGINT');
    assert.equal(run.code, 130, run.stderr);
    assert.equal(run.stderr, 'paydown: interrupted\n');
    assert.doesNotMatch(run.stdout, /debt items in/, 'the summary at the end was never written');
  });

  it('SIGTERM does the same with exit 143, for any command (here a JSON report)', async () => {
    const run = await interruptOnFirstOutput(['scan', '--no-cache', '--format', 'json'], root, 'SIGTERM');
    assert.equal(run.code, 143, run.stderr);
    assert.equal(run.stderr, 'paydown: interrupted\n');
    assert.doesNotMatch(run.stdout, /"stats"/);
  });

  it('a reader that stops early (| head) ends the output quietly with the command’s own exit code', () => {
    // As ripgrep: exit 0, nothing on stderr, even under pipefail.
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cliPath}" scan --no-cache | head -n 2`], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.split('\n').length, 3);
  });
});
