/**
 * Text that is not ASCII: comments at offsets into the text whatever width its characters have,
 * character literals of any character, every length the lexer bounds counted in characters, and
 * heredoc words or dollar tags of any characters. (A lexer over UTF-8 bytes was built and measured
 * against these: docs/performance.md, thirteenth pass.)
 */
import * as assert from 'node:assert/strict';
import { lexComments } from '../../../src/engine/scanner/lexer';
import { languageById, type LanguageSpec } from '../../../src/engine/scanner/languages';

function language(id: string): LanguageSpec {
  const spec = languageById(id);
  if (!spec) throw new Error(`no language ${id}`);
  return spec;
}

/** Each comment of `text`, as written (start to end). */
function comments(text: string, id: string, stopAfter?: number): string[] {
  return lexComments(text, language(id), stopAfter === undefined ? undefined : { stopAfter }).comments.map((c) => text.slice(c.start, c.end));
}

describe('lexer: text that is not ASCII', () => {
  it('gives offsets into the text, whatever width its characters have in UTF-8', () => {
    assert.deepEqual(comments('const é = "ü"; // TODO: café\nlet x = 1; /* 中文 */', 'typescript'), ['// TODO: café', '/* 中文 */']);
    assert.deepEqual(comments('\ufeff// TODO: after a BOM 😀\r\nx(); // 😀😀 two', 'javascript'), ['// TODO: after a BOM 😀', '// 😀😀 two']);
    assert.deepEqual(comments('s = "\ud800"  # TODO: \udc00 lone\nt = 1  # after', 'python'), ['# TODO: \udc00 lone', '# after']);
  });

  it('takes stopAfter as an offset into the text', () => {
    const text = `${'ü'.repeat(40)}\n// TODO: a\nx();\n// b`;
    assert.deepEqual(comments(text, 'typescript', text.indexOf('TODO')), ['// TODO: a']);
    assert.deepEqual(comments(text, 'typescript'), ['// TODO: a', '// b']);
  });

  it('reads a character literal of a character of any width', () => {
    assert.deepEqual(comments("let a = 'é'; let b = '😀'; let c = '中'; // TODO: real", 'rust'), ['// TODO: real']);
    assert.deepEqual(comments("char c = 'é'; /* TODO: real */ char d = '\\'';", 'c'), ['/* TODO: real */']);
  });

  it('counts the lengths it bounds in characters, not in bytes', () => {
    // Twelve characters at most after a backslash in a character literal: five `é` are ten bytes.
    assert.deepEqual(comments("char c = '\\ééééé/*'; // TODO: real", 'c'), ['// TODO: real']);
    assert.deepEqual(comments("let c = '\\ééééé/*'; // TODO: real", 'rust'), ['// TODO: real']);
    // A regex literal of 1,214 characters (2,414 bytes) is under the 2,000 the lexer reads.
    assert.deepEqual(comments(`x = /${'é'.repeat(1200)}// TODO: decoy/; // TODO: real`, 'javascript'), ['// TODO: real']);
  });

  it('ends a heredoc or a dollar-quoted string at a word of any characters', () => {
    assert.deepEqual(comments("cat <<'ÉOF'\n# TODO: decoy\nÉOF\n# TODO: real", 'shellscript'), ['# TODO: real']);
    assert.deepEqual(comments('select $é$ -- TODO: decoy $é$; -- TODO: real', 'sql'), ['-- TODO: real']);
  });
});
