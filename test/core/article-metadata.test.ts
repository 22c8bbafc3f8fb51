import { describe, expect, it } from 'vitest';
import {
  createDeclaredAddressFilter,
  createLeftOverCheck,
  MAX_JSON_LD_CHARS,
  parseJsonLdScript,
  readArticleTitle,
  readDeclaredAddresses,
  readJsonLd,
} from '../../src/core/article-metadata';
import { MAX_TITLE_INPUT, MAX_URL_LENGTH } from '../../src/core/vote';
import { MAX_DECLARED_ADDRESSES } from '../../src/protocol';

function page(head: string, body = '', url = 'https://www.news.example/world/story?utm_source=x') {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = `<head>${head}</head><body>${body}</body>`;
  // jsdom documents made this way are about:blank; give it the page's address.
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  Object.defineProperty(doc, 'URL', { value: url });
  return doc;
}

const ld = (value: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('readDeclaredAddresses', () => {
  it.each([
    {
      name: 'a canonical link, resolved',
      head: '<link rel="canonical" href="/world/story">',
      expected: ['https://www.news.example/world/story'],
    },
    {
      name: 'og:url when there is no canonical link',
      head: '<meta property="og:url" content="https://news.example/world/story">',
      expected: ['https://news.example/world/story'],
    },
    {
      name: "a NewsArticle's mainEntityOfPage @id",
      head: ld({ '@type': 'NewsArticle', mainEntityOfPage: { '@id': 'https://news.example/s' } }),
      expected: ['https://news.example/s'],
    },
    {
      name: 'an article url inside @graph',
      head: ld({
        '@graph': [
          { '@type': 'WebSite', url: 'https://news.example/' },
          { '@type': 'Article', url: 'https://news.example/a' },
        ],
      }),
      expected: ['https://news.example/a'],
    },
    {
      name: 'every address in order, another site included (the background picks)',
      head: '<link rel="canonical" href="https://wire.example/original"><meta property="og:url" content="https://news.example/copy">',
      expected: ['https://wire.example/original', 'https://news.example/copy'],
    },
    {
      name: 'an address declared twice once',
      head: '<link rel="canonical" href="https://news.example/a"><meta property="og:url" content="https://news.example/a">',
      expected: ['https://news.example/a'],
    },
    {
      name: 'nothing for a javascript: canonical',
      head: '<link rel="canonical" href="javascript:alert(1)">',
      expected: [],
    },
    {
      name: "a JSON-LD address relative to the site's root",
      head: ld({ '@type': 'NewsArticle', url: '/world/story' }),
      expected: ['https://www.news.example/world/story'],
    },
    {
      // Seen on live sites: a word where the address should be would key every story beside
      // this one as one article (/world/True).
      name: 'nothing for a JSON-LD mainEntityOfPage that is no address ("True")',
      head: ld({ '@type': 'NewsArticle', mainEntityOfPage: 'True' }),
      expected: [],
    },
    {
      // A template's server host then path, without the scheme: not a path in the page's folder
      // (/world/www.news.example/world/story), where every story declaring the bare host would
      // be one address.
      name: "an address without its scheme that starts with the page's host",
      head: '<link rel="canonical" href="www.news.example/world/story/">',
      expected: ['https://www.news.example/world/story/'],
    },
    {
      name: "the site's bare host without its scheme",
      head: '<meta property="og:url" content="news.example">',
      expected: ['https://news.example/'],
    },
    {
      name: 'a relative address that only looks like a host',
      head: '<link rel="canonical" href="story.html">',
      expected: ['https://www.news.example/world/story.html'],
    },
    { name: 'nothing when the page declares nothing', head: '', expected: [] },
  ])('finds $name', ({ head, expected }) => {
    expect(readDeclaredAddresses(page(head))).toEqual(expected);
  });

  // Sent with each call about the article and kept with each pending vote: a page's thousands of
  // JSON-LD blocks (or one address of megabytes) must not go to the background, which reads no more.
  it('gives only what the background reads: the first MAX_DECLARED_ADDRESSES, of a length it keeps', () => {
    const overlong = `<link rel="canonical" href="/${'x'.repeat(MAX_URL_LENGTH)}">`;
    const stories = Array.from({ length: 40 }, (_, i) =>
      ld({ '@type': 'NewsArticle', url: `/story-${i}` }),
    );
    expect(readDeclaredAddresses(page(overlong + stories.join('')))).toEqual(
      Array.from(
        { length: MAX_DECLARED_ADDRESSES - 1 },
        (_, i) => `https://www.news.example/story-${i}`,
      ),
    );
  });
});

describe('createLeftOverCheck', () => {
  it('tells an og:title left from the previous address, until the page updates it', () => {
    const isLeftOver = createLeftOverCheck();
    expect(isLeftOver('https://news.example/first-story', ['First story'])).toBe(false);
    expect(isLeftOver('https://news.example/second-story', ['First story'])).toBe(true);
    expect(isLeftOver('https://news.example/second-story', ['Second story'])).toBe(false);
  });
});

describe('createDeclaredAddressFilter', () => {
  const first = ['https://news.example/first-story'];
  const second = ['https://news.example/second-story'];

  it('trusts what the first address read declares, as often as it is read', () => {
    const declaredAt = createDeclaredAddressFilter();
    expect(declaredAt('https://news.example/first-story?ref=x', first)).toEqual(first);
    expect(declaredAt('https://news.example/first-story?ref=x', first)).toEqual(first);
  });

  it('drops what a single-page app left from the previous address, until it is updated', () => {
    const declaredAt = createDeclaredAddressFilter();
    declaredAt('https://news.example/first-story', first);
    expect(declaredAt('https://news.example/second-story', first)).toEqual([]);
    expect(declaredAt('https://news.example/second-story', second)).toEqual(second);
  });

  it('drops what the app left from the previous address beside what it updated', () => {
    const declaredAt = createDeclaredAddressFilter();
    declaredAt('https://news.example/first-story', first);
    // The app wrote the new og:url and left the canonical link as it was.
    expect(declaredAt('https://news.example/second-story', [...first, ...second])).toEqual(second);
    expect(declaredAt('https://news.example/first-story', [...first, ...second])).toEqual(first);
  });

  it("keeps an address left beside the one updated where the page's lies below it", () => {
    const declaredAt = createDeclaredAddressFilter();
    // A gallery that writes each photo's og:url and keeps its canonical link, as it declares
    // them when a photo's address is loaded.
    const gallery = 'https://news.example/gallery/harbour-fire';
    declaredAt(`${gallery}/photo/1`, [gallery, `${gallery}/photo/1`]);
    expect(declaredAt(`${gallery}/photo/2`, [gallery, `${gallery}/photo/2`])).toEqual([
      gallery,
      `${gallery}/photo/2`,
    ]);
  });

  it('trusts an address declared anew, though an earlier address declared it', () => {
    const declaredAt = createDeclaredAddressFilter();
    declaredAt('https://news.example/first-story', first);
    declaredAt('https://news.example/second-story', second);
    // Another address of the first story, its canonical link written again.
    expect(declaredAt('https://news.example/story/1', first)).toEqual(first);
  });

  it('trusts what the next address declares anew', () => {
    const declaredAt = createDeclaredAddressFilter();
    declaredAt('https://news.example/first-story', first);
    expect(declaredAt('https://news.example/second-story', second)).toEqual(second);
    expect(declaredAt('https://news.example/first-story', first)).toEqual(first);
  });

  it('trusts what an address declared once the page comes back to it, its head unchanged', () => {
    const declaredAt = createDeclaredAddressFilter();
    const canonical = ['https://news.example/first-story'];
    declaredAt('https://news.example/first-story?id=1', canonical);
    // A scroll spy names the next story in the address, then the first again.
    expect(declaredAt('https://news.example/second-story', canonical)).toEqual([]);
    expect(declaredAt('https://news.example/first-story?id=1', canonical)).toEqual(canonical);
  });

  it('compares with the last address read before this one, not with this one', () => {
    const declaredAt = createDeclaredAddressFilter();
    declaredAt('https://news.example/first-story', first);
    declaredAt('https://news.example/second-story', second);
    declaredAt('https://news.example/second-story', second);
    expect(declaredAt('https://news.example/third-story', second)).toEqual([]);
  });

  it('reads an address with a fragment as the same address', () => {
    const declaredAt = createDeclaredAddressFilter();
    expect(declaredAt('https://news.example/first-story#comments', first)).toEqual(first);
    expect(declaredAt('https://news.example/first-story', first)).toEqual(first);
    expect(declaredAt('https://news.example/first-story#top', first)).toEqual(first);
    expect(declaredAt('https://news.example/second-story#top', first)).toEqual([]);
  });

  it('reads an address the page rewrote without its tracking parameters as the same address', () => {
    const declaredAt = createDeclaredAddressFilter();
    const canonical = ['https://news.example/first-story'];
    expect(
      declaredAt('https://news.example/first-story?edition=uk&utm_source=feed', canonical),
    ).toEqual(canonical);
    expect(declaredAt('https://news.example/first-story?edition=uk', canonical)).toEqual(canonical);
    expect(declaredAt('https://news.example/second-story', canonical)).toEqual([]);
  });

  it('has nothing to drop where nothing is declared', () => {
    const declaredAt = createDeclaredAddressFilter();
    declaredAt('https://news.example/first-story', []);
    expect(declaredAt('https://news.example/second-story', [])).toEqual([]);
  });
});

describe('readJsonLd', () => {
  it('skips malformed blocks and keeps the rest', () => {
    const doc = page(
      `<script type="application/ld+json">{nope</script>${ld([{ '@type': 'Article' }])}`,
    );
    expect(readJsonLd(doc)).toEqual([{ '@type': 'Article' }]);
  });
});

describe('parseJsonLdScript', () => {
  it('reads JSON-LD wrapped in CDATA markers and throws on broken JSON', () => {
    const doc = page(
      `<script type="application/ld+json"> <![CDATA[{"@type":"Article"}]]> </script>` +
        `<script type="application/ld+json">{nope</script>`,
    );
    const [wrapped, broken] = doc.querySelectorAll('script');
    expect(parseJsonLdScript(wrapped!)).toEqual({ '@type': 'Article' });
    expect(() => parseJsonLdScript(broken!)).toThrow(SyntaxError);
  });

  it('leaves a block over MAX_JSON_LD_CHARS unread (one parse of it would hold up the page)', () => {
    const filler = 'x'.repeat(MAX_JSON_LD_CHARS);
    const doc = page(
      ld({ '@type': 'NewsArticle', url: '/huge', articleBody: filler }) +
        ld({ '@type': 'NewsArticle', url: '/small', articleBody: filler.slice(1000) }),
    );
    const [huge, small] = doc.querySelectorAll('script');
    expect(() => parseJsonLdScript(huge!)).toThrow(RangeError);
    expect(parseJsonLdScript(small!)).toMatchObject({ url: '/small' });
    expect(readDeclaredAddresses(doc)).toEqual(['https://www.news.example/small']);
  });
});

describe('readArticleTitle', () => {
  it.each([
    {
      head: '<meta property="og:title" content="OG title"><title>Doc</title>',
      body: '<h1>H1</h1>',
      title: 'OG title',
    },
    { head: '<title>Doc</title>', body: '<h1> H1 title </h1>', title: 'H1 title' },
    { head: '<title>Doc title</title>', body: '<h1> </h1>', title: 'Doc title' },
  ])('reads "$title"', ({ head, body, title }) => {
    expect(readArticleTitle(page(head, body))).toBe(title);
  });

  it("passes over an og:title the caller knows is left from an app's previous page", () => {
    const doc = page('<meta property="og:title" content="Previous story">', '<h1>Next story</h1>');
    expect(readArticleTitle(doc)).toBe('Previous story');
    expect(readArticleTitle(doc, { openGraph: false })).toBe('Next story');
  });

  it('sends no more of an absurd heading than the background reads', () => {
    const title = readArticleTitle(page('', `<h1>${'Long '.repeat(100_000)}</h1>`));
    expect(title).toHaveLength(MAX_TITLE_INPUT);
  });
});
