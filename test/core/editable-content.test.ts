import { afterEach, describe, expect, it } from 'vitest';
import { isEditableContent } from '../../src/core/editable-content';

/** More reads than this of a clobbered property: the walk went round the form and its field. */
const MAX_CLOBBERED_READS = 1_000;

/**
 * A form round `end` whose field answers for the form's own `name`, as a page's form does in
 * every world (Chrome): played on the form itself, as jsdom has no such names.
 */
function clobberForm(name: string, html: string): Element {
  document.body.innerHTML = `<div ${html}><form><input name="${name}" /><p id="end">The end.</p></form></div>`;
  const form = document.querySelector('form')!;
  const field = form.querySelector('input')!;
  let reads = 0;
  Object.defineProperty(form, name, {
    get() {
      if (++reads > MAX_CLOBBERED_READS) throw new Error('the walk went round the form for ever');
      return field;
    },
    configurable: true,
  });
  return document.getElementById('end')!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('isEditableContent through a form whose field is named as a DOM property', () => {
  it.each(['parentElement', 'getAttribute'])('reads past a field named %s', (name) => {
    expect(isEditableContent(clobberForm(name, ''))).toBe(false);
    expect(isEditableContent(clobberForm(name, 'contenteditable'))).toBe(true);
  });
});

describe('isEditableContent', () => {
  it('follows the nearest valid contenteditable', () => {
    document.body.innerHTML =
      '<div contenteditable="TRUE"><p id="a">a</p><div contenteditable="false"><p id="b">b</p></div><div contenteditable="nonsense"><p id="c">c</p></div></div>';
    expect(isEditableContent(document.getElementById('a')!)).toBe(true);
    expect(isEditableContent(document.getElementById('b')!)).toBe(false);
    expect(isEditableContent(document.getElementById('c')!)).toBe(true);
  });
});
