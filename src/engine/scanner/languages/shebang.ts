/**
 * What a script's first lines say about its language, for files whose name says nothing
 * (`bin/release`) or too little (`git-gui.sh`, which is Tcl):
 *
 * - the `#!` line: `#!/usr/bin/env python3`, `#!/usr/bin/perl -w`, `#!/usr/bin/env -S deno run`,
 *   `#! /bin/sh`, with a version after the name (`python3.12`, `tclsh8.6`) allowed;
 * - the Tcl trick of a shell script that re-runs itself: a comment line ending in `\` (which Tcl
 *   continues and the shell does not) followed by `exec tclsh "$0"` or `exec wish …`;
 * - an Emacs mode line in the first two lines (`-*- tcl -*-`, `-*- mode: python -*-`) or a Vim
 *   mode line in the first five (`vim: set ft=perl:`).
 *
 * Only the first 2 KiB are looked at, and only for the files that need it (`languages.ts`
 * `mayBeScript`), after the tag prefilter (`document.ts`): a file without a tag never gets here.
 */

/** How far into a file the first lines are looked for. */
const HEAD = 2048;

/** The interpreter named by the `#!` line of `text` (lower case, path and arguments dropped), or undefined. */
export function shebangInterpreter(text: string): string | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // `#![…]` is a Rust inner attribute.
  if (text.charCodeAt(at) !== 35 || text.charCodeAt(at + 1) !== 33 || text.charCodeAt(at + 2) === 91) return undefined;
  at += 2;
  let end = text.indexOf('\n', at);
  if (end < 0 || end - at > 256) end = Math.min(text.length, at + 256);
  const words = text.slice(at, end).trim().split(/\s+/);
  let i = 0;
  let command = baseName(words[i++] ?? '');
  if (command === 'env') {
    // `env -S node --flag`, `env -i PATH=/bin sh`, `env -- python`.
    while (i < words.length) {
      const word = words[i]!;
      if (word.startsWith('-S') && word.length > 2) {
        words[i] = word.slice(2);
        break;
      }
      if (word.startsWith('-') || word.includes('=')) i++;
      else break;
    }
    command = baseName(words[i] ?? '');
  }
  return command === '' ? undefined : command.toLowerCase();
}

/**
 * The command a shell script hands itself over to, or undefined: the Tcl idiom (`exec wish …`
 * after a comment line ending in a backslash, which Tcl continues and the shell does not), or any
 * `exec` of the script itself (`exec scala "$0" "$@"` before Scala's `!#`).
 */
export function execTrickInterpreter(text: string): string | undefined {
  const lines = text.slice(0, HEAD).split('\n', 12);
  let continued = false;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, '');
    const trimmed = line.trim();
    if (!continued) {
      const self = /^exec\s+(\S+)\s+(?:"\$0"|'\$0'|\$0)(?:\s|$)/.exec(trimmed);
      if (self) return baseName(self[1]!).toLowerCase();
      continued = trimmed.startsWith('#') && trimmed.endsWith('\\');
      continue;
    }
    const exec = /(?:^|[;\s])exec\s+(\S+)/.exec(trimmed);
    if (exec) return baseName(exec[1]!.replace(/^["']|["']$/g, '')).toLowerCase();
    if (!trimmed.endsWith('\\')) continued = false;
  }
  return undefined;
}

/** The mode an Emacs (first two lines) or Vim (first five lines) mode line names, lower case, or undefined. */
export function modeLine(text: string): string | undefined {
  const lines = text.slice(0, HEAD).split('\n', 5);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (n < 2) {
      const emacs = /-\*-\s*(?:.*?\bmode:\s*)?([\w+#-]+)\s*(?:;[^\n]*?)?-\*-/i.exec(line);
      if (emacs) return emacs[1]!.toLowerCase();
    }
    const vim = /\b(?:vim?|ex):.*?\b(?:ft|filetype)=([\w+#-]+)/.exec(line);
    if (vim) return vim[1]!.toLowerCase();
  }
  return undefined;
}

/** The names to look a command up by, most specific first: `python3.12` → `python3.12`, `python3`, `python`. */
export function interpreterNames(command: string): string[] {
  const names = [command];
  const minor = command.replace(/\.\d+(?:\.\d+)*$/, '');
  if (minor !== command) names.push(minor);
  const bare = command.replace(/[-.]?\d+(?:\.\d+)*$/, '');
  if (bare !== '' && !names.includes(bare)) names.push(bare);
  return names;
}

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}
