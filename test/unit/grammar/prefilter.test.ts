import { strict as assert } from 'node:assert';
import { compiled } from './helpers';

describe('grammar: the prefilter', () => {
  const exact = compiled();
  const anyCase = compiled({ caseSensitive: false });
  const bytes = (s: string, encoding: BufferEncoding = 'utf8') => {
    const b = Buffer.from(s, encoding);
    return [b, b.length] as const;
  };

  it('says a text might hold a tag when any tag occurs', () => {
    assert.equal(exact.mightContainTag('x = 1 // FIXME later'), true);
    assert.equal(exact.mightContainTag('nothing to see'), false);
    assert.equal(exact.mightContainTag('todo fixme'), false);
  });

  it('is case-aware when case-insensitive', () => {
    assert.equal(anyCase.mightContainTag('todo'), true);
    assert.equal(anyCase.mightContainTag('tOdO'), true);
    assert.equal(anyCase.mightContainTag('nothing to see'), false);
  });

  it('works on raw UTF-8 and Latin-1 bytes', () => {
    assert.equal(exact.mightContainTagBytes(...bytes('héllo // TODO')), true);
    assert.equal(exact.mightContainTagBytes(...bytes('héllo // todo')), false);
    assert.equal(exact.mightContainTagBytes(...bytes('caf\u00e9 // HACK', 'latin1')), true);
    assert.equal(anyCase.mightContainTagBytes(...bytes('// Todo')), true);
    assert.equal(anyCase.mightContainTagBytes(...bytes('// tOdO')), true);
    assert.equal(anyCase.mightContainTagBytes(...bytes('// nothing')), false);
  });

  it("finds Sphinx's todo directive, in reStructuredText's and MyST's spellings, only where tags match in their case and TODO is one", () => {
    assert.equal(exact.mightContainTagBytes(...bytes('.. todo:: write it')), false, 'a `.` is not searched for in every file');
    for (const written of ['Title\n\n.. todo:: write it\n', '.. Todo::\n\n   write it', '.. todo :: write it', '```{todo} write it\n```', ':::{Todo}\nwrite it\n:::']) {
      assert.equal(exact.mightContainTodoDirectiveBytes(...bytes(written)), true, written);
      assert.equal(exact.mightContainTodoDirective(written), true, written);
    }
    assert.equal(exact.mightContainTodoDirectiveBytes(...bytes('.. note:: todo')), false);
    assert.equal(exact.mightContainTodoDirectiveBytes(...bytes('```{note} todo\n```')), false);
    assert.equal(compiled({ tags: [{ name: 'FIXME' }] }).mightContainTodoDirectiveBytes(...bytes('.. todo:: x')), false);
    assert.equal(compiled({ tags: [{ name: 'FIXME' }] }).mightContainTodoDirective('```{todo} x'), false);
  });

  it('looks only at the first length bytes, also inside a larger buffer', () => {
    const big = Buffer.from('........ TODO');
    assert.equal(exact.mightContainTagBytes(big, 8), false);
    assert.equal(exact.mightContainTagBytes(big, big.length), true);
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, big.length - 4);
    assert.equal(exact.mightContainTagBytes(view, view.length), true);
  });

  it('finds renamed tags, and nothing without tags', () => {
    const renamed = compiled({ tags: [{ name: 'DEBT' }] });
    assert.equal(renamed.mightContainTag('// TODO'), false);
    assert.equal(renamed.mightContainTag('// DEBT'), true);
    assert.equal(compiled({ tags: [] }).mightContainTag('// TODO'), false);
    assert.equal(compiled({ tags: [] }).mightContainTagBytes(Buffer.from('TODO'), 4), false);
  });

  it('handles tags with regular expression characters', () => {
    const odd = compiled({ tags: [{ name: 'C++' }, { name: '(!)' }], caseSensitive: false });
    assert.equal(odd.mightContainTag('c++'), true);
    assert.equal(odd.mightContainTag('(!)'), true);
    assert.equal(odd.mightContainTag('c'), false);
  });
});
