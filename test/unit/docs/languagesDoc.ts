import { supportedLanguages } from '../../../src/engine/scanner/languages';

/** docs/languages.md, rendered from the language table so the docs cannot drift from the code. */
export function renderLanguagesDoc(): string {
  const rows = supportedLanguages().map((language) => {
    const names = [...language.extensions.map((e) => `\`${e}\``), ...language.fileNames.map((f) => `\`${f}\``)].join(' ');
    return `| ${language.name} | \`${language.id}\` | ${names} |`;
  });
  return [
    '# Languages Paydown reads',
    '',
    'Only text inside comments counts. Each language is a row of data (comment markers, block',
    'comments and whether they nest, string forms, heredocs, …) that drives one lexer;',
    '`<script>` and `<style>` in HTML, Vue and Svelte are read as the language they hold.',
    'A file is matched by its VS Code language id in the editor, else by name, else by extension.',
    '',
    '| Language | VS Code id | Extensions and file names |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'Generated from `src/engine/scanner/languages.ts` (`npm run docs:languages`); a unit test fails when it is stale.',
    '',
  ].join('\n');
}
