import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readPageFactsSteps, type PageFacts } from '../../../src/core/detect/read-page-facts';
import { drain } from '../../../src/core/run-in-slices';
import { SIGNAL_NAMES, SIGNALS, type SignalName } from '../../../src/core/detect/signals';
import { MIN_HEADED_SNIPPETS } from '../../../src/core/detect/signals/headed-snippets';
import { prose } from '../../support/prose';

/** The facts of a page of `body` (and `head`) at `url`. */
function facts(
  body: string,
  head = '',
  url = 'https://news.example/2024/05/harbour-story',
): PageFacts {
  const doc = new JSDOM(`<html><head>${head}</head><body>${body}</body></html>`, { url }).window
    .document;
  const found = drain(readPageFactsSteps(doc));
  if (!found) throw new Error('no paragraphs');
  return found;
}

/** A plain story: a heading and `count` paragraphs of `chars` characters, in `tag`. */
const story = (count = 4, chars = 300, tag = 'div') =>
  `<${tag} id="story"><h1>Harbour story</h1>${`<p>${prose(chars)}</p>`.repeat(count)}</${tag}>`;
const jsonLd = (type: string) =>
  `<script type="application/ld+json">${JSON.stringify({ '@type': type, headline: 'x' })}</script>`;
const teasers = (count: number, chars: number) =>
  `<main>${Array.from(
    { length: count },
    (_, i) =>
      `<div class="teaser"><h2><a href="/story-${i}">Story number ${i}</a></h2><p>${prose(chars)}</p></div>`,
  ).join('')}</main>`;
/** A product's page: a plain heading over each short field. */
const specifications = `<div id="product"><h1>Kettle</h1>${[
  'Description',
  'Materials',
  'Care',
  'Delivery',
  'Returns',
  'Warranty',
]
  .map((field) => `<h3>${field}</h3><p>${prose(160)}</p>`)
  .join('')}</div>`;
const thread = Array.from(
  { length: 5 },
  (_, i) =>
    `<div class="post"><a href="/members/user${i}/">user${i}</a><p>${prose(300)}</p><p>${prose(200)}</p></div>`,
).join('');

/** A microdata item of `itemType`, a name and a price in it. */
const saleItem = (itemType: string) =>
  `<div itemscope itemtype="${itemType}"><span itemprop="name">Kettle</span>` +
  `<span itemprop="price">24.90</span></div>`;

const serviceAddress = 'https://firm.example/services/repairs';
const OG_TYPE_ARTICLE = '<meta property="og:type" content="article">';
const publishedTime = '<meta property="article:published_time" content="2024-05-01">';
const siteMenu = `<nav><a href="/">Home</a> <a href="/services/repairs">Repairs</a></nav>`;

/** For each signal: a page where it fires (or reads higher) and one where it does not. */
const cases: Record<SignalName, { fires: () => PageFacts; quiet: () => PageFacts }> = {
  bodyLength: { fires: () => facts(story(8, 400)), quiet: () => facts(story(1, 120)) },
  bodyTextShare: {
    fires: () => facts(story()),
    // A short story beside smaller blocks, each too deep in its own wrappers to share a scored ancestor.
    quiet: () =>
      facts(
        `<div><div><div><div><div><p>${prose(300)}</p><p>${prose(300)}</p></div></div></div></div></div>` +
          `<div><div><div><div><div><p>${prose(150)}</p><p>${prose(100)}</p></div></div></div></div></div>`.repeat(
            6,
          ),
      ),
  },
  longParagraphs: { fires: () => facts(story(4, 300)), quiet: () => facts(story(12, 120)) },
  paragraphCount: { fires: () => facts(story(10, 200)), quiet: () => facts(story(1, 900)) },
  declaresArticle: {
    fires: () => facts(story(), jsonLd('NewsArticle')),
    quiet: () => facts(story()),
  },
  openGraphArticle: {
    fires: () => facts(story(), '<meta property="og:type" content="article">'),
    quiet: () => facts(story(), '<meta property="og:type" content="website">'),
  },
  articleMarkup: { fires: () => facts(story(4, 300, 'article')), quiet: () => facts(story()) },
  declaresNonArticle: {
    fires: () => facts(story(), jsonLd('VideoObject')),
    quiet: () => facts(story()),
  },
  publishedDate: {
    fires: () => facts(story(), '<meta property="article:published_time" content="2024-05-01">'),
    quiet: () => facts(story()),
  },
  listingAddress: {
    fires: () => facts(story(), '', 'https://news.example/'),
    quiet: () => facts(story()),
  },
  siteInfoPage: {
    fires: () => facts(story(), '<title>Über uns | Example</title>'),
    quiet: () => facts(story(), '<title>Harbour fire: what we know about it | Example</title>'),
  },
  listingTitle: {
    fires: () => facts(story(), '<title>Blog – Example</title>'),
    quiet: () => facts(story(), '<title>Harbour story – Example – Blog</title>'),
  },
  referencePage: {
    fires: () => facts(story(), '<title>Glossary | Example</title>'),
    quiet: () => facts(story(), '<title>A new glossary for the harbour | Example</title>'),
  },
  forumAddress: {
    fires: () => facts(story(), '', 'https://forum.example.com/viewtopic.php?t=12'),
    quiet: () => facts(story()),
  },
  addressSlugWords: {
    fires: () => facts(story()),
    quiet: () => facts(story(), '', 'https://firm.example/services/'),
  },
  numberedAddress: {
    fires: () => facts(story()),
    quiet: () => facts(story(), '', 'https://firm.example/services/repairs'),
  },
  sectionAddress: {
    fires: () => facts(story(), '', 'https://news.example/sport/football'),
    quiet: () => facts(story()),
  },
  headlineWords: {
    fires: () => facts(`<h1>Fire closes the harbour for a week</h1>${story()}`),
    quiet: () => facts(`<h1>Services</h1>${story()}`),
  },
  anyArticleDeclaration: {
    fires: () => facts(story(), '<meta property="og:type" content="article">'),
    quiet: () => facts(story()),
  },
  anyNonArticleMark: {
    fires: () => facts(story(), '<title>Privacy Policy</title>'),
    quiet: () => facts(story()),
  },
  legalTitle: {
    fires: () => facts(story(), '<title>Privacy Policy</title>'),
    quiet: () => facts(story()),
  },
  teaserList: { fires: () => facts(teasers(6, 200)), quiet: () => facts(story()) },
  linkDensity: {
    fires: () => facts(`<div>${`<p><a href="/x">${prose(200)}</a></p>`.repeat(4)}</div>`),
    quiet: () => facts(story()),
  },
  headingDensity: { fires: () => facts(teasers(6, 200)), quiet: () => facts(story()) },
  headedSnippets: { fires: () => facts(specifications), quiet: () => facts(story()) },
  playerBesideLittleText: {
    fires: () => facts(`<article><video src="clip.mp4"></video>${story(1, 200)}</article>`),
    quiet: () => facts(`<article><video src="clip.mp4"></video>${story(6, 400)}</article>`),
  },
  mediaPage: {
    fires: () => facts(story(), '', 'https://news.example/video/harbour-fire-12345'),
    quiet: () =>
      facts(
        story(8, 300),
        '<meta property="article:published_time" content="2024-05-01">',
        'https://news.example/video/harbour-fire-12345',
      ),
  },
  entryList: { fires: () => facts(teasers(3, 900)), quiet: () => facts(story()) },
  siteMenuPage: {
    fires: () =>
      facts(
        `<nav><a href="/">Home</a> <a href="/services/repairs">Repairs</a></nav>${story()}`,
        '',
        'https://firm.example/services/repairs',
      ),
    quiet: () =>
      facts(`<nav><a href="/">Home</a> <a href="/services/repairs">Repairs</a></nav>${story()}`),
  },
  productOffer: {
    fires: () => facts(story() + saleItem('http://schema.org/Offer')),
    quiet: () => facts(story() + saleItem('https://schema.org/Person')),
  },
  signedPosts: { fires: () => facts(`<main>${thread}</main>`), quiet: () => facts(story()) },
  unvouchedNonArticleMark: {
    fires: () => facts(story() + saleItem('http://schema.org/Offer'), '', serviceAddress),
    quiet: () =>
      facts(story() + saleItem('http://schema.org/Offer'), publishedTime, serviceAddress),
  },
};

describe.each(SIGNAL_NAMES)('signal %s', (name) => {
  it('reads higher on the page it names than on a plain one', () => {
    const { fires, quiet } = cases[name];
    expect(SIGNALS[name](fires())).toBeGreaterThan(SIGNALS[name](quiet()));
  });

  it('is a finite number', () => {
    expect(Number.isFinite(SIGNALS[name](cases[name].quiet()))).toBe(true);
  });
});

describe('signal longParagraphs', () => {
  it('leaves out runs of letters and signs too long to be words: keys, hashes', () => {
    const key = 'AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkI+'.repeat(6);
    const keys = facts(
      `<div id="diff"><h1>Request</h1>${`<p>${prose(80)} ${key}</p>`.repeat(4)}</div>`,
    );
    expect(SIGNALS.longParagraphs(keys)).toBe(0);
    // A Han paragraph, written without spaces, is words.
    const han = '稍微上了一点年纪的中国人都听说过健力宝这个名字吧其实健力宝现在还有的'.repeat(12);
    expect(
      SIGNALS.longParagraphs(facts(`<div><h1>健力宝</h1>${`<p>${han}</p>`.repeat(4)}</div>`)),
    ).toBeGreaterThan(4);
  });
});

describe('signal bodyLength', () => {
  it('weighs a character of Han or kana as three of a Latin script', () => {
    const han = '肉をくわえたイヌが橋を渡っていました'.repeat(20).slice(0, 300);
    const cjk = facts(`<div><h1>イヌ</h1>${`<p>${han}</p>`.repeat(4)}</div>`);
    const latin = facts(story(4, 900));
    expect(SIGNALS.bodyLength(cjk)).toBeCloseTo(SIGNALS.bodyLength(latin), 1);
  });

  // The scan can count a linked paragraph's link text one character longer than its text.
  it('is a number of at least 0 where every paragraph lies in a link', () => {
    const links = Array.from(
      { length: 12 },
      (_, i) => `<a href="/story-${i}"><p>\n    ${prose(80)} </p></a>`,
    ).join('');
    expect(SIGNALS.bodyLength(facts(`<div id="list">${links}</div>`))).toBeGreaterThanOrEqual(0);
  });
});

describe('signal headlineWords', () => {
  it('counts a word for two characters of Han or kana', () => {
    const japanese = facts(`<h1>港で火事があり、一週間閉鎖</h1>${story()}`);
    expect(SIGNALS.headlineWords(japanese)).toBeGreaterThan(4);
  });

  it("reads the title's longest part when the page has no <h1>", () => {
    const page = facts(
      story().replace(/<\/?h1>/g, ''),
      '<title>Fire closes the harbour | Gazette</title>',
    );
    expect(SIGNALS.headlineWords(page)).toBe(4);
  });
});

describe('signal listingTitle', () => {
  const titled = (title: string) => SIGNALS.listingTitle(facts(story(), `<title>${title}</title>`));

  it("fires on a title that names a site's list first", () => {
    expect(titled('Blog - Schattiges Plätzchen')).toBe(1);
    expect(titled('News | Gazette')).toBe(1);
    expect(titled('Startseite')).toBe(1);
    expect(titled('Blog | MightyFingers | HTML5 Game Editor')).toBe(1);
  });

  it('stays quiet on stories, whatever their site is called', () => {
    expect(titled('Fall in love with black – LDT – Blog')).toBe(0);
    expect(titled('News: the harbour reopens')).toBe(0);
    expect(titled('Blog post from the harbour | Gazette')).toBe(0);
    expect(titled('News - Elder: from the ghetto to Augusta | Golf')).toBe(0);
  });
});

describe('signal entryList', () => {
  it('fires on a list of whole posts, each under a heading linking to it', () => {
    expect(SIGNALS.entryList(facts(teasers(3, 900)))).toBe(1);
  });

  it("stays quiet on a story whose pictures and poll a CMS heads with a link to the file's page", () => {
    const section = (heading: string) =>
      `<h2><a href="/files/harbour">${heading}</a></h2><p>${prose(900)}</p><p>${prose(900)}</p>`;
    const body = `<main>${section('harbour_fire.jpg')}${section('')}${section('quay.PNG')}</main>`;
    expect(SIGNALS.entryList(facts(body))).toBe(0);
    expect(SIGNALS.entryList(facts(body.replace(/harbour_fire\.jpg|quay\.PNG/g, 'Quay')))).toBe(1);
  });
});

describe('signal teaserList', () => {
  /** A directory's listing: each entry's name, then its description cut off with an ellipsis. */
  const snippets = (count: number, cut: number) =>
    `<div id="listing"><h1>Jewellery shops</h1>${Array.from(
      { length: count },
      (_, i) => `<p>Shop ${i}. ${prose(280)}${i < cut ? '\u2026' : '.'}</p>`,
    ).join('')}</div>`;

  const undated = 'https://directory.example/shops/alder-bay';

  it("fires on a body whose paragraphs mostly break off with an ellipsis, a listing's snippets", () => {
    expect(SIGNALS.teaserList(facts(snippets(6, 4), '', undated))).toBe(1);
    expect(SIGNALS.teaserList(facts(snippets(6, 6).replaceAll('\u2026', '...'), '', undated))).toBe(
      1,
    );
  });

  it('stays quiet on a dated or declared story whose lines trail off (a style, a box of excerpts)', () => {
    expect(SIGNALS.teaserList(facts(snippets(6, 4)))).toBe(0);
    expect(SIGNALS.teaserList(facts(snippets(6, 4), jsonLd('NewsArticle'), undated))).toBe(0);
  });

  it('stays quiet on a story with a sentence or two trailing off', () => {
    expect(SIGNALS.teaserList(facts(snippets(6, 2)))).toBe(0);
    expect(SIGNALS.teaserList(facts(snippets(2, 2)))).toBe(0);
  });
});

describe('signal legalTitle', () => {
  const titled = (title: string) => SIGNALS.legalTitle(facts(story(), `<title>${title}</title>`));

  it("fires on a licence's text: a public licence or a licence agreement, with its version", () => {
    expect(
      titled('The GNU General Public License v3.0 - GNU Project - Free Software Foundation'),
    ).toBe(1);
    expect(titled('Mozilla Public License, version 2.0')).toBe(1);
    expect(titled('End User License Agreement | Example')).toBe(1);
  });

  it('stays quiet on stories about a licence', () => {
    expect(titled('Why the GNU General Public License still matters')).toBe(0);
    expect(titled('Studio signs a licence agreement with the league | Gazette')).toBe(0);
    expect(titled('Driving licence rules change in May')).toBe(0);
    expect(titled('Public license plates get a new look')).toBe(0);
    expect(titled('Mozilla Public License 2.0 adopted by the city')).toBe(0);
    expect(titled('Pfizer signs licence agreement | Pharma Times')).toBe(0);
    expect(titled('Rethinking the General Public License – Dev Blog')).toBe(0);
    expect(titled("MongoDB's Server Side Public License")).toBe(0);
  });
});

describe('signal forumAddress', () => {
  const at = (url: string) => SIGNALS.forumAddress(facts(story(), '', url));

  it("fires on a forum's host or a thread's path", () => {
    expect(at('https://foren.example.de/viewtopic.php?f=4&t=167')).toBe(1);
    expect(at('https://discuss.example.com/t/harbour-fire/2041')).toBe(1);
    expect(at('https://example.com/threads/harbour-fire.2041/')).toBe(1);
    expect(at('https://example.org/board/showthread.php?tid=9')).toBe(1);
    expect(at('https://community.example.com/t/harbour-fire/2041/3')).toBe(1);
    expect(at('https://qa.example.com/questions/231767/what-does-yield-do')).toBe(1);
    expect(at('https://www.example.cn/question/23603839')).toBe(1);
    expect(at('https://community.example.com/discussions/77059/213157/midi-control')).toBe(1);
  });

  it('stays quiet on stories whose address only holds such a word', () => {
    expect(at('https://news.example/2024/05/forum-on-harbour-safety')).toBe(0);
    expect(at('https://forumnews.example/2024/05/harbour-fire')).toBe(0);
    expect(at('https://news.example/tech/threads-app-adds-feeds')).toBe(0);
    expect(at('https://news.example/t/harbour-fire')).toBe(0);
    expect(at('https://news.example/2024/05/questions-over-harbour-fire')).toBe(0);
    expect(at('https://news.example/questions/harbour-fire-what-we-know')).toBe(0);
  });

  it("fires on a forum's index, the root of a site's board", () => {
    expect(at('https://shop.example/forum')).toBe(1);
    expect(at('https://example.com/forum/')).toBe(1);
    expect(at('https://example.com/forums/index.php')).toBe(1);
    expect(at('https://example.de/community/foren/')).toBe(1);
  });

  it('stays quiet on a story filed below a section so named', () => {
    expect(at('https://news.example/forum/harbour-fire-closes-port')).toBe(0);
    expect(at('https://news.example/opinion/forum-on-the-harbour')).toBe(0);
    expect(at('https://news.example/boardsindex.php')).toBe(0);
  });
});

describe('signal siteInfoPage', () => {
  const titled = (title: string) => facts(story(), `<title>${title}</title>`);
  const at = (url: string) => facts(story(), '', url);

  it('fires on a title or a part of one that names a page about the site', () => {
    expect(SIGNALS.siteInfoPage(titled('About us'))).toBe(1);
    expect(SIGNALS.siteInfoPage(titled('Gazette | Über uns'))).toBe(1);
    expect(SIGNALS.siteInfoPage(titled('Chi siamo – Gazzetta'))).toBe(1);
    expect(SIGNALS.siteInfoPage(titled('Forums-Regeln'))).toBe(1);
    expect(SIGNALS.siteInfoPage(titled('Contact « Gazette'))).toBe(1);
  });

  it('fires on an address whose last segment names such a page', () => {
    expect(SIGNALS.siteInfoPage(at('https://duo.example/uber-uns/'))).toBe(1);
    expect(SIGNALS.siteInfoPage(at('https://firm.example/about'))).toBe(1);
    expect(SIGNALS.siteInfoPage(at('https://firm.example/de/%C3%BCber-uns.html'))).toBe(1);
  });

  it('stays quiet on stories that only mention such a word', () => {
    expect(SIGNALS.siteInfoPage(titled('What we know about the fire | Gazette'))).toBe(0);
    expect(SIGNALS.siteInfoPage(titled('Team wins the cup'))).toBe(0);
    expect(SIGNALS.siteInfoPage(at('https://news.example/sport/about-the-team-that-won'))).toBe(0);
    expect(SIGNALS.siteInfoPage(at('https://news.example/contact/2024/05/new-phone-lines'))).toBe(
      0,
    );
  });
});

describe('signal referencePage', () => {
  const titled = (title: string) => facts(story(), `<title>${title}</title>`);
  const at = (url: string) => facts(story(), '', url);

  it("fires on a title part that names a reference work or reads as a dictionary's entry", () => {
    expect(SIGNALS.referencePage(titled('Lexikon « Löwenseiten'))).toBe(1);
    expect(SIGNALS.referencePage(titled('Tide – Glossary – Harbour Board'))).toBe(1);
    expect(SIGNALS.referencePage(titled('Serendipity Definition & Meaning - Lexico'))).toBe(1);
    expect(SIGNALS.referencePage(titled('What is leverage? definition and meaning - Jargon'))).toBe(
      1,
    );
  });

  it("fires on an address with a reference work's folder", () => {
    expect(SIGNALS.referencePage(at('https://bank.example/glossary/leverage'))).toBe(1);
    expect(SIGNALS.referencePage(at('https://zoo.example/loewen-lexikon/?letter=M'))).toBe(1);
    expect(SIGNALS.referencePage(at('https://verlag.example/w%C3%B6rterbuch/hafen'))).toBe(1);
  });

  it('stays quiet on stories about a reference work', () => {
    expect(SIGNALS.referencePage(titled('The dictionary adds 500 words | Gazette'))).toBe(0);
    expect(SIGNALS.referencePage(titled('Definition and meaning of tides, explained'))).toBe(0);
    expect(
      SIGNALS.referencePage(at('https://news.example/2024/05/why-we-need-a-new-dictionary')),
    ).toBe(0);
    expect(SIGNALS.referencePage(at('https://news.example/2024/05/urban-dictionary-rizz'))).toBe(0);
  });
});

describe('signal productOffer', () => {
  it('fires on a Product, Offer or AggregateOffer item, whichever the scheme or case', () => {
    expect(SIGNALS.productOffer(facts(story() + saleItem('https://schema.org/Product')))).toBe(1);
    expect(SIGNALS.productOffer(facts(story() + saleItem('http://SCHEMA.org/Offer')))).toBe(1);
    expect(
      SIGNALS.productOffer(facts(saleItem('https://schema.org/AggregateOffer') + story())),
    ).toBe(1);
  });

  it('fires on an app or a game offered for install: its store page', () => {
    for (const type of [
      'SoftwareApplication',
      'MobileApplication',
      'WebApplication',
      'VideoGame',
    ]) {
      expect(SIGNALS.productOffer(facts(story() + saleItem(`https://schema.org/${type}`)))).toBe(1);
    }
  });

  it('stays quiet on a review of an app, which marks up the app it reviews', () => {
    const review =
      '<div itemscope itemtype="https://schema.org/Review">' +
      `<div itemprop="itemReviewed" itemscope itemtype="https://schema.org/MobileApplication">Maps</div>` +
      `${story()}</div>`;
    expect(SIGNALS.productOffer(facts(review))).toBe(0);
  });

  it('stays quiet on other items and on a price written in the text', () => {
    expect(SIGNALS.productOffer(facts(story() + saleItem('https://schema.org/Person')))).toBe(0);
    expect(SIGNALS.productOffer(facts(`${story()}<p>The kettle costs 24.90 euros.</p>`))).toBe(0);
  });

  it('stays quiet on a piece of writing that marks up a product', () => {
    const review =
      '<div itemscope itemtype="https://schema.org/Review">' +
      `<div itemprop="itemReviewed" itemscope itemtype="https://schema.org/Product">Kettle</div>` +
      `${story()}</div>`;
    expect(SIGNALS.productOffer(facts(review))).toBe(0);
    // Paywall markup types the publication a CreativeWork and a Product (some write %20).
    const paywalled = saleItem('http://schema.org/CreativeWork%20http://schema.org/Product');
    expect(SIGNALS.productOffer(facts(story() + paywalled))).toBe(0);
    expect(SIGNALS.productOffer(facts(story() + saleItem('https://schema.org/NewsArticle')))).toBe(
      0,
    );
  });

  it("fires on a product holding its buyers' reviews", () => {
    const withReviews =
      '<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1>' +
      `<div itemprop="review" itemscope itemtype="https://schema.org/Review">${story()}</div></div>`;
    expect(SIGNALS.productOffer(facts(withReviews))).toBe(1);
    // Inside an item that says nothing of the page (a template's WebPage) too.
    const inWebPage = `<div itemscope itemtype="https://schema.org/WebPage">${withReviews}</div>`;
    expect(SIGNALS.productOffer(facts(inWebPage))).toBe(1);
  });

  it('fires on a page whose root is typed for sale in RDFa', () => {
    const typed = (type: string) =>
      drain(
        readPageFactsSteps(
          new JSDOM(`<html typeof="${type}"><body>${story()}</body></html>`).window.document,
        ),
      )!;
    expect(SIGNALS.productOffer(typed('gr:Offering'))).toBe(1);
    expect(SIGNALS.productOffer(typed('WebPage'))).toBe(0);
  });

  it('does not count items in an aside, which the walk skips', () => {
    const inAside = `<aside>${saleItem('https://schema.org/Product')}</aside>`;
    expect(SIGNALS.productOffer(facts(story() + inAside))).toBe(0);
  });
});

describe('signal signedPosts', () => {
  const han = '稍微上了一点年纪的中国人都听说过健力宝这个名字吧其实健力宝现在还有的'.repeat(12);
  const post = (header: string) =>
    facts(`<div id="post"><p>${header}<br>${han}</p><p>${han}</p></div>`);

  it("fires on a post that opens with a BBS's header: its sender and its board", () => {
    expect(
      SIGNALS.signedPosts(post('发信人: getout (出去), 信区: Beijing<br>标 题: 可乐的价格')),
    ).toBe(1);
  });

  it('fires on a post whose header names its author and its board before the first paragraph', () => {
    // PttBBS's web view: one line each for the author, the board, the title and the time.
    const header = [
      ['\u4f5c\u8005', 'getout (\u51fa\u53bb)'],
      ['\u770b\u677f', 'Gossiping'],
      ['\u6a19\u984c', '\u53ef\u6a02\u7684\u50f9\u683c'],
      ['\u6642\u9593', 'Wed Jan 21 21:17:51 2015'],
    ]
      .map(([tag, value]) => `<div class="metaline"><span>${tag}</span><span>${value}</span></div>`)
      .join('');
    expect(
      SIGNALS.signedPosts(facts(`<div id="post">${header}<p>${han}</p><p>${han}</p></div>`)),
    ).toBe(1);
  });

  it('stays quiet on a story that names a sender only', () => {
    expect(SIGNALS.signedPosts(post('发信人: 新华社记者'))).toBe(0);
    // An author's line, and a billboard (看板) named further on in the story.
    expect(SIGNALS.signedPosts(post('\u4f5c\u8005\uff1a\u65b0\u83ef\u793e\u8a18\u8005'))).toBe(0);
    expect(
      SIGNALS.signedPosts(
        post(`\u4f5c\u8005\uff1a\u738b\u5c0f\u660e ${han.slice(0, 200)}\u5ee3\u544a\u770b\u677f`),
      ),
    ).toBe(0);
    // An author's line, then a story about billboards (看板) at once: no board's name follows.
    expect(
      SIGNALS.signedPosts(
        post(`\u4f5c\u8005\uff1a\u738b\u5c0f\u660e \u5e02\u5e9c\u62c6\u9664\u770b\u677f${han}`),
      ),
    ).toBe(0);
    expect(SIGNALS.signedPosts(facts(story()))).toBe(0);
  });
});

describe('signal declaresNonArticle', () => {
  const inItem = (type: string) =>
    `<div itemscope itemtype="https://schema.org/${type}">${story()}</div>`;

  it("fires on a bare WebPage, a site's own page, even around a microdata item of another kind", () => {
    expect(SIGNALS.declaresNonArticle(facts(story(), jsonLd('WebPage')))).toBe(1);
    expect(SIGNALS.declaresNonArticle(facts(inItem('Product'), jsonLd('WebPage')))).toBe(1);
  });

  it("fires on a page whose Twitter card is a player: a clip's or an episode's page", () => {
    for (const attribute of ['name', 'property']) {
      const card = `<meta ${attribute}="twitter:card" content="player">`;
      expect(SIGNALS.declaresNonArticle(facts(story(), card))).toBe(1);
    }
  });

  it("stays quiet on a story's summary card, and on a player card beside a JSON-LD article", () => {
    const card = (kind: string) => `<meta name="twitter:card" content="${kind}">`;
    expect(SIGNALS.declaresNonArticle(facts(story(), card('summary_large_image')))).toBe(0);
    expect(SIGNALS.declaresNonArticle(facts(story(), card('player') + jsonLd('NewsArticle')))).toBe(
      0,
    );
  });

  it("stays quiet on a sidebar's list of events, and fires on a page that is one event", () => {
    const event = (name: string) => ({ '@type': 'Event', name, startDate: '2024-06-01' });
    const block = (value: unknown) =>
      `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
    const upcoming = block([event('Casting course'), event('Boat show'), event('Fish fry')]);
    expect(SIGNALS.declaresNonArticle(facts(story() + upcoming, OG_TYPE_ARTICLE))).toBe(0);
    expect(SIGNALS.declaresNonArticle(facts(story(), block(event('Boat show'))))).toBe(1);
    expect(SIGNALS.declaresNonArticle(facts(story(), block([event('Boat show')])))).toBe(1);
  });

  it('stays quiet on a bare WebPage whose body lies in a microdata Article item', () => {
    expect(SIGNALS.declaresNonArticle(facts(inItem('Article'), jsonLd('WebPage')))).toBe(0);
  });

  it('still fires on a video or a recipe whose body lies in a microdata Article item', () => {
    expect(SIGNALS.declaresNonArticle(facts(inItem('Article'), jsonLd('VideoObject')))).toBe(1);
    expect(SIGNALS.declaresNonArticle(facts(inItem('Article'), jsonLd('Recipe')))).toBe(1);
  });
});

describe('signal headedSnippets', () => {
  it('leaves out teasers, whose headings link to their stories', () => {
    expect(SIGNALS.headedSnippets(facts(teasers(6, 200)))).toBe(0);
  });

  it('counts the plain headings of a labelled list of fields', () => {
    expect(SIGNALS.headedSnippets(facts(specifications))).toBeGreaterThanOrEqual(5);
  });

  it('counts each plain subheading from h2 to h6, none that holds a link or lies in one', () => {
    const fields = ['h2', 'h3', 'h4', 'h5', 'h6']
      .map((tag) => `<${tag}>Field</${tag}><p>${prose(60)}</p>`)
      .join('');
    const anchored =
      `<h3 id="top"><a href="#end">To the end</a></h3><p>${prose(60)}</p>` +
      `<a href="#top"><h4 id="end">To the top</h4></a><p>${prose(60)}</p>`;
    // Under 1000 body characters, the value is the count itself.
    expect(SIGNALS.headedSnippets(facts(`<div><h1>Kettle</h1>${fields}${anchored}</div>`))).toBe(5);
  });

  it('weighs Han as bodyLength does: a Chinese story in short sections is no list of fields', () => {
    const han = '稍微上了一点年纪的中国人都听说过健力宝这个名字吧其实健力宝现在还有的';
    const sections = `<h3>第一</h3><p>${han.repeat(4)}</p>`.repeat(8);
    // 8 headings over 1,088 characters of Han, weighed as 3,264.
    expect(SIGNALS.headedSnippets(facts(`<div><h1>健力宝</h1>${sections}</div>`))).toBeLessThan(
      MIN_HEADED_SNIPPETS,
    );
  });

  it('leaves out empty headings, which an editor leaves as blank lines between paragraphs', () => {
    const spacedStory = `<div><h1>Harbour story</h1>${`<p>${prose(60)}</p><h3>&nbsp;</h3><h2> <br></h2>`.repeat(5)}</div>`;
    expect(SIGNALS.headedSnippets(facts(spacedStory))).toBe(0);
    // Headings of a field's name still count between the blank ones.
    const spacedFields = `<div><h1>Kettle</h1>${`<h3>Field</h3><p>${prose(60)}</p><h3>&nbsp;</h3>`.repeat(5)}</div>`;
    expect(SIGNALS.headedSnippets(facts(spacedFields))).toBe(5);
  });
});

describe('signal mediaPage', () => {
  const at = (url: string, title = 'Harbour fire') =>
    SIGNALS.mediaPage(facts(story(), `<title>${title}</title>`, url));

  it("fires on a clip's, an episode's or a gallery's address or title", () => {
    expect(at('https://news.example/news/av/uk-12345')).toBe(1);
    expect(at('https://news.example/panorama/bildergalerie/harbour-fire.html')).toBe(1);
    expect(at('https://news.example/deportes/v%C3%ADdeos/harbour-fire')).toBe(1);
    expect(at('https://podcast.example/episodes/117')).toBe(1);
    expect(at('https://news.example/2024/05/harbour', 'Video: the harbour fire | Gazette')).toBe(1);
    expect(at('https://news.example/2024/05/harbour', 'In pictures: the harbour fire')).toBe(1);
    expect(at('https://news.example/2024/05/harbour', 'WATCH LIVE: the harbour fire')).toBe(1);
    expect(at('https://news.example/2024/05/harbour', 'Bilder: Brand im Hafen')).toBe(1);
  });

  it('stays quiet on stories whose address or title only holds such a word', () => {
    expect(at('https://news.example/2024/05/video-shows-the-harbour-fire')).toBe(0);
    expect(at('https://news.example/2024/05/harbour', 'Photos show the harbour fire')).toBe(0);
    expect(at('https://videos.example/2024/05/harbour')).toBe(0);
    expect(at('https://news.example/2024/05/podcasts-take-over-the-harbour')).toBe(0);
  });

  it("fires on a short text on a podcast's own site", () => {
    expect(at('https://harbour-podcast.example/2019/res158-tides')).toBe(1);
    expect(at('https://podcasts.example.com/harbour-tides')).toBe(1);
    expect(at('https://podcastnews.example/2019/harbour-tides')).toBe(0);
  });

  it('fires on a long text there, a transcript, when nothing dates or declares it a story', () => {
    const episode = 'https://podcast.example/podcast/032-harbour-founders';
    expect(SIGNALS.mediaPage(facts(story(8, 300), '', episode))).toBe(1);
    const dated = '<meta property="article:published_time" content="2024-05-01">';
    expect(SIGNALS.mediaPage(facts(story(8, 300), dated, episode))).toBe(0);
    expect(SIGNALS.mediaPage(facts(story(8, 300, 'article'), '', episode))).toBe(0);
  });
});

describe('signal sectionAddress', () => {
  const at = (url: string, head = '') => SIGNALS.sectionAddress(facts(story(), head, url));

  it("fires on a section's or a topic's address of single words", () => {
    expect(at('https://news.example/world')).toBe(1);
    expect(at('https://news.example/news/world/europe/')).toBe(1);
    expect(at('https://news.example/de/wirtschaft')).toBe(1);
    expect(at('https://news.example/%C3%B6sterreich')).toBe(1);
    expect(at('https://news.example/#!/world')).toBe(1);
  });

  it("stays quiet on a story's address and on a section declared for a story", () => {
    expect(at('https://news.example/world/harbour-fire')).toBe(0);
    expect(at('https://news.example/world/europe/12345')).toBe(0);
    expect(at('https://news.example/a/b/c/d')).toBe(0);
    expect(at('https://news.example/essays/greatwork.html')).toBe(0);
    expect(at('https://news.example/world?id=12345')).toBe(0);
    expect(at('https://news.example/world#!/story/harbour-fire')).toBe(0);
    expect(
      at(
        'https://news.example/2024/05/harbour-fire',
        '<link rel="canonical" href="https://news.example/news">',
      ),
    ).toBe(0);
  });
});

describe('signal unvouchedNonArticleMark', () => {
  const productAddress = 'https://shop.example/kettle-with-a-glass-jug';
  const mark = (body: string, head = '', url = serviceAddress) =>
    SIGNALS.unvouchedNonArticleMark(facts(body, head, url));

  it("fires on an undated page the site's menu lists, or a section's address", () => {
    expect(mark(siteMenu + story())).toBe(1);
    expect(mark(story(), '', 'https://news.example/world')).toBe(1);
  });

  it('fires on an offer or a list of fields that nothing dates or declares a story', () => {
    expect(mark(story() + saleItem('http://schema.org/Offer'), '', productAddress)).toBe(1);
    expect(mark(specifications, '', productAddress)).toBe(1);
    expect(mark(story(), '', productAddress)).toBe(0);
  });

  it('fires on a list of fields that only og:type=article declares, undated', () => {
    expect(mark(specifications, OG_TYPE_ARTICLE, productAddress)).toBe(1);
    const timed = specifications.replace('</h1>', '</h1><time datetime="2024-05-02">2 May</time>');
    expect(mark(timed, OG_TYPE_ARTICLE, productAddress)).toBe(0);
  });

  it('fires on posts signed by readers unless structured data declares an article', () => {
    expect(mark(`<main>${thread}</main>`, publishedTime)).toBe(1);
    expect(mark(`<main>${thread}</main>`, jsonLd('NewsArticle'))).toBe(0);
  });

  it('stays quiet where a date or a declaration vouches for a story', () => {
    expect(mark(siteMenu + story(), publishedTime)).toBe(0);
    const offerInArticle = `<article>${story()}${saleItem('http://schema.org/Offer')}</article>`;
    expect(mark(offerInArticle, '', productAddress)).toBe(0);
    expect(mark(story(), '', 'https://news.example/2024/05/harbour-story')).toBe(0);
  });
});
