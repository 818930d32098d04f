import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsLink, starterConfigText } from '../../../src/engine';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe("docs: messages point at Paydown's pages by link", () => {
  it('links a page of docs/ on the home page', () => {
    assert.equal(docsLink('sprints.md'), 'https://github.com/paydown-dev/paydown/blob/main/docs/sprints.md');
    assert.equal(docsLink('trackers.md', 'set-up'), 'https://github.com/paydown-dev/paydown/blob/main/docs/trackers.md#set-up');
    assert.ok(starterConfigText('2026-12-03').startsWith(`// Paydown's configuration (see ${docsLink('sprints.md')})`));
  });

  it('names no docs/*.md path of the repository in a message (someone who installed Paydown has no such file)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
        if (/\bdocs\/[\w-]+\.md\b/.test(code)) offenders.push(`${path.relative(SRC, file)}:${i + 1}: ${code.slice(0, 120)}`);
      });
    }
    assert.deepEqual(offenders, []);
  });
});
