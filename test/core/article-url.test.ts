import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hostOfPage,
  normalizeArticleUrl,
  siteOf,
  withHostOfSite,
  withoutAnchor,
  withoutInnerMobileLabel,
  withoutTracking,
} from '../../src/core/article-url';

describe('normalizeArticleUrl', () => {
  const key = 'https://news.example/world/2026/11/25/big-story';
  it.each([
    key,
    'http://news.example/world/2026/11/25/big-story',
    'https://www.news.example/world/2026/11/25/big-story',
    'https://NEWS.Example/world/2026/11/25/big-story/',
    'https://news.example/world/2026/11/25/big-story#comments',
    'https://news.example/world/2026/11/25/big-story#section-2',
    'https://news.example/world/2026/11/25/big-story#:~:text=harbour',
    'https://news.example/world/2026/11/25/big-story?utm_source=x&utm_medium=social',
    'https://news.example/world/2026/11/25/big-story?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2',
    'https://news.example/world/2026/11/25/big-story/amp',
    'https://news.example/world/2026/11/25/big-story/amp/',
    'https://news.example/world/2026/11/25/big-story?amp=1',
    'https://m.news.example/world/2026/11/25/big-story',
    'https://amp.news.example/world/2026/11/25/big-story',
    'https://news-example.cdn.ampproject.org/c/s/news.example/world/2026/11/25/big-story',
    'https://news--example-cdn-ampproject-org.cdn.ampproject.org/c/s/news-example.cdn.ampproject.org/c/s/news.example/world/2026/11/25/big-story',
    'https://news.example:443/world/2026/11/25/big-story',
    'https://www.news.example./world/2026/11/25/big-story',
    'https://news.example/world/2026/11/25/big-story?xtor=RSS-3208&ns_mchannel=rss&ns_source=feed',
    'https://news.example/world/2026/11/25/big-story?CMP=share_btn_tw&INTCMP=x&__twitter_impression=true',
    'https://news.example/world/2026/11/25/big-story?gbraid=a&wbraid=b&gad_source=1&srsltid=c',
    'https://news.example/world/2026/11/25/big-story?ttclid=a&li_fat_id=b&ncid=c',
    'https://news.example/world/2026/11/25/big-story?guccounter=1&guce_referrer=aHR0&guce_referrer_sig=AQ',
    'https://news.example/world/2026/11/25/big-story?_amp=true',
    'https://news.example/world/2026/11/25/big-story?igsh=MXg&mibextid=Zb&fb_source=m',
    'https://news.example/world/2026/11/25/big-story?fb_action_ids=1&fb_action_types=og.likes',
    'https://news.example/world/2026/11/25/big-story?WT.mc_id=tw&s_cid=x&dicbo=v2&obOrigUrl=true',
    'https://news.example/world/2026/11/25/big-story?soc_src=social-sh&soc_trk=tw',
    'https://news.example/world/2026/11/25/big-story?_branch_match_id=1&_branch_referrer=H4s',
    // A Java or PHP site's session when the reader's cookies are off.
    'https://news.example/world/2026/11/25/big-story;jsessionid=8F3A1C0DE6B2',
    'https://news.example/world/2026/11/25/big-story/;JSESSIONID=8F3A1C0DE6B2.node1?amp',
    'https://news.example/world/2026/11/25/big-story?PHPSESSID=4u0ahbt5b1q7',
    'https://news-example.cdn.ampproject.org/c/s/news.example/world/2026/11/25/big-story?amp_js_v=a6&amp_gsa=1&usqp=mq331AQFKAGwASA%3D',
    // Google Search's AMP viewer: the tab's address, the cached page in a frame.
    'https://www.google.com/amp/s/www.news.example/world/2026/11/25/big-story',
    'https://www.google.co.uk/amp/s/amp.news.example/world/2026/11/25/big-story/amp?usqp=mq331AQ',
    'https://www.google.com.au/amp/news.example/world/2026/11/25/big-story.amp',
    // Bing's AMP cache and viewer, which write their addresses as Google's do.
    'https://news-example.bing-amp.com/c/s/news.example/world/2026/11/25/big-story',
    'https://www.bing.com/amp/s/www.news.example/world/2026/11/25/big-story',
    'https://bing.com/amp/news.example/world/2026/11/25/big-story/amp',
    // A directory's index page, as a static site or CMS links it (CNN's /index.html).
    'https://news.example/world/2026/11/25/big-story/index.html',
    'https://www.news.example/world/2026/11/25/big-story/index.htm',
    'https://news.example/world/2026/11/25/big-story/index.amp.html',
    'https://news.example/world/2026/11/25/big-story/amp/index.html',
    // A feed or newsletter that wrote `&` as `&amp;` in a link, or twice over.
    'https://news.example/world/2026/11/25/big-story?utm_source=rss&amp;utm_medium=rss',
    'https://news.example/world/2026/11/25/big-story?utm_source=x&amp;amp;utm_campaign=y',
    'https://news.example/world/2026/11/25/big-story?fbclid=a&AMP;mc_eid=b&amp%3Butm_term=c',
    // Omeda's, Vero's and Webtrends' families, Forbes' share hash.
    'https://news.example/world/2026/11/25/big-story?oly_anon_id=a&oly_enc_id=b&oly_src=c',
    'https://news.example/world/2026/11/25/big-story?vero_conv=a&vero_id=b',
    'https://news.example/world/2026/11/25/big-story?WT.mc_ev=click&WT.tsrc=Twitter&wt_zmc=x',
    'https://news.example/world/2026/11/25/big-story/?sh=4f3a1b2c7d9e',
    // The Washington Post's and The New York Times' own links and share buttons, their newsletters.
    'https://news.example/world/2026/11/25/big-story?itid=hp-top-table-main&wpisrc=nl_headlines&wpmm=1&wpmk=1',
    'https://news.example/world/2026/11/25/big-story?smid=nytimes&smtyp=cur&referringSource=articleShare',
    // Google News Showcase's access grant, Condé Nast's reader, share buttons' network.
    'https://news.example/world/2026/11/25/big-story?gaa_at=eafs&gaa_n=AWEtsqe&gaa_ts=6932a1b2&gaa_sig=8iO',
    'https://news.example/world/2026/11/25/big-story?CNDID=12345678&sr_share=twitter',
    // A newsletter's reader (Klaviyo, ActiveCampaign), an Adobe ad's click.
    'https://news.example/world/2026/11/25/big-story?_kx=abc.XyZ&vgo_ee=bW9jaw%3D%3D',
    'https://news.example/world/2026/11/25/big-story?s_kwcid=AL!1234!3!x&ef_id=Cj0K:G:s',
    // Letters, digits, `-`, `_` and `~` escaped by a link rewriter are the same characters.
    'https://news.example/world/2026/11/25/big%2Dstory',
    'https://news.example/w%6Frld/2026/11/25/%62ig-stor%79/%61mp',
    // HubSpot's visitor cookies, copied into its links to another site.
    'https://news.example/world/2026/11/25/big-story?__hstc=20629287.3f0c.1700000000&__hssc=20629287.1.1700000000&__hsfp=2829413460',
    // Share links' id (YouTube's, Spotify's), MSN's visit from Edge's new tab, HubSpot's buttons.
    'https://news.example/world/2026/11/25/big-story?si=Hk3bX9aQpL2&cvid=7c1e4b9a&hsCtaTracking=5e2f%7C9a1b',
    // A PHP site's directory index, as its own links name it (without a query).
    'https://news.example/world/2026/11/25/big-story/index.php',
    'https://www.news.example/world/2026/11/25/big-story/index.php/?utm_source=x',
    // Google Translate's proxy: the host written in one label (`.` as `-`, `-` as `--`), the
    // translation in `_x_tr_*` parameters.
    'https://news-example.translate.goog/world/2026/11/25/big-story?_x_tr_sl=auto&_x_tr_tl=de&_x_tr_hl=en&_x_tr_pto=wapp',
    'https://www-news-example.translate.goog/world/2026/11/25/big-story/amp?_x_tr_sl=en&_x_tr_tl=fr&_x_tr_hl=fr&_x_tr_sch=http#comments',
    'https://news--example-cdn-ampproject-org.translate.goog/c/s/news.example/world/2026/11/25/big-story?_x_tr_tl=de',
  ])('%s is the same article', (address) => {
    expect(normalizeArticleUrl(address)).toBe(key);
  });

  it.each([
    ['https://news.example/a.amp.html', 'https://news.example/a.html'],
    ['https://news.example/story?id=7&utm_campaign=x', 'https://news.example/story?id=7'],
    ['https://news.example/story?b=2&a=1', 'https://news.example/story?a=1&b=2'],
    ['https://news.example/', 'https://news.example/'],
    ['https://news.example/index.html?id=7', 'https://news.example/?id=7'],
    ['https://news.example/index.php', 'https://news.example/'],
    // A PHP script's query names what it shows: without `index.php`, it may be no page at all.
    ['https://news.example/index.php?id=7', 'https://news.example/index.php?id=7'],
    ['https://news.example/a/index.php?itid=7', 'https://news.example/a/index.php?itid=7'],
    ['https://news.example/a/Index.php', 'https://news.example/a/Index.php'],
    [
      'https://news.example/index.php/2026/05/story',
      'https://news.example/index.php/2026/05/story',
    ],
    ['https://news.example/a/Index.html', 'https://news.example/a/Index.html'],
    ['https://news.example/a/myindex.html', 'https://news.example/a/myindex.html'],
    // Not a dot segment, which parsing the key again would resolve (`/a/.` is `/a/`).
    ['https://news.example/a/..amp', 'https://news.example/a/..amp'],
    ['https://news.example/a/%2e%2E.amp/', 'https://news.example/a/%2E%2E.amp'],
    ['https://news.example:8080/a', 'https://news.example:8080/a'],
    ['https://www.m.news.example/a', 'https://news.example/a'],
    ['https://news.example/story.amp/', 'https://news.example/story'],
    ['https://news.example/story/amp/amp', 'https://news.example/story'],
    ['http://news.example:443/a', 'https://news.example/a'],
    ['https://amp.dev/blog/post', 'https://amp.dev/blog/post'],
    ['https://www.mobile.de/auto/123', 'https://mobile.de/auto/123'],
    ['https://wiki.example/wiki/Amp', 'https://wiki.example/wiki/Amp'],
    ['https://news.example/caf%c3%a9', 'https://news.example/caf%C3%A9'],
    ['https://news.example/café', 'https://news.example/caf%C3%A9'],
    ['https://news.example/a%2fb', 'https://news.example/a%2Fb'],
    ['https://news.example/%7eeditor/a%5fb', 'https://news.example/~editor/a_b'],
    ['https://news.example/a;%6Asessionid=1', 'https://news.example/a'],
    // A session whose segment it leaves a dot segment stays: the key's parse would resolve it.
    ['https://news.example/.;jsessionid=1', 'https://news.example/.;jsessionid=1'],
    ['https://news.example/a/..;JSESSIONID=1/amp', 'https://news.example/a/..;JSESSIONID=1'],
    [
      'https://news.example/a/%2e;jsessionid=1;jsessionid=2/b',
      'https://news.example/a/%2E;jsessionid=1;jsessionid=2/b',
    ],
    ['https://news.example/a%2Eb%20c', 'https://news.example/a%2Eb%20c'],
    ['https://news.example/a%3%30%%61', 'https://news.example/a%3%30%%61'],
    ['https://news.example/a%25%61', 'https://news.example/a%25a'],
    ['https://news.example/story?q=caf%c3%a9', 'https://news.example/story?q=caf%C3%A9'],
    ['https://www.google.com/amp/s', 'https://google.com/amp/s'],
    ['https://www.google.com/search?q=amp', 'https://google.com/search?q=amp'],
    ['https://www.bing.com/search?q=amp', 'https://bing.com/search?q=amp'],
    [
      'https://www.bing.com.evil.example/amp/s/news.example/a',
      'https://bing.com.evil.example/amp/s/news.example/a',
    ],
    [
      'https://google.news.example/amp/s/other.example/a',
      'https://google.news.example/amp/s/other.example/a',
    ],
    // A viewer's or cache's host as its key names it (`www2.`, `m.` and a final dot left off).
    ['https://m.google.com/amp/s/news.example/a', 'https://news.example/a'],
    ['https://www2.bing.com/amp/www.news.example./a', 'https://news.example/a'],
    ['https://news-example.cdn.ampproject.org./c/s/news.example/a', 'https://news.example/a'],
    // A cache serves each site's pages under a label of their own, which a page cannot rewrite (its
    // path it can, history.replaceState): under another label, or none, it stays the cache's.
    ['https://www-news-example.bing-amp.com/c/s/WWW.News.Example/a', 'https://news.example/a'],
    [
      'https://0-ab----c-example-0.cdn.ampproject.org/c/s/ab--c.example/a',
      'https://ab--c.example/a',
    ],
    [
      'https://evil-example.cdn.ampproject.org/c/s/victim.example/a',
      'https://evil-example.cdn.ampproject.org/c/s/victim.example/a',
    ],
    [
      'https://news-example.cdn.ampproject.org/c/s/www.news.example/a',
      'https://news-example.cdn.ampproject.org/c/s/www.news.example/a',
    ],
    [
      'https://ab----c-example.cdn.ampproject.org/c/s/ab--c.example/a',
      'https://ab----c-example.cdn.ampproject.org/c/s/ab--c.example/a',
    ],
    [
      'https://cdn.ampproject.org/c/s/news.example/a',
      'https://cdn.ampproject.org/c/s/news.example/a',
    ],
    [
      'https://news-example.x.cdn.ampproject.org/c/s/news.example/a',
      'https://news-example.x.cdn.ampproject.org/c/s/news.example/a',
    ],
    // A viewer's or cache's path as its key names it: a letter escaped, a Java session left off.
    ['https://www.google.com/%61mp/s/news.example/a', 'https://news.example/a'],
    ['https://www.google.com/amp;jsessionid=1/s/news.example/a', 'https://news.example/a'],
    ['https://news-example.cdn.ampproject.org/%63/%73/news.example/a', 'https://news.example/a'],
    // Google Translate's proxy: a hyphen of the host is doubled, the page's own query stays.
    ['https://my--paper-example.translate.goog/a?_x_tr_sl=auto', 'https://my-paper.example/a'],
    // How the label reads beyond that is told in the query, which the page can rewrite
    // (history.replaceState): `_x_tr_hp=v` would make `ictim-example` victim.example, `_x_tr_enc`
    // a leading `0-` an IDN's `xn--`. Only the label, which the proxy alone sets, names the
    // publisher: such an address stays the proxy's (two entries at worst, never another's),
    // without the parameters of its translation.
    [
      'https://ictim-example.translate.goog/a?_x_tr_hp=v&_x_tr_sl=auto',
      'https://ictim-example.translate.goog/a?_x_tr_hp=v',
    ],
    [
      'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0&_x_tr_tl=en',
      'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0',
    ],
    [
      'https://0-bcher--kva-de.translate.goog/a?_x_tr_tl=en',
      'https://0-bcher--kva-de.translate.goog/a',
    ],
    [
      'https://1-news-example.translate.goog/a?_x_tr_enc=1',
      'https://1-news-example.translate.goog/a?_x_tr_enc=1',
    ],
    [
      'https://news-example.translate.goog/story?id=7&_x_tr_sl=auto&utm_source=x',
      'https://news.example/story?id=7',
    ],
    // Labels no host encodes to are no proxied address: kept whole, as read again.
    [
      'https://a---b-example.translate.goog/x?_x_tr_sl=auto',
      'https://a---b-example.translate.goog/x',
    ],
    ['https://example.translate.goog/x?_x_tr_sl=auto', 'https://example.translate.goog/x'],
    ['https://a.news-example.translate.goog/x', 'https://a.news-example.translate.goog/x'],
    ['https://translate.goog/news.example/x', 'https://translate.goog/news.example/x'],
  ])('%s → %s', (address, expected) => {
    expect(normalizeArticleUrl(address)).toBe(expected);
    // A key is read again (an import, an upgrade): it must stay the article's.
    expect(normalizeArticleUrl(expected)).toBe(expected);
  });

  // A proxied page whose host the label alone does not name stays the proxy's, but one page
  // whatever the translation: its language and how the reader came to it (`_x_tr_pto`) name
  // no other page. What names the host (`_x_tr_hp`, `_x_tr_enc`) stays.
  it.each([
    [
      [
        'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0&_x_tr_sl=de&_x_tr_tl=en&_x_tr_hl=en&_x_tr_pto=sc',
        'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0&_x_tr_sl=de&_x_tr_tl=fr&_x_tr_hl=fr&_x_tr_pto=wapp',
        'https://0-bcher--kva-de.translate.goog/a?_x_tr_tl=en&_x_tr_enc=0&_x_tr_hist=true',
      ],
      'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0',
    ],
    [
      [
        'https://ictim-example.translate.goog/a?_x_tr_hp=v&_x_tr_sl=auto&_x_tr_tl=de',
        'https://ictim-example.translate.goog/a?_x_tr_sch=http&_x_tr_hp=v&_x_tr_tl=en&_x_tr_pto=wapp',
      ],
      'https://ictim-example.translate.goog/a?_x_tr_hp=v',
    ],
    [
      [
        'https://example.translate.goog/x?id=3&_x_tr_sl=auto',
        'https://example.translate.goog/x?id=3',
      ],
      'https://example.translate.goog/x?id=3',
    ],
  ])('keys the proxy addresses %j of one page as %s', (addresses, expected) => {
    for (const address of addresses) expect(normalizeArticleUrl(address)).toBe(expected);
  });

  // A hash-routed app's articles share one path: the route in the fragment names each.
  it.each([
    ['https://site.example/#!/story/1', 'https://site.example/#!/story/1'],
    ['https://www.site.example/#/article/2/', 'https://site.example/#/article/2'],
    ['https://site.example/app/?lang=en#!/story/1//', 'https://site.example/app?lang=en#!/story/1'],
    ['https://site.example/#/caf%c3%a9?id=3', 'https://site.example/#/caf%C3%A9?id=3'],
    // A share link's tracking parameters, in the route's own query.
    [
      'https://site.example/#!/story/1?utm_source=x&id=3&fbclid=y',
      'https://site.example/#!/story/1?id=3',
    ],
    ['https://site.example/#!/story/1?utm_source=x', 'https://site.example/#!/story/1'],
    ['https://site.example/#/?utm_medium=social', 'https://site.example/'],
    // The app's root route is the page itself; a bare `#!` is no route.
    ['https://site.example/#!/', 'https://site.example/'],
    ['https://site.example/#/', 'https://site.example/'],
    ['https://site.example/#!', 'https://site.example/'],
    // A hashbang needs no slash after it (Gawker's `#!5753509/slug`, Google's `#!key=value`).
    ['https://site.example/#!5753509/hello-world/', 'https://site.example/#!5753509/hello-world'],
    ['https://site.example/#!story=12?utm_source=x', 'https://site.example/#!story=12'],
    // A route named like MediaWiki's media viewer's but without a file's namespace is a route.
    ['https://site.example/#/media/42', 'https://site.example/#/media/42'],
  ])('keeps the route of %s: %s', (address, expected) => {
    expect(normalizeArticleUrl(address)).toBe(expected);
    expect(normalizeArticleUrl(expected)).toBe(expected);
  });

  // MediaWiki's media viewer (Wikipedia's) shows one of the article's pictures over it, and
  // writes the picture into the fragment as a route: `#/media/File:Harbour.jpg`.
  it.each([
    'https://en.wikipedia.org/wiki/Harbour#/media/File:Harbour_at_night.jpg',
    'https://de.wikipedia.org/wiki/Harbour#/media/Datei:Hafen%C3%BCbersicht.png',
    'https://en.wikipedia.org/wiki/Harbour#/media/File:Harbour.jpg?utm_source=x',
  ])('keys %s, a picture in the media viewer, as its article', (address) => {
    const article = address.replace(/#.*$/s, '');
    expect(normalizeArticleUrl(address)).toBe(article);
  });

  it.each([
    ['https://site.example/#!/story/1', 'https://site.example/#!/story/2'],
    ['https://site.example/#/article/2', 'https://site.example/'],
    ['https://site.example/#!5753509/hello-world', 'https://site.example/#!5753510/other-story'],
    ['https://site.example/#!5753509/hello-world', 'https://site.example/'],
  ])('keys the routes %s and %s apart', (a, b) => {
    expect(normalizeArticleUrl(a)).not.toBe(normalizeArticleUrl(b));
  });

  // Parameters that name the article, or its page, are no tracking: merged, one article's vote
  // would stand for the other's.
  it.each([
    ['https://news.example/article.php?id=12', 'https://news.example/article.php?id=13'],
    ['https://news.example/?p=959', 'https://news.example/?p=960'],
    ['https://news.example/news.aspx?story=5', 'https://news.example/news.aspx?story=6'],
    ['https://news.example/view?article=7', 'https://news.example/view?article=8'],
    ['https://www.youtube.com/watch?v=abc', 'https://www.youtube.com/watch?v=abd'],
    ['https://news.example/long-read', 'https://news.example/long-read?page=2'],
    ['https://news.example/?s=harbour', 'https://news.example/?s=fire'],
    ['https://news.example/a?id=1&amp;id=2', 'https://news.example/a?id=1'],
    // `ref` picks a branch or a record on some sites, though a share link's elsewhere.
    [
      'https://code.example/docs/-/blob/changes.md?ref=main',
      'https://code.example/docs/-/blob/changes.md?ref=v2',
    ],
    // `itid` is a link's tracking on one newspaper's pages, but a server script's item elsewhere
    // (a state department's `article.php?itid=`, a shop's `product_item.php?ItId=`).
    ['https://gov.example/article.php?itid=Mzky', 'https://gov.example/article.php?itid=MzI2'],
    ['https://shop.example/product_item.php?ItId=25863', 'https://shop.example/product_item.php'],
    ['https://gov.example/page.php?si=12', 'https://gov.example/page.php?si=13'],
    // Two hosts' translations: `news-example` is one host's name, `news.example` another's.
    [
      'https://news-example.translate.goog/a?_x_tr_sl=auto',
      'https://news--example.translate.goog/a?_x_tr_sl=auto',
    ],
  ])('keys %s and %s apart', (a, b) => {
    expect(normalizeArticleUrl(a)).not.toBe(normalizeArticleUrl(b));
  });

  // A page's own address or canonical link may be anything: each took seconds when every round
  // of stripping read the whole path.
  it.each([
    ['25,000 AMP markers', `/a${'/amp'.repeat(25_000)}`, 'https://news.example/a'],
    ['20,000 nested .amp/', `/x${'.amp/'.repeat(20_000)}`, 'https://news.example/x'],
    ['10,000 nested index.php', `/x${'/index.php'.repeat(10_000)}/`, 'https://news.example/x'],
    [
      '100,000 slashes inside',
      `/a${'/'.repeat(100_000)}b`,
      `https://news.example/a${'/'.repeat(100_000)}b`,
    ],
  ])('strips a path of %s', (_, path, expected) => {
    expect(normalizeArticleUrl(`https://news.example${path}`)).toBe(expected);
  });

  // A page in a legacy encoding (EUC-KR, Shift_JIS, GBK) escapes its queries in that encoding:
  // decoded as UTF-8, every value of one length would be the same run of U+FFFD.
  it.each([
    ['https://news.example/tag?q=%C7%D1', 'https://news.example/tag?q=%C7%D2'],
    ['https://news.example/a?id=%FF', 'https://news.example/a?id=%FE'],
    ['https://news.example/a?%FF=1', 'https://news.example/a?%FE=1'],
  ])('keys %s and %s apart', (a, b) => {
    expect(normalizeArticleUrl(a)).not.toBe(normalizeArticleUrl(b));
  });

  it.each([
    ['https://news.example/tag?q=%c7%d1+x&utm_source=y', 'https://news.example/tag?q=%C7%D1+x'],
    ['https://news.example/a?q=%C3%A9', 'https://news.example/a?q=%C3%A9'],
    ['https://news.example/a?q=100%', 'https://news.example/a?q=100%25'],
  ])('keeps the escapes of %s as %s', (address, expected) => {
    expect(normalizeArticleUrl(address)).toBe(expected);
    expect(normalizeArticleUrl(expected)).toBe(expected);
  });

  // A page may declare an address wrapped in Google's caches thousands of times: each round of
  // unwrapping parsed what was left, and 10,000 rounds took 13 seconds.
  it.each([
    ['news-example.cdn.ampproject.org/c/s/', 'news-example.cdn.ampproject.org'],
    ['www.google.com/amp/s/', 'google.com'],
  ])('keys an address wrapped 10,000 times in %s on the wrapper, %s', (wrap, host) => {
    const key = normalizeArticleUrl(`https://${wrap.repeat(10_000)}news.example/a`);
    expect(new URL(key!).hostname).toBe(host);
  });

  it.each([
    ['../25/big-story?utm_source=x', 'https://news.example/world/2026/11/24/index.html'],
    ['/world/2026/11/25/big-story/', 'http://www.news.example/'],
    ['//news.example/world/2026/11/25/big-story', 'https://news.example/elsewhere'],
  ])('resolves %s against %s', (address, base) => {
    expect(normalizeArticleUrl(address, base)).toBe(key);
  });

  it('has no key for a relative address without a base', () => {
    expect(normalizeArticleUrl('/world/2026/11/25/big-story')).toBeNull();
  });

  it.each(['', 'not a url', 'ftp://news.example/a', 'javascript:alert(1)', 'about:blank'])(
    'has no key for %j',
    (address) => {
      expect(normalizeArticleUrl(address)).toBeNull();
    },
  );

  const pathSegment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/).filter((s) => s !== 'amp');
  const articleAddress = fc.record({
    host: fc.constantFrom('news.example', 'www.paper.example', 'blog.example.org'),
    path: fc.array(pathSegment, { minLength: 1, maxLength: 4 }),
    query: fc.array(fc.tuple(fc.constantFrom('id', 'page', 'utm_source', 'fbclid'), pathSegment), {
      maxLength: 3,
    }),
    fragment: fc.option(pathSegment),
  });
  const toAddress = (a: {
    host: string;
    path: string[];
    query: [string, string][];
    fragment: string | null;
  }) =>
    `https://${a.host}/${a.path.join('/')}${a.query.length ? `?${new URLSearchParams(a.query)}` : ''}${
      a.fragment ? `#${a.fragment}` : ''
    }`;

  // Any http(s) address: hosts with stacked or bare variant prefixes, ports, AMP markers and
  // slashes in any order, the hosts of AMP caches and viewers and the addresses they wrap. A key
  // that changed when normalized again could not be found again.
  const variantHost = fc
    .tuple(
      fc.array(fc.constantFrom('www.', 'm.', 'amp.', 'mobile.', 'www2.'), { maxLength: 3 }),
      fc.constantFrom(
        'news.example',
        'example',
        'dev',
        'paper.co.uk',
        'news.example.',
        'google.com',
        'google.co.uk.',
        'bing.com',
        'news-example.cdn.ampproject.org',
        'cdn.ampproject.org.',
        'news-example.translate.goog',
        '1-example.translate.goog.',
        'news--example-cdn-ampproject-org.translate.goog',
      ),
    )
    .map(([prefixes, host]) => prefixes.join('') + host);
  const wrapped = fc.constantFrom(
    '',
    'amp/s/news.example/',
    'amp/www.news.example./',
    'c/s/m.news.example/',
    'c/news.example/',
    '%61mp/s/news.example/',
    'c;jsessionid=1/%73/news.example/',
  );
  // Google Translate's proxy's parameters, which say how its host label reads, beside the page's.
  const query = fc.constantFrom(
    '',
    '?_x_tr_sl=auto&_x_tr_tl=de',
    '?_x_tr_hp=www-&_x_tr_sl=auto',
    '?_x_tr_enc=1&id=2',
    '?_x_tr_hp=%20&_x_tr_enc=0',
  );
  const pathEnd = fc.constantFrom(
    '',
    '/',
    '/amp',
    '/amp/',
    '.amp',
    '.amp/',
    '.amp.html',
    '/Amp',
    '/caf%c3%a9',
    '/index.html',
    '/index.amp.html',
    '/index.php',
    '/..amp',
    '/%2e.amp',
  );
  const anyAddress = fc
    .record({
      scheme: fc.constantFrom('http', 'https'),
      host: variantHost,
      port: fc.constantFrom('', ':80', ':443', ':8080'),
      wrapped,
      path: fc.array(pathSegment, { maxLength: 3 }),
      ends: fc.array(pathEnd, { maxLength: 3 }),
      query,
      fragment: fc.constantFrom('', '#top', '#!/story/1', '#/a b/', '#!'),
    })
    .map(
      (a) =>
        `${a.scheme}://${a.host}${a.port}/${a.wrapped}${a.path.join('/')}${a.ends.join('')}${a.query}${a.fragment}`,
    );

  it('is idempotent on any address', () => {
    fc.assert(
      fc.property(anyAddress, (address) => {
        const once = normalizeArticleUrl(address);
        expect(once).not.toBeNull();
        expect(normalizeArticleUrl(once!)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(articleAddress, (address) => {
        const once = normalizeArticleUrl(toAddress(address));
        expect(once).not.toBeNull();
        expect(normalizeArticleUrl(once!)).toBe(once);
      }),
    );
  });

  it('never merges two distinct article paths', () => {
    fc.assert(
      fc.property(articleAddress, articleAddress, (a, b) => {
        fc.pre(a.host === b.host && a.path.join('/') !== b.path.join('/'));
        expect(normalizeArticleUrl(toAddress(a))).not.toBe(normalizeArticleUrl(toAddress(b)));
      }),
    );
  });
});

describe('withHostOfSite', () => {
  const page = 'https://www.news.example/world/story';
  it.each([
    ['www.news.example/world/story/', '//www.news.example/world/story/'],
    [' news.example ', '//news.example'],
    ['m.news.example:8080/a?id=2', '//m.news.example:8080/a?id=2'],
    ['story.html', 'story.html'],
    ['other.example/world/story', 'other.example/world/story'],
    ['/world/story', '/world/story'],
    ['https://news.example/world/story', 'https://news.example/world/story'],
  ])('reads %j as %j', (written, expected) => {
    expect(withHostOfSite(written, page)).toBe(expected);
  });
});

describe('withoutAnchor', () => {
  it.each([
    ['https://news.example/a#comments', 'https://news.example/a'],
    ['https://news.example/a#:~:text=harbour', 'https://news.example/a'],
    ['https://news.example/a?b=1#', 'https://news.example/a?b=1'],
    ['https://site.example/#!/story/1', 'https://site.example/#!/story/1'],
    ['https://site.example/#/story/1/?id=2', 'https://site.example/#/story/1/?id=2'],
    ['https://site.example/#!5753509/slug', 'https://site.example/#!5753509/slug'],
    [
      'https://wiki.example/wiki/Harbour#/media/File:Harbour.jpg',
      'https://wiki.example/wiki/Harbour',
    ],
  ])('reads %s as %s', (address, expected) => {
    expect(withoutAnchor(address)).toBe(expected);
  });
});

describe('withoutTracking', () => {
  it.each([
    [
      'https://news.example/a?utm_source=mail&id=3&fbclid=x#comments',
      'https://news.example/a?id=3',
    ],
    ['https://reader:secret@news.example/a?_hsenc=p2A&_hsmi=9', 'https://news.example/a'],
    ['https://news.example/a?b=%e9&&UTM_Campaign=x&c=a+b', 'https://news.example/a?b=%e9&c=a+b'],
    ['https://news.example/a?=&%75tm_source=x', 'https://news.example/a?='],
    ['https://site.example/#!/story/1?utm_source=x&id=2', 'https://site.example/#!/story/1?id=2'],
    ['https://site.example/#/story/1/?fbclid=x', 'https://site.example/#/story/1/'],
    ['https://news.example/caf\u00e9?q=\u00e9', 'https://news.example/caf%C3%A9?q=%C3%A9'],
    ['https://news.example/a?id=3&amp;utm_source=rss&amp;oly_src=x', 'https://news.example/a?id=3'],
    // The link opens the translation: the proxy's parameters stay, as the key leaves them off.
    [
      'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0&_x_tr_tl=en&utm_source=x',
      'https://0-bcher--kva-de.translate.goog/a?_x_tr_enc=0&_x_tr_tl=en',
    ],
  ])('reads %s as %s', (address, expected) => {
    expect(withoutTracking(address)).toBe(expected);
  });

  it('leaves the key as it was, and is idempotent', () => {
    const tracking = fc.constantFrom(
      'utm_source',
      'fbclid',
      '_hsenc',
      'mc_eid',
      'Gclid',
      'id',
      'q',
    );
    const pair = fc
      .tuple(tracking, fc.string({ maxLength: 6 }), fc.boolean())
      .map(([name, value, escaped]) => `${name}=${escaped ? encodeURIComponent(value) : value}`);
    const address = fc
      .tuple(
        fc.constantFrom(
          'https://www.news.example/a',
          'http://reader@m.news.example/b/amp',
          'https://site.example/#!/s?',
        ),
        fc.array(pair, { maxLength: 6 }),
        fc.constantFrom('', '#comments', '#:~:text=x'),
      )
      .map(
        ([base, pairs, hash]) => `${base}${base.includes('#') ? '' : '?'}${pairs.join('&')}${hash}`,
      );
    fc.assert(
      fc.property(address, (page) => {
        const reduced = withoutTracking(page);
        expect(normalizeArticleUrl(reduced)).toBe(normalizeArticleUrl(page));
        expect(withoutTracking(reduced)).toBe(reduced);
      }),
    );
  });
});

describe('siteOf', () => {
  it.each([
    ['www.news.example', 'news.example'],
    ['m.news.example', 'news.example'],
    ['amp.dev', 'amp.dev'],
    ['News.Example.', 'news.example'],
    ['www.news.example.', 'news.example'],
  ])('takes %s as the site %s', (host, site) => {
    expect(siteOf(host)).toBe(site);
  });
});

describe('withoutInnerMobileLabel', () => {
  it.each([
    ['https://en.m.wiki.example/wiki/Harbour', 'https://en.wiki.example/wiki/Harbour'],
    ['https://de.mobile.news.example:8080/a', 'https://de.news.example:8080/a'],
    ['https://en.m.mobile.wiki.example/a', 'https://en.wiki.example/a'],
    // A leading label is siteOf's; a label before a single one would leave a bare name.
    ['https://m.wiki.example/a', 'https://m.wiki.example/a'],
    ['https://news.m.example/a', 'https://news.m.example/a'],
    ['https://en.wiki.example/m/a', 'https://en.wiki.example/m/a'],
  ])('reads %s as %s', (key, expected) => {
    expect(withoutInnerMobileLabel(key)).toBe(expected);
  });
});

describe('hostOfPage', () => {
  it.each([
    ['https://www.news.example/a', 'www.news.example'],
    ['https://www.news.example./a', 'www.news.example'],
    // Google's AMP viewer and cache: the page is the publisher's, and so is its switch.
    ['https://www.google.com/amp/s/www.news.example/a', 'www.news.example'],
    ['https://www.google.co.uk/amp/s/news.example./a', 'news.example'],
    ['https://news-example.cdn.ampproject.org/c/s/news.example/a', 'news.example'],
    ['https://www-news-example.bing-amp.com/c/s/www.news.example/a', 'www.news.example'],
    ['https://www-news-example.translate.goog/a?_x_tr_sl=auto&_x_tr_tl=de', 'www.news.example'],
    ['https://www.google.com/search?q=amp', 'www.google.com'],
  ])('reads %s as %s', (address, host) => {
    expect(hostOfPage(address)).toBe(host);
  });
});
