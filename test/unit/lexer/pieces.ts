/** Random-text material for the lexer's property tests. */

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
