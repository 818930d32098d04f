/**
 * In most languages every character that can start a token is rare in code (`/`, quotes, `#`), and
 * the lexer finds the next one with `indexOf` instead of reading each character. The search must
 * never change what is found: it is checked here against the plain reading
 * (`everyCharacter`), on random texts and real files, with nested ranges of other languages
 * (script and style in a page, PHP islands) that read the same text, and on the shapes that
 * would make a careless search quadratic.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lexComments } from '../../../src/engine/scanner/lexer';
import { compileLanguage } from '../../../src/engine/scanner/lexer/tables';
import { languageById, supportedLanguages, type LanguageSpec } from '../../../src/engine/scanner/languages';
import { ownSource, PIECES } from './pieces';
import { SAMPLES } from './samples';

const languages = supportedLanguages().map((l) => languageById(l.id) as LanguageSpec);
const searched = languages.filter((l) => compileLanguage(l).sparse !== undefined);

function lang(id: string): LanguageSpec {
  return languageById(id) as LanguageSpec;
}

/** The lexer's answer with the search and with the plain reading, side by side. */
function both(text: string, language: LanguageSpec, stopAfter?: number) {
  return {
    searched: lexComments(text, language, { stopAfter }),
    plain: lexComments(text, language, { stopAfter, everyCharacter: true }),
  };
}


describe('lexer: searching for the next interesting character', () => {
  it('is used by most languages, and never where a letter, digit, blank or line break can start a token', () => {
    assert.ok(searched.length >= languages.length * 0.8, `${searched.length} of ${languages.length}`);
    for (const id of ['typescript', 'go', 'rust', 'python', 'cpp', 'java', 'html', 'php', 'markdown']) assert.ok(compileLanguage(lang(id)).sparse, id);
    // Perl's `q{…}`/`s///` start with letters, Ruby's and the shell's heredocs need line breaks.
    for (const id of ['perl', 'ruby', 'shellscript']) assert.equal(compileLanguage(lang(id)).sparse, undefined, id);
  });

  it('finds what the plain reading finds, in every language (random pieces, random stop)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.constantFrom(...searched), fc.nat(), (pieces, language, cut) => {
        const text = pieces.join('');
        const full = both(text, language);
        assert.deepEqual(full.searched, full.plain);
        const stopped = both(text, language, cut % (text.length + 1));
        assert.deepEqual(stopped.searched, stopped.plain);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds what the plain reading finds in real source and every sample, cut at random, in every language', () => {
    const texts = [...ownSource(60), ...Object.values(SAMPLES).flat()];
    for (const [id, samples] of Object.entries(SAMPLES)) {
      for (const text of samples) {
        const { searched: got, plain } = both(text, lang(id));
        assert.deepEqual(got, plain, id);
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.constantFrom(...searched), (text, a, b, language) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        const { searched: got, plain } = both(text.slice(from, to), language);
        assert.deepEqual(got, plain);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps nested ranges of other languages exact: script and style in a page, PHP islands', () => {
    // The page's own tokens are `<`-shaped; `'`, `/` and `#` matter only inside the ranges, and the
    // page text after each range holds them again.
    const page = [
      '<p>it\'s // not a comment</p>',
      '<script>const a = \'<!-- no -->\'; // TODO: script item\n</script>',
      '<p>a / b \'c\' # d</p><!-- FIXME: page item -->',
      '<style>a::after { content: "/* no */" } /* HACK: style item */</style>',
      '<p>\' / #</p>',
      '<script>/* XXX: second script */ x = "//";</script>',
    ].join('\n');
    const html = both(page, lang('html'));
    assert.deepEqual(html.searched, html.plain);
    assert.deepEqual(
      html.searched.comments.map((c) => page.slice(c.contentStart, c.contentEnd).trim()),
      ['FIXME: page item', 'TODO: script item', 'HACK: style item', 'XXX: second script'].sort((a, b) => page.indexOf(a) - page.indexOf(b)),
    );
    const php = '<p>#1 "x"</p><?php $a = "#"; // TODO: one ?><p># " /</p><?= $b /* FIXME: two */ ?>\n<p>//</p><?php # HACK: three\n';
    const islands = both(php, lang('php'));
    assert.deepEqual(islands.searched, islands.plain);
    assert.equal(islands.searched.comments.length, 3);
  });

  it('searches a fence or a C# raw string for its closing run: shorter runs inside do not end it', () => {
    const markdown = ['````md', '```', '<!-- TODO: inside the fence -->', '```', '````', '<!-- TODO: after the fence -->', ''].join('\n');
    const md = lexComments(markdown, lang('markdown'));
    assert.deepEqual(
      md.comments.map((c) => markdown.slice(c.contentStart, c.contentEnd).trim()),
      ['TODO: after the fence'],
    );
    const csharp = 'var s = """\n  "" // TODO: in the string\n  "" still again\n  """;\n// TODO: after the string\n';
    const cs = lexComments(csharp, lang('csharp'));
    assert.deepEqual(
      cs.comments.map((c) => csharp.slice(c.contentStart, c.contentEnd).trim()),
      ['TODO: after the string'],
    );
  });

  it('stays linear when a searched character is rare and the text has many ranges', () => {
    // Each script element is a range of JavaScript; were each range to search the rest of the page
    // for a quote that never comes, 120,000 of them would cost 120,000 searches of the whole page
    // (seconds instead of milliseconds).
    const pages = '<script>a</script>'.repeat(120_000) + '<!-- TODO: last -->';
    assert.equal(lexComments(pages, lang('html')).comments.length, 1);
  });
});
