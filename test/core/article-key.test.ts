import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleKey, storedArticleKey } from '../../src/core/article-key';
import { normalizeArticleUrl } from '../../src/core/article-url';

describe('articleKey', () => {
  it.each([
    {
      name: 'a declared address on the same site',
      page: 'https://news.example/story?share=1#top',
      declared: ['https://www.news.example/world/story'],
      expected: 'https://news.example/world/story',
    },
    {
      name: 'a declared address on another subdomain of the site',
      page: 'https://edition.news.example/story',
      declared: ['https://www.news.example/world/story'],
      expected: 'https://news.example/world/story',
    },
    {
      name: 'the page when the declared address is on another site',
      page: 'https://news.example/story',
      declared: ['https://aggregator.example/story'],
      expected: 'https://news.example/story',
    },
    {
      name: 'the first same-site address after one on another site',
      page: 'https://news.example/copy?utm_source=x',
      declared: ['https://wire.example/original', 'https://news.example/copy-1'],
      expected: 'https://news.example/copy-1',
    },
    {
      name: "the page when a user's site claims its host's article (public suffix)",
      page: 'https://alice.github.io/post',
      declared: ['https://github.io/post', 'https://bob.github.io/post'],
      expected: 'https://alice.github.io/post',
    },
    {
      name: "a declared address on the site's host above the page's",
      page: 'https://uk.news.example/world/story',
      declared: ['https://news.example/world/story'],
      expected: 'https://news.example/world/story',
    },
    {
      name: "a declared address on a user's host below the service's",
      page: 'https://substack.example/home/post/p-1',
      declared: ['https://alice.substack.example/p/harbour'],
      expected: 'https://alice.substack.example/p/harbour',
    },
    {
      name: "a declared address on the page's host without a mobile label inside it",
      page: 'https://en.m.wiki.example/wiki/Harbour',
      declared: ['https://en.wiki.example/wiki/Harbour'],
      expected: 'https://en.wiki.example/wiki/Harbour',
    },
    {
      name: 'the host without its mobile label for a page on a mobile host that declares none',
      // A wiki's mobile edition, `en.m.` beside `en.`, read before it declares its canonical link.
      page: 'https://en.m.wiki.example/wiki/Harbour?utm_source=x',
      declared: [],
      expected: 'https://en.wiki.example/wiki/Harbour',
    },
    {
      name: 'the host without its mobile labels, however many',
      page: 'https://en.m.m.wiki.example/wiki/Harbour',
      declared: [],
      expected: 'https://en.wiki.example/wiki/Harbour',
    },
    {
      name: 'the host without its mobile label for a page that declares its mobile address',
      page: 'https://commons.m.wiki.example/wiki/File:Harbour.jpg',
      declared: ['https://commons.m.wiki.example/wiki/File:Harbour.jpg'],
      expected: 'https://commons.wiki.example/wiki/File:Harbour.jpg',
    },
    // Where `m` names the site (a public suffix's `m.se`, a user's `m.github.io`), it stays.
    {
      name: 'the page when its `m` label is a public suffix of its own',
      page: 'https://news.m.se/a',
      declared: [],
      expected: 'https://news.m.se/a',
    },
    {
      name: "the page when its `m` label is a user's host",
      page: 'https://blog.m.github.io/a',
      declared: [],
      expected: 'https://blog.m.github.io/a',
    },
    {
      name: "the page when its `mobile` label is the site's name",
      page: 'https://suche.mobile.de/auto/123',
      declared: [],
      expected: 'https://suche.mobile.de/auto/123',
    },
    {
      name: "the page when it declares a host beside its own: another user's, on a blog service",
      // Blog services the Public Suffix List does not name, where users write their own HTML.
      page: 'https://mallory.tumblr.com/post/1',
      declared: ['https://alice.tumblr.com/post/9', 'https://m.bob.tumblr.com/post/9'],
      expected: 'https://mallory.tumblr.com/post/1',
    },
    {
      name: "the page when it declares another user's page on a host service",
      page: 'https://www.mallory.neocities.org/blog/1.html',
      declared: ['https://bob.neocities.org/blog/9.html'],
      expected: 'https://mallory.neocities.org/blog/1.html',
    },
    {
      name: 'the page when the declared address is not a web address',
      page: 'https://news.example/story',
      declared: ['javascript:void 0'],
      expected: 'https://news.example/story',
    },
    {
      name: "the page when it declares its site's root (a shared or stale canonical link)",
      page: 'https://news.example/world/story',
      declared: ['https://www.news.example/', 'https://news.example/?utm_source=x'],
      expected: 'https://news.example/world/story',
    },
    {
      name: "the next declared address after the site's root",
      page: 'https://news.example/story?id=7',
      declared: ['https://news.example/', 'https://news.example/world/story'],
      expected: 'https://news.example/world/story',
    },
    {
      name: "the site's root for the home page itself",
      page: 'https://www.news.example/index.html?utm_source=nav',
      declared: ['https://news.example/'],
      expected: 'https://news.example/',
    },
    {
      name: "the page when it declares its site's home under another name",
      page: 'https://news.example/en/world/story',
      declared: [
        'https://news.example/en/',
        'https://www.news.example/index.html',
        'https://news.example/home',
      ],
      expected: 'https://news.example/en/world/story',
    },
    {
      name: "the page when it declares its site's home in a language, by a query",
      // A multilingual site's home is `/?lang=fr`: its template's canonical link on every page.
      page: 'https://news.example/monde/harbour-fire/?lang=fr',
      declared: ['https://news.example/?lang=fr', 'https://news.example/index.php?lang=fr'],
      expected: 'https://news.example/monde/harbour-fire?lang=fr',
    },
    {
      name: "the site's home in a language for that home itself",
      page: 'https://www.news.example/?lang=fr&utm_source=nav',
      declared: ['https://news.example/?lang=fr'],
      expected: 'https://news.example/?lang=fr',
    },
    {
      name: "the page when it declares its site's home by a server's default document",
      page: 'https://news.example/News/Story.aspx?ArticleID=51',
      declared: [
        'https://www.news.example/Default.aspx',
        'https://news.example/default.htm',
        'https://news.example/index',
        'https://news.example/home.html',
      ],
      expected: 'https://news.example/News/Story.aspx?ArticleID=51',
    },
    {
      name: "the page when a query-routed article declares its site's home",
      page: 'https://blog.example/?p=959',
      declared: ['https://blog.example/'],
      expected: 'https://blog.example/?p=959',
    },
    {
      name: "the page when a blog's post named by its query declares the blog's home",
      // WordPress in a site's folder, without pretty addresses: its home is the folder.
      page: 'https://site.example/blog/?p=959',
      declared: ['https://site.example/blog/'],
      expected: 'https://site.example/blog?p=959',
    },
    {
      name: 'the page when a query-routed article declares the script that routes it',
      page: 'https://news.example/index.php?option=com_content&view=article&id=12',
      declared: ['https://news.example/index.php'],
      expected: 'https://news.example/index.php?id=12&option=com_content&view=article',
    },
    {
      name: "the page when a hash-routed app's story declares the app's root",
      page: 'https://site.example/#!/story/1',
      declared: ['https://site.example/'],
      expected: 'https://site.example/#!/story/1',
    },
    {
      name: 'the page when a query-routed article declares its script without the query',
      page: 'https://news.example/article.php?id=12&utm_source=x',
      declared: ['https://www.news.example/article.php'],
      expected: 'https://news.example/article.php?id=12',
    },
    {
      // Keyed without its query, the declared address loses `index.php` too: no longer the
      // page's path, but a folder named by a number that would hold every story of the script.
      name: "the page when a query-routed article declares its folder's index.php bare",
      page: 'https://news.example/cms2/index.php?id=12',
      declared: ['https://news.example/cms2/index.php'],
      expected: 'https://news.example/cms2/index.php?id=12',
    },
    {
      name: "the page when a forum's topic declares its board's index.php bare",
      page: 'https://forum.example/board/4213/index.php?topic=5',
      declared: ['https://forum.example/board/4213/index.php'],
      expected: 'https://forum.example/board/4213/index.php?topic=5',
    },
    {
      name: 'the page when a query-routed article in a section declares the bare script',
      page: 'https://news.example/news/view.aspx?story=4411',
      declared: ['https://news.example/news/view.aspx?utm_medium=social'],
      expected: 'https://news.example/news/view.aspx?story=4411',
    },
    {
      name: "the page when a hash-routed app's story declares the app's page",
      page: 'https://site.example/app/#!/story/1',
      declared: ['https://site.example/app/'],
      expected: 'https://site.example/app#!/story/1',
    },
    {
      name: 'the page when a story named by its query declares its path without the query',
      page: 'https://news.example/story?id=12&utm_source=x',
      declared: ['https://www.news.example/story'],
      expected: 'https://news.example/story?id=12',
    },
    {
      name: 'the page when a story named by its query in a section declares the section',
      page: 'https://news.example/local/news/?articleId=88412',
      declared: ['https://news.example/local/news/'],
      expected: 'https://news.example/local/news?articleId=88412',
    },
    {
      name: "a declared address without a multi-page story's page number",
      page: 'https://news.example/story?id=12&page=2',
      declared: ['https://news.example/story?id=12'],
      expected: 'https://news.example/story?id=12',
    },
    {
      name: "a declared address that names the page's script with the page's article",
      page: 'https://news.example/article.php?id=12&from=rss',
      declared: ['https://news.example/article.php?id=12'],
      expected: 'https://news.example/article.php?id=12',
    },
    {
      name: 'a declared address without the parameters of a page whose path names the story',
      page: 'https://news.example/2026/05/harbour-fire?src=rss',
      declared: ['https://news.example/2026/05/harbour-fire'],
      expected: 'https://news.example/2026/05/harbour-fire',
    },
    {
      name: "a declared address without a blog post's mobile parameter",
      page: 'https://blog.example/2026/05/harbour.html?m=1',
      declared: ['https://blog.example/2026/05/harbour.html'],
      expected: 'https://blog.example/2026/05/harbour.html',
    },
    {
      name: 'the page when it declares the section it is filed under',
      // A template's canonical link, the same on every story below it.
      page: 'https://news.example/news/2026/05/harbour-fire',
      declared: ['https://www.news.example/news/'],
      expected: 'https://news.example/news/2026/05/harbour-fire',
    },
    {
      name: "the page when a blog in a site's folder declares the blog's root",
      page: 'https://site.example/blog/harbour-fire?utm_source=x',
      declared: ['https://site.example/blog'],
      expected: 'https://site.example/blog/harbour-fire',
    },
    // Below the section, the story's number (an id, a date) names it where no headline does.
    {
      name: 'the page when a story named by its id declares the section it is filed under',
      page: 'https://news.example/news/48213',
      declared: ['https://news.example/news'],
      expected: 'https://news.example/news/48213',
    },
    {
      name: 'the page when a dated one-word story declares the section it is filed under',
      page: 'https://news.example/news/2026/05/12/fire',
      declared: ['https://news.example/news'],
      expected: 'https://news.example/news/2026/05/12/fire',
    },
    {
      name: "the page when a story's numbered file declares the section it is filed under",
      page: 'https://news.example/sport/20260512/123456.html',
      declared: ['https://news.example/sport'],
      expected: 'https://news.example/sport/20260512/123456.html',
    },
    {
      name: 'the next declared address after the section the page is filed under',
      page: 'https://news.example/world/europe/harbour-fire?id=9',
      declared: ['https://news.example/world/europe', 'https://news.example/world/harbour-fire'],
      expected: 'https://news.example/world/harbour-fire',
    },
    {
      name: 'a declared story above a further page of it',
      page: 'https://news.example/2026/05/harbour-fire/2',
      declared: ['https://news.example/2026/05/harbour-fire'],
      expected: 'https://news.example/2026/05/harbour-fire',
    },
    {
      name: 'a declared two-word headline above a further page of the story',
      page: 'https://news.example/politics/brexit-deal/2',
      declared: ['https://news.example/politics/brexit-deal'],
      expected: 'https://news.example/politics/brexit-deal',
    },
    {
      name: "a declared two-word headline above the story's print view",
      page: 'https://news.example/obituaries/jane-doe/print/',
      declared: ['https://news.example/obituaries/jane-doe'],
      expected: 'https://news.example/obituaries/jane-doe',
    },
    {
      name: 'a declared two-word headline above a numbered page of the story',
      page: 'https://news.example/world/harbour-fire/page/3',
      declared: ['https://news.example/world/harbour-fire'],
      expected: 'https://news.example/world/harbour-fire',
    },
    {
      name: 'the page when a one-word story declares the section it is filed under',
      // Every one-word story below the section would go by its key.
      page: 'https://news.example/news/fire',
      declared: ['https://news.example/news'],
      expected: 'https://news.example/news/fire',
    },
    {
      name: 'the page when a story declares a section named by three words',
      page: 'https://news.example/life/food-and-drink/harbour-cafe-reopens',
      declared: ['https://news.example/life/food-and-drink'],
      expected: 'https://news.example/life/food-and-drink/harbour-cafe-reopens',
    },
    {
      name: "the page when a story declares the month's archive it is filed under",
      page: 'https://blog.example/2026/05/harbour-fire',
      declared: ['https://blog.example/2026/05'],
      expected: 'https://blog.example/2026/05/harbour-fire',
    },
    {
      name: "the page when a story declares its section's year",
      page: 'https://news.example/news/2026/harbour-fire',
      declared: ['https://news.example/news/2026'],
      expected: 'https://news.example/news/2026/harbour-fire',
    },
    {
      name: 'a declared question named by its number above one of its answers',
      page: 'https://forum.example/questions/48213/harbour-fire/48290',
      declared: ['https://forum.example/questions/48213/harbour-fire'],
      expected: 'https://forum.example/questions/48213/harbour-fire',
    },
    {
      name: "the page when a script's story named by its query declares the section",
      page: 'https://news.example/news/view.php?id=48213',
      declared: ['https://news.example/news/'],
      expected: 'https://news.example/news/view.php?id=48213',
    },
    {
      name: "a declared two-word headline above the story's live updates",
      page: 'https://news.example/politics/brexit-deal/live-updates',
      declared: ['https://news.example/politics/brexit-deal'],
      expected: 'https://news.example/politics/brexit-deal',
    },
    {
      name: "a declared two-word headline above the story's photo gallery",
      page: 'https://news.example/world/harbour-fire/photo-gallery',
      declared: ['https://news.example/world/harbour-fire'],
      expected: 'https://news.example/world/harbour-fire',
    },
    {
      name: "a declared story's number above the page's headline",
      page: 'https://news.example/story/48213/harbour-fire-closes-port',
      declared: ['https://news.example/story/48213'],
      expected: 'https://news.example/story/48213',
    },
    {
      name: "a declared headline above the story's comments",
      page: 'https://news.example/harbour-fire-closes-port/comments',
      declared: ['https://news.example/harbour-fire-closes-port'],
      expected: 'https://news.example/harbour-fire-closes-port',
    },
    {
      name: "nothing for a page on a host that passes for Google's AMP viewer",
      // `co.nl` and `com.be` are suffixes anyone registers under: not Google's hosts.
      page: 'https://www.google.co.nl/amp/s/news.example/world/story',
      declared: ['https://news.example/world/other-story'],
      expected: null,
    },
    {
      // Its key, read again, would name the publisher's article (`/amp/s/…` once unescaped).
      name: "nothing for such a host's page at the viewer's path written otherwise",
      page: 'https://www.google.co.nl/%61mp/s/news.example/world/story',
      declared: [],
      expected: null,
    },
    {
      name: "the publisher's article for a page in Google's AMP viewer",
      page: 'https://www.google.co.uk/amp/s/news.example/world/story',
      declared: [],
      expected: 'https://news.example/world/story',
    },
    {
      name: "the publisher's article for a page in Bing's AMP viewer",
      page: 'https://www.bing.com/amp/s/news.example/world/story',
      declared: [],
      expected: 'https://news.example/world/story',
    },
    {
      name: "the publisher's article for a page read through Google Translate's proxy",
      page: 'https://www-news-example.translate.goog/world/story?_x_tr_sl=auto&_x_tr_tl=de&_x_tr_hl=en',
      declared: [],
      expected: 'https://news.example/world/story',
    },
    {
      name: "the publisher's canonical address for a page read through Google Translate's proxy",
      page: 'https://m-news-example.translate.goog/amp/world/story?_x_tr_sl=auto&_x_tr_tl=de',
      declared: ['https://www.news.example/world/story'],
      expected: 'https://news.example/world/story',
    },
    // On a host service's suffix (github.io, blogspot.com), each label below it is a user's site.
    {
      name: "the page on a user's host named like a variant label (`m.github.io`)",
      page: 'https://m.github.io/a',
      declared: ['https://github.io/a', 'https://www.github.io/a'],
      expected: 'https://m.github.io/a',
    },
    {
      name: "the page on a user's host named `www` (`www.github.io`)",
      page: 'https://www.github.io/a?utm_source=x',
      declared: [],
      expected: 'https://www.github.io/a',
    },
    {
      name: "the page on a user's `amp.` host of a blog service",
      page: 'https://amp.blogspot.com/2026/05/harbour.html',
      declared: [],
      expected: 'https://amp.blogspot.com/2026/05/harbour.html',
    },
    {
      name: "a user's host without the variant label in front of it",
      page: 'https://www.m.github.io/a',
      declared: [],
      expected: 'https://m.github.io/a',
    },
    {
      name: 'a host left whole where only a public suffix would remain (`www.gov.uk`)',
      page: 'https://www.gov.uk/government/news/x',
      declared: ['https://gov.uk/government/news/x'],
      expected: 'https://www.gov.uk/government/news/x',
    },
    {
      name: "a user's page read through Google Translate's proxy, on the user's host",
      page: 'https://m-github-io.translate.goog/a?_x_tr_sl=auto&_x_tr_tl=de',
      declared: [],
      expected: 'https://m.github.io/a',
    },
    {
      name: 'nothing for a page that is not a web address',
      page: 'file:///etc/passwd',
      declared: ['https://news.example/story'],
      expected: null,
    },
  ])('is $name', ({ page, declared, expected }) => {
    expect(articleKey(page, declared)).toBe(expected);
  });

  const host = fc.constantFrom('news.example', 'www.news.example', 'wire.example', 'a.github.io');
  const path = fc.stringMatching(/^\/[a-z0-9/-]{0,20}$/);
  const address = fc.tuple(host, path).map(([h, p]) => `https://${h}${p}`);

  it('is always the page or one of its declared addresses, normalized', () => {
    fc.assert(
      fc.property(address, fc.array(address, { maxLength: 4 }), (page, declared) => {
        const key = articleKey(page, declared);
        const candidates = [page, ...declared].map((a) => normalizeArticleUrl(a));
        expect(candidates).toContain(key);
        // …and on the page's own site, whatever the page declares.
        expect(new URL(key!).hostname.endsWith(new URL(normalizeArticleUrl(page)!).hostname)).toBe(
          true,
        );
      }),
    );
  });
});

describe('storedArticleKey', () => {
  const section = 'https://news.example/news';
  // What an earlier version stored under a key the page rightly declared stays there.
  it.each([
    ['an AMP page', 'https://news.example/world/story', 'https://news.example/amp/world/story'],
    ['a mobile host', 'https://en.wiki.example/wiki/X', 'https://en.m.wiki.example/wiki/X'],
    ['a further page', 'https://news.example/brexit-deal', 'https://news.example/brexit-deal/2'],
    ['a print view', 'https://news.example/brexit-deal', 'https://news.example/brexit-deal/print'],
    [
      'a script',
      'https://news.example/article.php?id=12',
      'https://news.example/article.php?id=12',
    ],
    [
      'a hash route',
      'https://app.example/#!/story/1',
      'https://app.example/#!/story/1?utm_source=x',
    ],
    ['its own page (an import, the popup)', `${section}/fire`, `${section}/fire`],
    [
      "an AMP cache's page",
      'https://news.example/a',
      'https://news-example.cdn.ampproject.org/c/s/news.example/a',
    ],
    ['a home page', 'https://news.example/', 'https://www.news.example/?utm_source=x'],
  ])('keeps one given on %s', (_, key, page) => {
    expect(storedArticleKey(key, page)).toBe(key);
  });

  it.each([
    ['a page on another site', section, 'https://elsewhere.example/news/fire'],
    ['a page that is no address', section, 'not an address'],
    ['a key that is no address', 'not an address', `${section}/fire`],
    // An address an earlier version measured as sent: no call could name the key it makes.
    ['too long a key', section, `${section}/${'é'.repeat(2000)}`],
  ])('leaves one given on %s', (_, key, page) => {
    expect(storedArticleKey(key, page)).toBe(key);
  });

  // Keys an earlier version made, which imports, corrections and the database's upgrade map to
  // today's through storedArticleKey: left where they were, no visit would find them again.
  it.each([
    [
      "HubSpot's visitor cookies",
      'https://news.example/a?__hsfp=1&__hssc=2&__hstc=3',
      'https://news.example/a?__hstc=3&__hssc=2&__hsfp=1',
      'https://news.example/a',
    ],
    [
      "a directory's index.php",
      'https://news.example/a/index.php',
      'https://news.example/a/index.php?utm_source=x',
      'https://news.example/a',
    ],
    [
      "a wiki's mobile host",
      'https://en.m.wiki.example/wiki/Harbour',
      'https://en.m.wiki.example/wiki/Harbour',
      'https://en.wiki.example/wiki/Harbour',
    ],
    [
      "a picture in MediaWiki's media viewer",
      'https://wiki.example/wiki/Harbour#/media/File:Harbour.jpg',
      'https://wiki.example/wiki/Harbour#/media/File:Harbour.jpg',
      'https://wiki.example/wiki/Harbour',
    ],
    [
      "Google Translate's proxy",
      'https://www-news-example.translate.goog/world/story?_x_tr_hl=en&_x_tr_sl=auto&_x_tr_tl=de',
      'https://www-news-example.translate.goog/world/story?_x_tr_sl=auto&_x_tr_tl=de&_x_tr_hl=en',
      'https://news.example/world/story',
    ],
    [
      "an AMP viewer's host written otherwise",
      'https://google.com/amp/s/news.example/a',
      'https://m.google.com/amp/s/news.example/a',
      'https://news.example/a',
    ],
    [
      "a host service's suffix, a user's host label left off (m.github.io)",
      'https://github.io/a',
      'https://m.github.io/a',
      'https://m.github.io/a',
    ],
    [
      "a public suffix, declared by a print view on the site's host (www.gov.uk)",
      'https://gov.uk/government/news/x',
      'https://www.gov.uk/government/news/x/print',
      'https://www.gov.uk/government/news/x',
    ],
    [
      "a public suffix, the site's www. left off (www.gov.uk)",
      'https://gov.uk/government/news/x',
      'https://www.gov.uk/government/news/x?utm_source=x',
      'https://www.gov.uk/government/news/x',
    ],
  ])('moves one kept under %s to the key it has now', (_, key, page, now) => {
    expect(storedArticleKey(key, page)).toBe(now);
  });

  // An export imported, a correction moved on update: a key today's rules made stays put.
  it("keeps any key articleKey gives today's rules where it is", () => {
    const host = fc.constantFrom(
      'news.example',
      'www.news.example',
      'en.m.wiki.example',
      'en.m.mobile.wiki.example',
      'news.m.se',
      'blog.m.github.io',
      'm.github.io',
      'www.github.io',
      'www.gov.uk',
    );
    const path = fc.constantFrom(
      '/',
      '/news',
      '/news/harbour-fire',
      '/news/index.php',
      '/article.php?id=12',
      '/story?id=12&utm_source=x',
      '/wiki/Harbour#/media/File:Harbour.jpg',
      '/app/#!/story/1',
    );
    // A translation of the page through Google Translate's proxy, and the publisher's own.
    const translated = (address: string) => {
      const { host: publisher, pathname, search, hash } = new URL(address);
      const label = publisher.replaceAll('-', '--').replaceAll('.', '-');
      const query = `${search ? `${search}&` : '?'}_x_tr_sl=auto&_x_tr_tl=de`;
      return `https://${label}.translate.goog${pathname}${query}${hash}`;
    };
    const address = fc
      .tuple(host, path, fc.boolean())
      .map(([h, p, isTranslated]) =>
        isTranslated ? translated(`https://${h}${p}`) : `https://${h}${p}`,
      );
    fc.assert(
      fc.property(address, fc.array(address, { maxLength: 3 }), (page, declared) => {
        const key = articleKey(page, declared)!;
        expect(storedArticleKey(key, page)).toBe(key);
        expect(articleKey(key)).toBe(key);
      }),
    );
  });

  it("moves one filed under a section to the page's key", () => {
    expect(storedArticleKey(section, `${section}/harbour-fire?utm_source=x`)).toBe(
      `${section}/harbour-fire`,
    );
  });
});
