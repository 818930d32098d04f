/** Random-text material for the lexer's property tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The texts of the first `count` TypeScript files of this repository's `src/`: real code to cut at random. */
export function ownSource(count: number): string[] {
  return sourceFiles(join(__dirname, '../../../src'))
    .slice(0, count)
    .map((file) => readFileSync(file, 'utf8'));
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Pieces that start and end comments, strings, heredocs and interpolations in some language. */
export const PIECES = [
  '"', "'", '`', '"""', "'''", '/', '//', '/*', '*/', '*', '#', '#!', '#[', ']#', '#=', '=#', '-', '--', '--[[', '--[==[', ']]', ']==]',
  '[[', '[', ']', '<!--', '-->', '<', '>', '</script>', '<script>', '<script lang="ts">', '<style>', '</style>', '<?php', '?>', '<?',
  '${', '#{', '\\(', '$"', '@"', '"@', '@\'', "'@", '$', '{', '}', '(', ')', '{-', '-}', '(*', '*)', '<#', '#>', '\\', '\n', '\r\n', ' ',
  '\t', ';', '%', '~r/', '%w(', 'r#"', '"#', 'R"x(', ')x"', '$$', '$t$', '<<EOF', '<<-EOF', '<<~EOS', '<<<EOT', 'EOF', 'EOS', 'EOT',
  '=begin', '=end', '=pod', '=cut', ': |', '- ', 'TODO: x', 'a', 'x1', 'url(', 'http://', '\u00e9', '\ud83d\ude00', '\ufeff',
  // Openers and closers of the forms added with the second language pass.
  'r#"""""#', '#"""', '"""#', `b'"'`, '""""', 'rem ', 'REM ', '::', 'dnl ', '{#', '#}', '{#-', '-#}', '{{!--', '--}}', '{{!', '}}', '<%#', '%>',
  '<%--', '--%>', '@*', '*@', "''", "''$", "'''", '{|', '|}', '{js|', '|js}', '/+', '+/', '/-', '-/', '#|', '|#', '###', '####', '---\n', '//-',
  '-#', '(*)', '{/*', '*/}', '|||', '$(', 'q{', 'qq|', 's/', 's{', '}{', 'tr/', 'y/', 'qw(', 'm#', '\\begin{comment}', '\\end{comment}',
  '\\begin{verbatim}', '\\end{verbatim}', '\\verb|', '\\verb*|', '{% comment %}', '{% endcomment %}', '#+BEGIN_SRC', '#+END_SRC', '////',
  '----', '\nC ', '\n* ', '!', ';#', '?;', '#\\;', '<<-EOS', 'EOS', '\n  ', '\n    ', ' -- ', "0'", 'R"(', ')"',
];
