import * as assert from 'node:assert/strict';
import { languageForFile, supportedLanguages } from '../../../src/engine/scanner/languages';
import { LanguageVerdicts } from '../../../src/engine/scanner/walk';

describe('scan: language verdicts per extension', () => {
  it('agrees with languageForFile on every known name, extension and pattern, in any case and order; a name without a dot may be a script', () => {
    const stems = ['a', 'x.y', 'index', 'Makefile', 'test.d', 'v1.2', '.hidden', '', 'a.b.c', 'weird name', 'back\\slash', 'é'];
    const tails = new Set<string>(['', '.', '.unknown', '.min.js', '.d.ts', '.tar.gz', '.TS', '.Ts']);
    const whole = new Set<string>(['README', 'LICENSE', '.gitignore', 'Dockerfile.dev', 'dockerfile', 'CMakeLists.txt', 'x.', '..', '.']);
    for (const language of supportedLanguages()) {
      for (const ext of language.extensions) {
        tails.add(ext);
        tails.add(ext.toUpperCase());
        tails.add(`${ext}.bak`);
        tails.add(`.orig${ext}`);
      }
      for (const entry of language.fileNames) {
        const plain = entry.replace(/\*/g, '');
        for (const n of [entry, plain, plain.toUpperCase(), `${plain}x`, `x${plain}`, `${plain}.txt`, `${plain}.sh`]) whole.add(n);
      }
    }
    const names = [...whole];
    for (const stem of stems) for (const tail of tails) names.push(stem + tail);
    // Ask in two orders, so a verdict remembered from one name is checked against others.
    for (const order of [names, [...names].reverse()]) {
      const verdicts = new LanguageVerdicts();
      for (const name of order) assert.equal(verdicts.known(name), languageForFile(name) !== undefined || !name.includes('.'), name);
    }
    assert.ok(names.length > 1000);
  });
});
