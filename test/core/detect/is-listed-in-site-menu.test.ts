import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isListedInSiteMenu } from '../../../src/core/detect/is-listed-in-site-menu';

const pageAddress = 'https://firm.example/services/repairs';

/** Whether the menus (`<nav>` and `<header>`) of a page of `body` at {@link pageAddress} list it. */
function isListed(body: string): boolean {
  const doc = new JSDOM(`<html><body>${body}<div id="body"><p>Text</p></div></body></html>`, {
    url: pageAddress,
  }).window.document;
  const menus = [...doc.querySelectorAll('nav, header')];
  return isListedInSiteMenu(menus, [doc.getElementById('body')!], [pageAddress]);
}

const link = '<a href="/services/repairs">Repairs</a>';

describe('isListedInSiteMenu', () => {
  [
    { name: 'an item of a nav', body: `<nav>${link}</nav>`, expected: true },
    {
      name: 'a list item of a header',
      body: `<header><ul><li>${link}</li></ul></header>`,
      expected: true,
    },
    { name: 'a header link outside a list', body: `<header>${link}</header>`, expected: false },
    { name: 'a heading in a nav', body: `<nav><h2>${link}</h2></nav>`, expected: false },
    { name: 'a nav in an article', body: `<article><nav>${link}</nav></article>`, expected: false },
    { name: 'a nav in main', body: `<main><nav>${link}</nav></main>`, expected: false },
    {
      name: 'breadcrumbs by class, any case',
      body: `<nav class="Site-BreadCrumbs">${link}</nav>`,
      expected: false,
    },
    {
      name: 'breadcrumbs by id',
      body: `<nav><ol id="breadcrumb">${link}</ol></nav>`,
      expected: false,
    },
    {
      name: 'breadcrumbs by label',
      body: `<nav aria-label="Breadcrumb">${link}</nav>`,
      expected: false,
    },
    {
      name: 'page numbers',
      body: `<div class="pagination"><nav>${link}</nav></div>`,
      expected: false,
    },
    {
      name: 'a link to a place in the page (back to top, a dropdown toggle)',
      body:
        '<nav><a href="/services/repairs#top">Back to top</a>' +
        '<a href="https://firm.example/services/repairs#">Tools</a></nav>',
      expected: false,
    },
    {
      name: 'a pager on the link',
      body: `<nav><a class="pager-next" href="/services/repairs">Next</a></nav>`,
      expected: false,
    },
    {
      name: 'a switch to the page in another language, by class',
      body: '<nav><ul class="navbar-languages"><li><a href="/services/repairs">DE</a></li></ul></nav>',
      expected: false,
    },
    {
      name: 'a switch to the page in another language, in a header',
      body: '<header><div id="lang-switch"><ul><li><a href="/services/repairs">DE</a></li></ul></div></header>',
      expected: false,
    },
    {
      name: "an item of a nav named for a section whose name holds 'lang'",
      body: `<nav><ul><li class="menu-langlauf">${link}</li></ul></nav>`,
      expected: true,
    },
    {
      name: 'an item of a nav in a page whose body names its language',
      body: `<div class="page lang-de"><nav>${link}</nav></div>`,
      expected: true,
    },
    {
      name: 'a headline',
      body: '<nav><a href="/services/repairs">How we repair your old kettle</a></nav>',
      expected: false,
    },
    {
      name: 'a link elsewhere',
      body: '<nav><a href="/services/other">Other</a></nav>',
      expected: false,
    },
  ].forEach(({ name, body, expected }) => {
    it(`${expected ? 'lists' : 'does not list'} the page: ${name}`, () => {
      expect(isListed(body)).toBe(expected);
    });
  });

  it('runs no selector: jsdom compiles each anew on every page', () => {
    const doc = new JSDOM(
      `<html><body><header><ul><li>${link}</li></ul></header><nav class="breadcrumbs">${link}</nav></body></html>`,
      { url: pageAddress },
    ).window.document;
    const prototype = doc.defaultView!.Element.prototype;
    const selectorCalls: string[] = [];
    const spied = ['closest', 'matches', 'querySelector', 'querySelectorAll'] as const;
    const originals = spied.map((name) => [name, prototype[name]] as const);
    for (const [name, original] of originals) {
      (prototype as unknown as Record<string, unknown>)[name] = function (
        this: Element,
        ...args: unknown[]
      ) {
        selectorCalls.push(name);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
    try {
      const menus = [doc.querySelector('nav')!, doc.querySelector('header')!];
      selectorCalls.length = 0;
      expect(isListedInSiteMenu(menus, [doc.body], [pageAddress])).toBe(false);
      expect(isListedInSiteMenu(menus, [], [pageAddress])).toBe(true);
    } finally {
      for (const [name, original] of originals) {
        (prototype as unknown as Record<string, unknown>)[name] = original;
      }
    }
    expect(selectorCalls).toEqual([]);
  });
});
