import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../src/core/detect-article';
import { findBodyEnd } from '../../../src/core/detect/find-body-end';
import { prose } from '../../support/prose';

/**
 * A page's form answers its fields' names before its own DOM properties, in the content
 * script's world too (Chrome): `<input name="parentElement">` is the form's `parentElement`. ASP.NET
 * pages wrap the whole page in one form. jsdom has no such names, so each case gives the form the
 * field as an own property; a walk that reads it more than this many times went round the form
 * and its field, as it would for ever in the browser.
 */
const MAX_CLOBBERED_READS = 1_000;

const LAYOUTS = ['article', 'bare', 'form'] as const;
type Layout = (typeof LAYOUTS)[number];

/** The body the detector finds in each layout. */
const BODY_ID: Record<Layout, string> = { article: 'body', bare: 'body', form: 'aspnetForm' };

/**
 * A news page wrapped in one form, as ASP.NET writes them, its field between the header and the
 * story (so a clobbered `firstChild` or `lastChild` differs from the real one); the story in an
 * article, in a bare `div#body`, or its paragraphs straight in the form (the form is the body).
 */
function formPage(layout: Layout): Document {
  const paragraphs = Array.from({ length: 6 }, (_, i) => `<p id="p${i}">${prose(400)}</p>`);
  const body = `<div id="body">${paragraphs.join('')}</div>`;
  const story =
    layout === 'article'
      ? `<main><article><h1>The ferry runs again</h1>${body}</article></main>`
      : layout === 'bare'
        ? body
        : paragraphs.join('');
  return new DOMParser().parseFromString(
    '<!doctype html><html><head><title>The ferry runs again</title>' +
      '<meta property="og:type" content="article"></head><body>' +
      '<form id="aspnetForm" class="page-form">' +
      '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>' +
      `<input type="hidden" name="field" />${story}` +
      '<footer><p>© The Harbour Post</p></footer></form></body></html>',
    'text/html',
  );
}

/** Makes the form answer `name` with its field, as Chrome does for `<input name=…>`. */
function clobber(doc: Document, name: string): void {
  const form = doc.querySelector('form')!;
  const field = form.querySelector('input')!;
  field.setAttribute('name', name);
  let reads = 0;
  Object.defineProperty(form, name, {
    get() {
      if (++reads > MAX_CLOBBERED_READS) throw new Error(`read form.${name} for ever`);
      return field;
    },
    configurable: true,
  });
}

/** Where `el` is in its page, in document order: its own `id` may be the field. */
function placeOf(el: Element): number {
  return Array.from(el.ownerDocument.getElementsByTagName('*')).indexOf(el);
}

/** The links between nodes the detector's walks follow. */
const WALKED_NAMES = [
  'parentElement',
  'parentNode',
  'firstChild',
  'lastChild',
  'nextSibling',
  'previousSibling',
  'firstElementChild',
  'lastElementChild',
  'nextElementSibling',
  'previousElementSibling',
];

/** Properties the detector reads of a node (its names, its title, its kind), common names of fields. */
const READ_NAMES = ['id', 'className', 'title', 'nodeType', 'localName'];

describe('detectArticle on a page in a form that answers its fields’ names', () => {
  it.each(LAYOUTS)('finds the article in the %s layout without such a field', (layout) => {
    const doc = formPage(layout);
    const detection = detectArticle(doc);
    expect(detection?.body).toBe(doc.getElementById(BODY_ID[layout]));
  });

  it.each(
    LAYOUTS.flatMap((layout) => [...WALKED_NAMES, ...READ_NAMES].map((name) => [layout, name])),
  )('finds the same article in the %s layout with a field named %s', (layout, name) => {
    const doc = formPage(layout as Layout);
    const clean = detectArticle(formPage(layout as Layout));
    clobber(doc, name);
    const detection = detectArticle(doc);
    expect(detection && placeOf(detection.anchor)).toBe(clean && placeOf(clean.anchor));
    expect(detection && placeOf(detection.body)).toBe(clean && placeOf(clean.body));
  });
});

describe('findBodyEnd in a form that answers its fields’ names', () => {
  it.each(LAYOUTS.flatMap((layout) => WALKED_NAMES.map((name) => [layout, name])))(
    'ends the body at its last paragraph in the %s layout with a field named %s',
    (layout, name) => {
      const doc = formPage(layout as Layout);
      const clean = findBodyEnd([
        formPage(layout as Layout).getElementById(BODY_ID[layout as Layout])!,
      ]);
      const body = doc.getElementById(BODY_ID[layout as Layout])!;
      clobber(doc, name);
      expect(placeOf(findBodyEnd([body]))).toBe(placeOf(clean));
    },
  );
});
