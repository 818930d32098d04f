// The extension host loads this module through the `extensionTestsPath` payload and calls `run()`,
// the same contract as @vscode/test-electron's runners. Bundled by run.sh with esbuild (mocha and
// vscode external); the tests are bundled next to it as `*.test.js`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const results: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, err: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: err.stack ?? String(err) }));
  });
  // run.sh passes the file through the server's environment, which the extension host inherits.
  const resultFile = process.env.PAYDOWN_E2E_RESULTS;
  if (resultFile) {
    const passed = results.filter((r) => r.state === 'passed').length;
    fs.writeFileSync(resultFile, JSON.stringify({ passed, failed: results.length - passed, results }, null, 2));
  }
  if (failures > 0) throw new Error(`${failures} extension host test(s) failed`);
}
