import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DENSE_SCRIPT_CHAR_WEIGHT,
  detectArticle,
  detectArticleSteps,
  MAX_TEASER_CHARS,
  MIN_ARTICLE_CHARS,
  MIN_ARTICLE_CHARS_WITH_METADATA,
  MIN_LONG_PARAGRAPH_CHARS,
  MIN_LONG_PARAGRAPH_SCORE,
  MIN_TEASERS_IN_LIST,
} from '../../src/core/detect-article';
import {
  findBodyCandidate,
  findBodyCandidateSteps,
  MIN_ENTRY_CHARS,
  type BodyCandidate,
} from '../../src/core/detect/find-body-candidate';
import { MAX_MEDIA_PAGE_CHARS } from '../../src/core/detect/signals/media-page';
import { NODES_PER_STEP } from '../../src/core/detect/scan-page';
import { findBodyEndSteps, MAX_END_DEPTH } from '../../src/core/detect/find-body-end';
import { JSDOM } from 'jsdom';
import { listCorpus, parseCorpusPage } from '../support/corpus';
import { isPlacedRight, textAroundAnchor } from '../support/placement';
import { prose } from '../support/prose';

/** A page whose body is `paragraphs` paragraphs sharing `chars` characters, in `wrapper`. */
function page(options: {
  chars: number;
  head?: string;
  wrapper?: 'div' | 'article';
  after?: string;
  /** The page's own address; the test environment's when not given. */
  url?: string;
}) {
  const count = 4;
  const each = Math.floor(options.chars / count);
  const paragraphs = Array.from(
    { length: count },
    (_, i) => `<p id="p${i}">${prose(each)}</p>`,
  ).join('');
  const wrapper = options.wrapper ?? 'div';
  const html = `<html><head>${options.head ?? ''}</head><body><nav><a href="/">Home</a></nav>
    <${wrapper} id="body"><h1>Title</h1>${paragraphs}${options.after ?? ''}</${wrapper}>
    <footer><p>${prose(200)}</p></footer></body></html>`;
  if (options.url) return new JSDOM(html, { url: options.url }).window.document;
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A dated story at its own address whose <article> holds `html` after its headline. */
function longStory(html: string): Document {
  return new JSDOM(
    `<html><head><title>A long story</title></head><body><article><h1>A long story</h1>${html}</article></body></html>`,
    { url: 'https://news.example/2024/05/a-long-story' },
  ).window.document;
}

/**
 * Runs `steps` to its end, counting the attributes each step reads (by getAttribute or by the
 * reflected `className` and `id`): a step's work, which a test cannot time. Returns the result,
 * the most read in one step, and the total.
 */
function countAttributeReads<T>(
  doc: Document,
  steps: Generator<unknown, T>,
): { value: T; most: number; total: number } {
  const prototype = doc.defaultView!.Element.prototype;
  const getAttribute = prototype.getAttribute;
  const reflected = ['className', 'id'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(prototype, name)!] as const,
  );
  let reads = 0;
  prototype.getAttribute = function (this: Element, name: string) {
    reads++;
    return getAttribute.call(this, name);
  };
  for (const [name, descriptor] of reflected) {
    Object.defineProperty(prototype, name, {
      ...descriptor,
      get(this: Element) {
        reads++;
        return descriptor.get!.call(this);
      },
    });
  }
  let most = 0;
  let total = 0;
  try {
    for (;;) {
      const step = steps.next();
      most = Math.max(most, reads);
      total += reads;
      reads = 0;
      if (step.done) return { value: step.value, most, total };
    }
  } finally {
    prototype.getAttribute = getAttribute;
    for (const [name, descriptor] of reflected) Object.defineProperty(prototype, name, descriptor);
  }
}

/** A page whose body of `chars` characters lies in a microdata item of `itemType`. */
function itemPage(itemType: string, chars: number, head = '') {
  return new DOMParser().parseFromString(
    `<html><head>${head}</head><body><div itemscope itemtype="${itemType}"><h1>Title</h1>
      <div>${`<p>${prose(chars / 4)}</p>`.repeat(4)}</div></div></body></html>`,
    'text/html',
  );
}

/** A page whose body is `chars` characters of Japanese (no spaces), in four paragraphs. */
function japanesePage(chars: number) {
  const sentence = '肉をくわえたイヌが、橋を渡っていました。';
  const each = Math.floor(chars / 4);
  const text = sentence.repeat(Math.ceil(each / sentence.length)).slice(0, each);
  return new DOMParser().parseFromString(
    `<html><head></head><body><div><h1>欲張りなイヌ</h1>${`<p>${text}</p>`.repeat(4)}</div></body></html>`,
    'text/html',
  );
}

const OG_ARTICLE = '<meta property="og:type" content="article">';
const OG_DATED_ARTICLE =
  OG_ARTICLE + '<meta property="article:published_time" content="2024-05-02">';
/** A product for sale in microdata: its name, and an offer with its price. */
const SALE_ITEM =
  '<div itemscope itemtype="https://schema.org/Product"><h2 itemprop="name">Kettle</h2>' +
  '<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">' +
  '<span itemprop="price">24.90</span></div></div>';
const JSON_LD_ARTICLE = (type: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(type)}</script>`;

describe('detectArticle', () => {
  const thresholdCases: { name: string; doc: () => Document; isArticle: boolean }[] = [
    {
      name: 'plain text at MIN_ARTICLE_CHARS',
      doc: () => page({ chars: MIN_ARTICLE_CHARS + 8 }),
      isArticle: true,
    },
    {
      name: 'plain text below MIN_ARTICLE_CHARS',
      doc: () => page({ chars: MIN_ARTICLE_CHARS - 40 }),
      isArticle: false,
    },
    {
      name: 'og:type=article and a publication time at MIN_ARTICLE_CHARS_WITH_METADATA',
      doc: () => page({ chars: MIN_ARTICLE_CHARS_WITH_METADATA + 8, head: OG_DATED_ARTICLE }),
      isArticle: true,
    },
    {
      name: 'og:type=article and a publication time below MIN_ARTICLE_CHARS_WITH_METADATA',
      doc: () => page({ chars: MIN_ARTICLE_CHARS_WITH_METADATA - 40, head: OG_DATED_ARTICLE }),
      isArticle: false,
    },
    {
      // Many CMSs write og:type=article on every page: a clip's or a product's short blurb.
      name: 'og:type=article alone, undated, under MIN_ARTICLE_CHARS',
      doc: () => page({ chars: MIN_ARTICLE_CHARS - 100, head: OG_ARTICLE }),
      isArticle: false,
    },
    {
      name: 'og:type=article and a <time> in the story, under MIN_ARTICLE_CHARS (a short item)',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS - 100,
          head: OG_ARTICLE,
          after: '<p>By Ann Other, <time datetime="2024-05-02">2 May</time></p>',
        }),
      isArticle: true,
    },
    {
      name: 'og:type=article and a date in the address, under MIN_ARTICLE_CHARS (a short item)',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS - 100,
          head: OG_ARTICLE,
          url: 'https://news.example/2023-09-26/102112537.html',
        }),
      isArticle: true,
    },
    {
      name: 'nothing declared but a date in the address, under MIN_ARTICLE_CHARS (a short post)',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS - 100,
          url: 'https://blog.example/2011/09/17/voting-opens',
        }),
      isArticle: true,
    },
    {
      name: 'nothing declared but a publication time, under MIN_ARTICLE_CHARS (a short post)',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS - 100,
          head: '<meta property="article:published_time" content="2024-05-02">',
        }),
      isArticle: true,
    },
    {
      name: 'nothing declared but a date, under MIN_ARTICLE_CHARS_WITH_METADATA',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS_WITH_METADATA - 40,
          url: 'https://blog.example/2011/09/17/voting-opens',
        }),
      isArticle: false,
    },
    {
      name: 'og:type=article alone, undated, at MIN_ARTICLE_CHARS',
      doc: () => page({ chars: MIN_ARTICLE_CHARS + 8, head: OG_ARTICLE }),
      isArticle: true,
    },
    {
      name: 'JSON-LD NewsArticle in @graph with short text',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS_WITH_METADATA + 8,
          head: JSON_LD_ARTICLE({
            '@graph': [{ '@type': 'WebSite' }, { '@type': ['NewsArticle'] }],
          }),
        }),
      isArticle: true,
    },
    {
      name: '<article> container with short text',
      doc: () => page({ chars: MIN_ARTICLE_CHARS_WITH_METADATA + 8, wrapper: 'article' }),
      isArticle: true,
    },
    {
      name: 'a recipe page (JSON-LD Recipe, no article type)',
      doc: () => page({ chars: 3000, head: JSON_LD_ARTICLE({ '@type': 'Recipe' }) }),
      isArticle: false,
    },
    {
      name: "a shop's product page (a microdata Product and its Offer beside the description)",
      doc: () => page({ chars: 3000, after: SALE_ITEM }),
      isArticle: false,
    },
    {
      name: 'a dated story beside a product it sells',
      doc: () => page({ chars: 3000, head: OG_DATED_ARTICLE, after: SALE_ITEM }),
      isArticle: true,
    },
    {
      name: 'an undated review in a microdata Review item, marking up the product it reviews',
      doc: () => {
        const doc = itemPage('https://schema.org/Review', 3000);
        doc
          .querySelector('h1')!
          .insertAdjacentHTML(
            'beforebegin',
            SALE_ITEM.replace('Product', 'Product" itemprop="itemReviewed'),
          );
        return doc;
      },
      isArticle: true,
    },
    {
      name: 'a video page (og:type=video.other)',
      doc: () => page({ chars: 3000, head: '<meta property="og:type" content="video.other">' }),
      isArticle: false,
    },
    {
      name: "an episode's page: a Twitter player card, a long description beside it",
      doc: () => page({ chars: 3000, head: '<meta name="twitter:card" content="player">' }),
      isArticle: false,
    },
    {
      name: 'a story with a video in it, and a summary card (og:type=article, dated)',
      doc: () =>
        page({
          chars: 3000,
          head: OG_DATED_ARTICLE + '<meta name="twitter:card" content="summary_large_image">',
          after: '<video controls src="/media/clip-12"></video>',
        }),
      isArticle: true,
    },
    {
      name: "an app's store page: its long description in a microdata MobileApplication item",
      doc: () => itemPage('https://schema.org/MobileApplication', 3000),
      isArticle: false,
    },
    {
      name: 'a dated story whose body lies in a microdata SoftwareApplication item',
      doc: () => itemPage('https://schema.org/SoftwareApplication', 3000, OG_DATED_ARTICLE),
      isArticle: true,
    },
    {
      name: 'a podcast page (JSON-LD PodcastEpisode) with og:type=article',
      doc: () =>
        page({
          chars: 3000,
          head: OG_ARTICLE + JSON_LD_ARTICLE({ '@type': 'PodcastEpisode', name: 'Episode 12' }),
        }),
      isArticle: false,
    },
    ...(['audio', 'video'] as const).map((player) => ({
      name: `a declared article of a <${player}> player and a text under MIN_ARTICLE_CHARS (an episode's or clip's page)`,
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS - 100,
          head: OG_ARTICLE,
          after: `<${player} controls src="/media/episode-12"></${player}>`,
        }),
      isArticle: false,
    })),
    {
      name: 'a declared article of a <video> player and MIN_ARTICLE_CHARS of text',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS + 8,
          head: OG_ARTICLE,
          after: '<video controls src="/media/clip-12"></video>',
        }),
      isArticle: true,
    },
    {
      name: "a declared article at a /video/ address, under MAX_MEDIA_PAGE_CHARS (a clip's page, its player not yet added)",
      doc: () =>
        page({
          chars: MAX_MEDIA_PAGE_CHARS - 100,
          head: `${OG_ARTICLE}<link rel="canonical" href="https://news.example/video/harbour-fire-12345">`,
        }),
      isArticle: false,
    },
    {
      name: 'a declared, dated article at a /video/ address with MAX_MEDIA_PAGE_CHARS of text',
      doc: () =>
        page({
          chars: MAX_MEDIA_PAGE_CHARS + 8,
          head: `${OG_ARTICLE}<meta property="article:published_time" content="2024-05-01"><link rel="canonical" href="https://news.example/video/harbour-fire-12345">`,
        }),
      isArticle: true,
    },
    {
      name: 'a dated story declared in JSON-LD at a /companies/<headline> address',
      doc: () =>
        page({
          chars: 2000,
          head: `${JSON_LD_ARTICLE({ '@type': 'NewsArticle', datePublished: '2024-05-01' })}<link rel="canonical" href="https://news.example/companies/acme-to-cut-300-jobs-in-harbour-plant">`,
        }),
      isArticle: true,
    },
    {
      name: 'an undated, undeclared company profile at /company/<name>',
      doc: () =>
        page({
          chars: 2000,
          head: '<link rel="canonical" href="https://directory.example/company/harbour-works">',
        }),
      isArticle: false,
    },
    {
      name: 'a declared article at a /video/ address with MAX_MEDIA_PAGE_CHARS of text, undated',
      doc: () =>
        page({
          chars: MAX_MEDIA_PAGE_CHARS + 8,
          head: `${OG_ARTICLE}<link rel="canonical" href="https://news.example/video/harbour-fire-12345">`,
        }),
      isArticle: true,
    },
    {
      name: 'a declared article titled `VIDEO: …` with MAX_MEDIA_PAGE_CHARS of text, undated',
      doc: () =>
        page({
          chars: MAX_MEDIA_PAGE_CHARS + 8,
          head: `${OG_ARTICLE}<title>VIDEO: Man held after harbour chase | WXYZ</title>`,
        }),
      isArticle: true,
    },
    {
      name: "og:type=article alone, undated, at a /podcast/ address with MAX_MEDIA_PAGE_CHARS of text (an episode's transcript)",
      doc: () =>
        page({
          chars: MAX_MEDIA_PAGE_CHARS + 8,
          head: `${OG_ARTICLE}<link rel="canonical" href="https://podcast.example/podcast/032-harbour-founders">`,
        }),
      isArticle: false,
    },
    {
      name: "an undated page at a section's address (/sport/football) with og:type=article",
      doc: () =>
        page({
          chars: 3000,
          head: OG_ARTICLE,
          url: 'https://news.example/sport/football',
        }),
      isArticle: false,
    },
    {
      name: 'a dated story at an address of single words (/news/lean)',
      doc: () =>
        page({
          chars: 3000,
          head: `${OG_ARTICLE}<meta property="article:published_time" content="2024-05-01">`,
          url: 'https://news.example/news/lean',
        }),
      isArticle: true,
    },
    {
      name: 'an article with a video (JSON-LD NewsArticle and VideoObject)',
      doc: () =>
        page({
          chars: 3000,
          head: JSON_LD_ARTICLE([{ '@type': 'NewsArticle' }, { '@type': 'VideoObject' }]),
        }),
      isArticle: true,
    },
    {
      name: 'a recipe post (JSON-LD Article and Recipe in one @graph)',
      doc: () =>
        page({
          chars: 3000,
          head: JSON_LD_ARTICLE({ '@graph': [{ '@type': 'Article' }, { '@type': 'Recipe' }] }),
        }),
      isArticle: false,
    },
    {
      name: "a site's own page (JSON-LD WebPage only, og:type=article, no publication time)",
      doc: () =>
        page({
          chars: 3000,
          head:
            OG_ARTICLE +
            JSON_LD_ARTICLE({
              '@graph': [
                { '@type': 'WebPage', datePublished: '2019-02-28' },
                { '@type': 'WebSite' },
              ],
            }),
        }),
      isArticle: false,
    },
    {
      name: 'a post described as a WebPage with article:published_time',
      doc: () =>
        page({
          chars: 3000,
          head:
            '<meta property="article:published_time" content="2019-01-03T07:00:02Z">' +
            JSON_LD_ARTICLE({ '@type': 'WebPage' }),
        }),
      isArticle: true,
    },
    {
      name: 'a WebPage whose mainEntity is a NewsArticle, with short text',
      doc: () =>
        page({
          chars: MIN_ARTICLE_CHARS_WITH_METADATA + 8,
          head: JSON_LD_ARTICLE({ '@type': 'WebPage', mainEntity: { '@type': 'NewsArticle' } }),
        }),
      isArticle: true,
    },
    {
      name: 'a body inside a microdata Product item',
      doc: () => itemPage('https://schema.org/Product', 3000),
      isArticle: false,
    },
    {
      name: 'a body inside a microdata Recipe item, with og:type=article',
      doc: () => itemPage('http://schema.org/Recipe', 3000, OG_ARTICLE),
      isArticle: false,
    },
    {
      name: 'short text inside a microdata BlogPosting item',
      doc: () => itemPage('https://schema.org/BlogPosting', MIN_ARTICLE_CHARS_WITH_METADATA + 8),
      isArticle: true,
    },
    {
      name: `Japanese text a third of MIN_ARTICLE_CHARS long`,
      doc: () => japanesePage(Math.ceil(MIN_ARTICLE_CHARS / DENSE_SCRIPT_CHAR_WEIGHT) + 10),
      isArticle: true,
    },
    {
      name: `Japanese text under a third of MIN_ARTICLE_CHARS_WITH_METADATA`,
      doc: () =>
        japanesePage(Math.floor(MIN_ARTICLE_CHARS_WITH_METADATA / DENSE_SCRIPT_CHAR_WEIGHT) - 20),
      isArticle: false,
    },
    {
      name: 'an empty page',
      doc: () => new DOMParser().parseFromString('', 'text/html'),
      isArticle: false,
    },
  ];
  thresholdCases.forEach(({ name, doc, isArticle }) => {
    it(`answers ${isArticle ? 'article' : 'not an article'} for ${name}`, () => {
      expect(detectArticle(doc()) !== null).toBe(isArticle);
    });
  });

  it(`treats a front page of ${MIN_TEASERS_IN_LIST} or more teaser <article>s as a list`, () => {
    const teasers = Array.from(
      { length: 10 },
      (_, i) => `<article><h2><a href="/s${i}">Story ${i}</a></h2><p>${prose(300)}</p></article>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<head>${OG_ARTICLE}</head><body><main>${teasers}</main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).toBeNull();
  });

  /** A front of `count` teasers: a heading linking to a story, then a summary of `chars` characters. */
  const teaserFront = (count: number, chars: number) =>
    new DOMParser().parseFromString(
      `<body><main>${Array.from(
        { length: count },
        (_, i) =>
          `<div class="teaser"><h3><a href="/story-${i}">Story ${i}</a></h3><p>${prose(chars)}</p></div>`,
      ).join('')}</main></body>`,
      'text/html',
    );
  const teaserCases = [
    { name: 'short summaries under linked headings', count: 8, chars: 300, isArticle: false },
    {
      name: `summaries just under ${MAX_TEASER_CHARS} characters`,
      count: MIN_TEASERS_IN_LIST,
      chars: MAX_TEASER_CHARS - 60,
      isArticle: false,
    },
    {
      name: `${MIN_TEASERS_IN_LIST - 1} linked headings, each over a text shorter than a whole entry`,
      count: MIN_TEASERS_IN_LIST - 1,
      chars: MIN_ENTRY_CHARS - 100,
      isArticle: true,
    },
  ];
  teaserCases.forEach(({ name, count, chars, isArticle }) => {
    it(`answers ${isArticle ? 'article' : 'not an article'} for a teaser front with ${name}`, () => {
      expect(detectArticle(teaserFront(count, chars)) !== null).toBe(isArticle);
    });
  });

  const cardFrontCases: { name: string; card: (i: number) => string }[] = [
    {
      name: 'cards of a title link and a summary',
      card: (i) =>
        `<div class="card"><a class="title" href="/news/story-${i}">Council weighs plan ${i}</a><p>${prose(300)}</p></div>`,
    },
    {
      name: 'list items of a title link and a summary',
      card: (i) =>
        `<li><a href="/news/story-${i}">Council weighs plan ${i}</a><p>${prose(300)}</p></li>`,
    },
    {
      name: 'search results of a title link and a snippet',
      card: (i) =>
        `<div class="result"><a href="https://www.example.org/news/story-${i}"><span>Council weighs plan ${i}</span></a>` +
        `<div class="snippet">${prose(300)}</div></div>`,
    },
  ];
  cardFrontCases.forEach(({ name, card }) => {
    it(`answers not an article for a front of ${name}, without headings`, () => {
      const doc = new DOMParser().parseFromString(
        `<head><link rel="canonical" href="https://example.org/climate"></head><body><main><h1>Climate</h1>` +
          `<div class="cards">${Array.from({ length: 12 }, (_, i) => card(i)).join('')}</div></main></body>`,
        'text/html',
      );
      expect(detectArticle(doc)).toBeNull();
    });
  });

  it('reads an article with a link to another story standing between its paragraphs', () => {
    const related = (i: number) =>
      `<div class="inline-link"><a href="/news/story-${i}">Council weighs plan ${i}</a></div>`;
    const doc = page({
      chars: 3000,
      after: `${related(1)}<p>${prose(900)}</p>${related(2)}<p>${prose(700)}</p>`,
    });
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('reads a shopping list article whose items end in links to shops (other sites)', () => {
    const doc = new DOMParser().parseFromString(
      `<body><article><h1>The best kettles</h1>${Array.from(
        { length: 8 },
        (_, i) =>
          `<h2>Kettle ${i}</h2><p>${prose(300)}</p><div class="buy"><a href="https://shop.example/kettle-${i}">Buy it at Shop Example</a></div>`,
      ).join('')}</article></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('reads an article with a long run of text among linked headings', () => {
    const doc = page({
      chars: 3000,
      after: Array.from(
        { length: 4 },
        (_, i) => `<h2><a href="/s${i}">Section ${i}</a></h2><p>${prose(100)}</p>`,
      ).join(''),
    });
    expect(detectArticle(doc)).not.toBeNull();
  });

  /** A blog's front: `count` posts in `tag`s, each a title linking to the post, then its whole text. */
  const blogFront = (count: number, tag: 'article' | 'div') =>
    new DOMParser().parseFromString(
      `<body><header><h1>My blog</h1></header><main>${Array.from(
        { length: count },
        (_, i) =>
          `<${tag} class="post"><h2><a href="/2020/post-${i}">Post ${i}</a></h2>` +
          `<div class="entry-content"><p>${prose(MIN_ENTRY_CHARS)}</p><p>${prose(400)}</p></div></${tag}>`,
      ).join('')}</main></body>`,
      'text/html',
    );
  [2, 6].forEach((count) => {
    (['article', 'div'] as const).forEach((tag) => {
      it(`answers not an article for a blog's front of ${count} whole posts in <${tag}>s`, () => {
        expect(detectArticle(blogFront(count, tag))).toBeNull();
      });
    });
  });

  it("reads a story declared in JSON-LD that looks like entries (a logo's heading, a teaser in the text)", () => {
    const doc = new DOMParser().parseFromString(
      `<html><head>${JSON_LD_ARTICLE({ '@type': 'NewsArticle' })}</head><body>
        <h2><a href="/news">Gazette News</a></h2><article><h1>The harbour reopens</h1>
        <p>${prose(MIN_ENTRY_CHARS)}</p>
        <h3><a href="/2024/05/other-story">Also read: the ferry returns</a></h3>
        <p>${prose(MIN_ENTRY_CHARS)}</p></article></body></html>`,
      'text/html',
    );
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('reads an article followed by the next story, loaded whole below it', () => {
    const story = (title: string) =>
      `<article class="story"><h1>${title}</h1><p>${prose(1500)}</p><p>${prose(900)}</p></article>`;
    const next = story('<a href="/next-story">The next story</a>');
    const doc = new DOMParser().parseFromString(
      `<body><main>${story('This story')}${next}${next.replace('/next-story', '/third')}</main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.body.closest('article')?.querySelector('a')).toBeNull();
  });

  /** A post whose title links to `titleHref`: the whole post, then a heading linking to another. */
  const postWithTitleLink = (titleHref: string, head = '') =>
    new DOMParser().parseFromString(
      `<head>${head}</head><body><article><h2><a href="${titleHref}">This post</a></h2>
        <p>${prose(1500)}</p><h3><a href="/other">Read also: another post</a></h3><p>${prose(800)}</p>
       </article></body>`,
      'text/html',
    );

  it("reads an article whose title links to the article's own address (the whole post, then another)", () => {
    const doc = postWithTitleLink('https://example.org/2020/this-post#top');
    // Reached through a tracking link on www.: still the page the title names.
    Object.defineProperty(doc, 'URL', {
      value: 'https://www.example.org/2020/this-post?utm_source=feed',
    });
    const base = doc.createElement('base');
    base.href = 'https://example.org/';
    doc.head.append(base);
    expect(detectArticle(doc)).not.toBeNull();
  });

  /**
   * A page of `count` sections, each a heading (unless not `headed`) and one paragraph of `chars`
   * characters, and no metadata.
   */
  const blurbPage = (count: number, chars: number, headed = true) =>
    new DOMParser().parseFromString(
      `<body><main><h1>Our product</h1>${Array.from(
        { length: count },
        (_, i) => `${headed ? `<h3>Feature ${i}</h3>` : ''}<p>${prose(chars)}</p>`,
      ).join('')}</main></body>`,
      'text/html',
    );
  /** {@link blurbPage}'s unheaded blurbs at an address that dates them, and no metadata. */
  const datedBlurbPage = (count: number, chars: number) =>
    new JSDOM(blurbPage(count, chars, false).documentElement.outerHTML, {
      url: 'https://blog.example/2011/06/es-next-versus-es-6',
    }).window.document;
  /** A page of `count` paragraphs of `text()`, no heading over each, and no metadata. */
  const textPage = (count: number, text: () => string) =>
    new DOMParser().parseFromString(
      `<body><main><h1>Request</h1>${`<p>${text()}</p>`.repeat(count)}</main></body>`,
      'text/html',
    );
  const blurbCases = [
    {
      name: `blurbs each under ${MIN_LONG_PARAGRAPH_CHARS} characters`,
      doc: () => blurbPage(10, MIN_LONG_PARAGRAPH_CHARS - 10),
      isArticle: false,
    },
    {
      name: `paragraphs long enough to pass Reader View's score of ${MIN_LONG_PARAGRAPH_SCORE}`,
      // Five paragraphs, each adding a quarter of the score needed; no heading over each, which
      // would make them headed snippets.
      doc: () =>
        blurbPage(5, MIN_LONG_PARAGRAPH_CHARS + (MIN_LONG_PARAGRAPH_SCORE / 4) ** 2, false),
      isArticle: true,
    },
    {
      name: "paragraphs long mostly by keys and hashes (a change request's diff)",
      doc: () =>
        textPage(
          5,
          () => `${prose(80)} ${'AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkI+'.repeat(6)}=`,
        ),
      isArticle: false,
    },
    {
      name: 'long paragraphs that each cite an address in their text',
      doc: () =>
        textPage(
          5,
          () => `${prose(400)} See https://www.example.org/reports/2024/harbour-annual-review.pdf`,
        ),
      isArticle: true,
    },
    {
      // A short post of lists and one-liners: the date stands in for a declaration.
      name: `the same blurbs, unheaded, at a dated address, ${MIN_ARTICLE_CHARS} characters or more`,
      doc: () => datedBlurbPage(10, MIN_LONG_PARAGRAPH_CHARS - 10),
      isArticle: true,
    },
    {
      name: `the same blurbs, unheaded, at a dated address, under ${MIN_ARTICLE_CHARS} characters`,
      doc: () => datedBlurbPage(5, MIN_LONG_PARAGRAPH_CHARS - 10),
      isArticle: false,
    },
    {
      // Unheaded: og:type=article alone no longer vouches for headed snippets on an undated page.
      name: 'the same blurbs, unheaded, declared an article by og:type',
      doc: () => {
        const doc = blurbPage(10, MIN_LONG_PARAGRAPH_CHARS - 10, false);
        doc.head.innerHTML = OG_ARTICLE;
        return doc;
      },
      isArticle: true,
    },
  ];
  blurbCases.forEach(({ name, doc, isArticle }) => {
    it(`answers ${isArticle ? 'article' : 'not an article'} for a page without metadata of ${name}`, () => {
      expect(detectArticle(doc()) !== null).toBe(isArticle);
    });
  });

  /** A page at `address` with an og:type=article body, whose header menu holds `menu`. */
  const menuPage = (menu: string, head = '') => {
    const doc = page({
      chars: 3000,
      head: `<base href="https://firm.example/">${OG_ARTICLE}<link rel="canonical" href="https://firm.example/services/debt-collection/">${head}`,
    });
    doc.body.insertAdjacentHTML('afterbegin', `<header>${menu}</header>`);
    return doc;
  };
  const menuCases = [
    {
      name: "a service page its site's menu lists",
      doc: () =>
        menuPage(
          '<ul><li><a href="/">Home</a></li><li><a href="/services/debt-collection">Debt collection</a></li></ul>',
        ),
      isArticle: false,
    },
    {
      name: 'a service page a <nav> lists through tracking parameters and www.',
      doc: () =>
        menuPage(
          '<nav><a href="https://www.firm.example/services/debt-collection?utm_source=menu">Debt collection</a></nav>',
        ),
      isArticle: false,
    },
    {
      name: 'a dated article featured in the menu',
      doc: () =>
        menuPage(
          '<ul><li><a href="/services/debt-collection">Debt collection</a></li></ul>',
          '<meta property="article:published_time" content="2024-03-01T08:00:00Z">',
        ),
      isArticle: true,
    },
    {
      name: 'an article featured in the menu, dated by a <time> beside its body',
      doc: () => {
        const doc = menuPage(
          '<ul><li><a href="/services/debt-collection">Debt collection</a></li></ul>',
        );
        doc
          .getElementById('body')!
          .insertAdjacentHTML('afterbegin', '<time datetime="2024-03-01">1 March</time>');
        return doc;
      },
      isArticle: true,
    },
    {
      name: "an undated article shown at the site's root, whose menu links home",
      doc: () => {
        const doc = menuPage('<ul><li><a href="/">Home</a></li></ul>');
        Object.defineProperty(doc, 'URL', { value: 'https://firm.example/' });
        return doc;
      },
      isArticle: true,
    },
    {
      // A menu of stories (recent posts, a series' contents) lists articles by their headlines.
      name: 'an undated article that a <nav> of recent posts lists by its headline',
      doc: () =>
        menuPage(
          '<nav><a href="/services/other-post">Why harbours flood in spring</a>' +
            '<a href="/services/debt-collection">How we collect a debt abroad</a></nav>',
        ),
      isArticle: true,
    },
    {
      name: 'an undated article that a <nav> of posts lists by a Chinese headline',
      doc: () =>
        menuPage('<nav><a href="/services/debt-collection">读《如何高效学习》笔记</a></nav>'),
      isArticle: true,
    },
    {
      name: 'an undated article whose menu links only elsewhere',
      doc: () =>
        menuPage(
          '<ul><li><a href="/services/contracts">Contracts</a></li><li><a href="/services">Services</a></li></ul>',
        ),
      isArticle: true,
    },
    {
      name: 'an undated article whose breadcrumbs and title link to it',
      doc: () =>
        menuPage(
          '<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>' +
            '<li><a href="/services/debt-collection">Debt collection</a></li></ol></nav>' +
            '<h1><a href="/services/debt-collection">Debt collection</a></h1>',
        ),
      isArticle: true,
    },
  ];
  menuCases.forEach(({ name, doc, isArticle }) => {
    it(`answers ${isArticle ? 'article' : 'not an article'} for ${name}`, () => {
      expect(detectArticle(doc()) !== null).toBe(isArticle);
    });
  });

  it("answers not an article for a site's home page showing one whole story", () => {
    const doc = page({
      chars: 3000,
      head: `${OG_ARTICLE}<link rel="canonical" href="https://news.example/">`,
    });
    expect(detectArticle(doc)).toBeNull();
  });

  it('answers a home page from its address alone, without walking the page', () => {
    const doc = page({
      chars: 3000,
      head: `${OG_ARTICLE}<link rel="canonical" href="https://news.example/">`,
      after: `<div>${'<span>x</span>'.repeat(2 * NODES_PER_STEP)}</div>`,
    });
    const steps = detectArticleSteps(doc);
    // The first step reads the head; the next one answers, where a walk would take several.
    expect(steps.next().done).toBe(false);
    expect(steps.next()).toEqual({ done: true, value: null });
  });

  it('reads a title linking to the canonical address the page declares as the page itself', () => {
    const doc = postWithTitleLink(
      'https://example.org/2020/this-post',
      '<link rel="canonical" href="https://example.org/2020/this-post">',
    );
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('follows the address of a single-page app from one detection to the next', () => {
    const doc = postWithTitleLink('https://example.org/2020/this-post');
    const goTo = (url: string) =>
      Object.defineProperty(doc, 'URL', { value: url, configurable: true });
    goTo('https://example.org/2020/a-front');
    expect(detectArticle(doc)).toBeNull();
    goTo('https://example.org/2020/this-post');
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('reads a plain single-page-app article: an <article> with an <h1> and four paragraphs of ~250 characters', () => {
    const doc = new JSDOM(
      '<html><head><title>Harbour Times</title></head><body><div id="root"></div></body></html>',
      { url: 'https://news.example/stories/ferry-timetable' },
    ).window.document;
    // Rendered by script, as an app does, with nothing in the head to declare an article.
    doc.getElementById('root')!.innerHTML =
      `<article><h1>Ferry timetable changes for the winter</h1>${`<p>${prose(250)}</p>`.repeat(4)}</article>` +
      '<nav><a href="/stories/smokehouse">Next story</a></nav>';
    const detection = detectArticle(doc);
    expect(detection?.body.closest('article')).not.toBeNull();
    expect(detection?.anchor).toBe(doc.querySelector('article > p:last-of-type'));
  });

  it('detects in steps: detectArticleSteps pauses during the walk and returns what detectArticle does', () => {
    const doc = page({
      chars: 3000,
      after: `<div>${'<span>x</span>'.repeat(2 * NODES_PER_STEP)}</div>`,
    });
    const steps = detectArticleSteps(doc);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(step.value?.anchor).toBe(detectArticle(doc)?.anchor);
    expect(step.value).not.toBeNull();
  });

  it('tells of the body candidate it walked to, also when it turns the page down', () => {
    const told: (BodyCandidate | null)[] = [];
    const short = page({ chars: 300 });
    expect(detectArticle(short, { onCandidate: (candidate) => told.push(candidate) })).toBeNull();
    expect(told).toHaveLength(1);
    expect(told[0]?.bodyParagraphs.length).toBeGreaterThan(0);
    // A home page is turned down from its address, before any walk: nothing to tell.
    const home = page({
      chars: 3000,
      head: `${OG_ARTICLE}<link rel="canonical" href="https://news.example/">`,
    });
    expect(detectArticle(home, { onCandidate: (candidate) => told.push(candidate) })).toBeNull();
    expect(told).toHaveLength(1);
  });

  it('weighs the body candidates in steps: none reads more than a few hundred elements', () => {
    const blocks = Array.from(
      { length: 1500 },
      (_, i) => `<div class="part-${i}"><p>${prose(200)}</p></div>`,
    );
    const doc = longStory(blocks.join(''));
    const { value, most, total } = countAttributeReads(doc, findBodyCandidateSteps(doc));
    expect(value?.body).toBe(doc.querySelector('article'));
    expect(total).toBeGreaterThan(3000);
    expect(most).toBeLessThan(1000);
  });

  it('searches for the body end in steps: one block weighed per step', () => {
    // A share row after the story, 800 times: each is weighed and dropped.
    const rows = '<div class="social"><a href="/share">Share</a></div>'.repeat(800);
    const doc = longStory(`<p>${prose(2000)}</p>${rows}`);
    const { parts, scan } = findBodyCandidate(doc)!;
    const { value, most, total } = countAttributeReads(doc, findBodyEndSteps(parts, scan));
    expect(value).toBe(doc.querySelector('article > p'));
    expect(total).toBeGreaterThan(800);
    expect(most).toBeLessThan(20);
  });

  const legalCases = [
    '<title>Terms of Service</title>',
    '<title>Datenschutzerklärung – Beispiel GmbH</title>',
    '<title>Mentions légales</title>',
    '<title>Privacy Policy of Example Inc.</title>',
    '<title>Impressum: Angaben gemäß § 5 TMG</title>',
    '<title>Datenschutz-Hinweise | Beispiel GmbH</title>',
    '<title>Informationen zum Datenschutz bei der Beispiel GmbH</title>',
  ];
  legalCases.forEach((head) => {
    it(`answers not an article for a legal page (${head})`, () => {
      expect(detectArticle(page({ chars: 5000, head: head + OG_ARTICLE }))).toBeNull();
    });
  });

  it('answers not an article where the main heading names a legal page', () => {
    const doc = page({ chars: 5000, head: OG_ARTICLE });
    doc.querySelector('h1')!.textContent = 'Our Cookie Policy';
    expect(detectArticle(doc)).toBeNull();
  });

  const headlinesAboutLegalPages = [
    '<title>Meta fined over its privacy policy – Example News</title>',
    '<title>Datenschutz: Behörde rügt neue App | Beispiel</title>',
    '<title>Neue AGB bei PayPal: Was Kunden jetzt wissen müssen</title>',
    '<title>Datenschutz-Grundverordnung: EU verhängt Rekordstrafe gegen Meta</title>',
    '<title>AGB-Änderung bei Netflix: Was Kunden jetzt tun können</title>',
  ];
  headlinesAboutLegalPages.forEach((head) => {
    it(`finds a story whose headline mentions a legal page (${head})`, () => {
      expect(detectArticle(page({ chars: 5000, head: head + OG_ARTICLE }))).not.toBeNull();
    });
  });

  it('finds a story whose main heading mentions a legal page', () => {
    const doc = page({ chars: 5000, head: OG_ARTICLE });
    doc.querySelector('h1')!.textContent =
      'Datenschutzrechtliche Bedenken gegen die neue Corona-App';
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('answers not an article for a forum thread (JSON-LD DiscussionForumPosting)', () => {
    const posts = Array.from(
      { length: 6 },
      (_, i) => `<div class="post"><div class="author">user${i}</div><p>${prose(400)}</p></div>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<head>${JSON_LD_ARTICLE({ '@type': 'DiscussionForumPosting', headline: 'Help' })}</head>
       <body><main>${posts}</main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).toBeNull();
  });

  /** A thread of `count` posts, each signed with a link to its author's profile at `profile(i)`. */
  const forumThread = (count: number, profile: (i: number) => string, head = '') =>
    new DOMParser().parseFromString(
      `<head>${head}</head><body><div id="page-body"><h2><a href="./viewtopic.php?t=1">Help with my boiler</a></h2>${Array.from(
        { length: count },
        (_, i) =>
          `<div id="p${i}" class="post has-profile bg${(i % 2) + 1}"><div class="inner">
            <dl class="postprofile"><dt><a href="${profile(i)}" class="username">user${i}</a></dt><dd>Posts: ${i * 7}</dd></dl>
            <div class="postbody"><p class="author">by <a href="${profile(i)}">user${i}</a> » Mon Jan 0${i + 1}, 2020 10:00 am</p>
            <div class="content">${prose(350 + i * 40)}<br><br>${prose(200)}</div></div></div></div><hr class="divider">`,
      ).join('')}</div></body>`,
      'text/html',
    );
  const threadCases = [
    { software: 'phpBB', profile: (i: number) => `./memberlist.php?mode=viewprofile&u=${i}` },
    { software: 'XenForo', profile: (i: number) => `/members/user${i}.${i + 10}/` },
    { software: 'Discourse', profile: (i: number) => `/u/user${i}` },
    { software: 'Vanilla', profile: (i: number) => `/profile/user${i}` },
    { software: 'Invision', profile: (i: number) => `/profile/${i + 10}-user${i}/` },
  ];
  threadCases.forEach(({ software, profile }) => {
    it(`answers not an article for a forum thread without structured data (${software} links)`, () => {
      expect(detectArticle(forumThread(6, profile))).toBeNull();
    });
  });

  it('reads a forum-like page that declares a JSON-LD article (a news site linking readers)', () => {
    const head = JSON_LD_ARTICLE({ '@type': 'NewsArticle' });
    expect(detectArticle(forumThread(6, threadCases[0]!.profile, head))).not.toBeNull();
  });

  it('reads an article whose sections each link a profile in their text', () => {
    const sections = Array.from(
      { length: 4 },
      (_, i) =>
        `<div class="section"><p>${prose(400)} <a href="https://example.org/about/staff-${i}">Reporter ${i}</a>.</p></div>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<body><main><h1>Title</h1>${sections}</main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('answers not an article for a recipe page with Open Graph and JSON-LD Recipe', () => {
    const doc = page({
      chars: 2500,
      head:
        '<meta property="og:type" content="website">' +
        JSON_LD_ARTICLE({ '@context': 'https://schema.org', '@type': 'Recipe', name: 'Soup' }),
      after: '<ul><li>2 onions</li><li>1 l stock</li></ul>',
    });
    expect(detectArticle(doc)).toBeNull();
  });

  it('ignores hidden paragraphs', () => {
    const hidden = `<div hidden>${`<p>${prose(400)}</p>`.repeat(5)}</div>`;
    const doc = new DOMParser().parseFromString(
      `<body>${hidden}<p>${prose(100)}</p></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).toBeNull();
  });

  const endCases: { name: string; after: string }[] = [
    {
      name: 'a share row',
      after: '<div class="share-buttons"><a href="#">Facebook</a> <a href="#">X</a></div>',
    },
    { name: 'related stories', after: `<div class="related-stories"><p>${prose(300)}</p></div>` },
    { name: 'a newsletter box', after: `<div class="newsletter"><p>${prose(120)}</p></div>` },
    { name: 'comments', after: `<section id="comments"><p>${prose(500)}</p></section>` },
    {
      name: 'a box named in BEM (block__element)',
      after: `<div class="article__newsletter"><p>${prose(120)}</p></div>`,
    },
    {
      name: 'a row of topic links',
      after:
        '<div class="topics"><a href="/t/harbour">Harbour</a> <a href="/t/ferries">Ferries</a> <a href="/t/alder-bay">Alder Bay</a></div>',
    },
    {
      name: 'a heading over a share row',
      after:
        '<div class="article__extra"><h4>Share this article</h4><div class="share-row"><a href="#">Facebook</a> <a href="#">X</a></div></div>',
    },
    {
      name: 'a plain label over related stories',
      after: `<div class="label">More on this topic</div><div class="related-stories"><p>${prose(300)}</p></div>`,
    },
    {
      name: 'a block whose own text labels the related stories it holds',
      after: `<div class="more">More on this topic<div class="related-stories"><p>${prose(300)}</p></div></div>`,
    },
    {
      name: 'a block whose text all lies in furniture (a share button, a breadcrumb)',
      after:
        '<div class="article__extra"><div class="article__tools"><share-button>Share this article</share-button></div><div class="article__breadcrumbs">Read more on: Harbour</div></div>',
    },
  ];
  endCases.forEach(({ name, after }) => {
    it(`places the toolbar after the last paragraph, before ${name}`, () => {
      const detection = detectArticle(page({ chars: 2000, head: OG_ARTICLE, after }));
      expect(detection?.anchor.id).toBe('p3');
    });
  });

  it('joins a body split into sibling sections and ends after the last one', () => {
    const section = (i: number) =>
      `<section class="story-body"><p>${prose(500)}</p><p id="s${i}">${prose(400)}</p></section>`;
    const doc = new DOMParser().parseFromString(
      `<body><article><h1>Title</h1>${[0, 1, 2, 3].map(section).join('')}
       <div class="related"><h2><a href="/x">More</a></h2></div></article></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('s3');
  });

  it('reads the story, not the whole page, when nested sections and a feed lift the root', () => {
    // Each <section> credits its parent with every comma it holds, so the root outscores the story.
    const listing = 'Rain fell, the wind rose, boats rocked, nets tore, '.repeat(12);
    const story = Array.from({ length: 8 }, () => `<p>${listing}</p>`).join('');
    const entry = `<div class="entry"><h3>Latest</h3><p>${prose(300)}</p></div>`;
    const doc = new DOMParser().parseFromString(
      `<body><section class="wrapper"><section class="main"><article><h1>Title</h1>
       <section class="text"><div class="story">${story}<p id="end">${prose(300)}</p></div>
       </section></article></section></section>
       <section class="feed"><div><div class="entries">${entry.repeat(6)}</div></div></section></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('end');
  });

  /** A product's page nothing declares: a plain heading over each field of its description. */
  const specificationsPage = (head = '') => {
    const fields = [
      'Size',
      'Materials',
      'Care',
      'Delivery',
      'Returns',
      'Warranty',
      'Colours',
      'Box',
    ];
    const body = fields.map((field) => `<h3>${field}</h3><p>${prose(80)}</p>`).join('');
    return new DOMParser().parseFromString(
      `<html><head>${head}</head><body><div id="product"><h1>Kettle</h1><p>${prose(300)}</p>
       <p>${prose(300)}</p>${body}</div></body></html>`,
      'text/html',
    );
  };

  it('answers not an article for an undeclared, undated page of headed snippets', () => {
    expect(detectArticle(specificationsPage())).toBeNull();
  });

  it('answers not an article for headed snippets that only og:type=article declares, undated', () => {
    // Many CMSs write og:type=article on every page: a question's answers, a product's fields.
    expect(detectArticle(specificationsPage(OG_ARTICLE))).toBeNull();
  });

  it('reads headed snippets declared by og:type=article with a <time> in the story as an article', () => {
    const doc = specificationsPage(OG_ARTICLE);
    doc
      .querySelector('h1')!
      .insertAdjacentHTML('afterend', '<time datetime="2024-05-02">2 May</time>');
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('reads a dated page of headed snippets as an article (a story in short sections)', () => {
    const dated = '<meta property="article:published_time" content="2024-05-02">';
    expect(detectArticle(specificationsPage(dated))).not.toBeNull();
  });

  it('joins a clean sibling paragraph after the body, past a share row', () => {
    const doc = new DOMParser().parseFromString(
      `<body><div class="wrap"><div class="content"><p>${prose(600)}</p><p>${prose(600)}</p>
       <p>${prose(600)}</p></div><div class="share"><a href="#">Share</a></div>
       <div><p id="note">${prose(120)}</p></div></div></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('note');
  });

  it('weighs the links of a block of prose without the aside it holds (Readability removes asides first)', () => {
    const after = `<div class="continued"><p id="end">${prose(300)}</p>
      <aside><ul><li><a href="/other-story">${prose(120)}</a></li></ul></aside></div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  it('keeps a block of prose whose pictures all lie in teaser asides (not an image strip)', () => {
    const teaser = `<aside><a href="/other">${'<img src="a.jpg">'.repeat(6)}</a></aside>`;
    const after = `<div class="continued"><p>${prose(300)}</p>${teaser}<p id="end">${prose(300)}</p></div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  /** A story container as news sites repeat it around ad breaks: the text, then a rail beside it. */
  const storyBlock = (id: string, paragraphs: number, headline = '') =>
    `<div class="story-block">${headline}<div class="story-content">${Array.from({ length: paragraphs }, () => `<p>${prose(600)}</p>`).join('')}
     <p id="${id}">${prose(200)}</p></div><div class="rail"><a href="/x">Trending</a></div></div>`;

  it('ends a story split by an ad break in the last container of the same class', () => {
    const doc = new DOMParser().parseFromString(
      `<body><article><h1>Title</h1>${storyBlock('first', 6)}<div class="ad-slot">Advertisement</div>
       ${storyBlock('last', 2)}<div class="story-block"><div class="rail"></div></div></article></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('last');
  });

  it('does not run on into a next story that shares the container class', () => {
    const doc = new DOMParser().parseFromString(
      `<body><article><h1>Title</h1>${storyBlock('end', 6)}<div class="ad-slot">Advertisement</div>
       ${storyBlock('next', 2, '<h1>Next story</h1>')}</article></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('end');
  });

  it('places the toolbar before a closing plea to subscribe, in whatever block', () => {
    const pleas = [
      '<p>Please bookmark our site and sign up for our daily newsletter, <a href="/nl">here</a>.</p>',
      '<div><span>Newsletter: Sport inside</span><a href="/nl">Jetzt abonnieren</a></div>',
    ];
    for (const plea of pleas) {
      expect(detectArticle(page({ chars: 2000, after: plea }))?.anchor.id).toBe('p3');
    }
  });

  it('knows a plea by the text it shows, not by the data its scripts carry', () => {
    const data = JSON.stringify({ offer: prose(600), segments: [prose(200), prose(200)] });
    const plea = `<div class="dock"><div>Offer: Subscribe for $1 a week.</div>
      <script type="application/json">${data}</script><button type="button">See options</button></div>`;
    expect(detectArticle(page({ chars: 2000, after: plea }))?.anchor.id).toBe('p3');
  });

  it('keeps a short closing paragraph about subscribing that asks the reader nothing', () => {
    const after = `<p id="end">Residents say they will not subscribe to the council's plan.</p>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  it('keeps a long closing paragraph that mentions a newsletter: prose, not a plea', () => {
    const after = `<p id="end">${prose(300)} She wrote the newsletter for years. ${prose(200)}</p>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  it('places the toolbar before a block whose text all lies in an aside (comments)', () => {
    const after = `<div class="wrap"><aside><p>${prose(300)}</p></aside></div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('p3');
  });

  /** A card as fronts and "read next" rows show one: a picture, a headline, a date, an empty link over it. */
  const teaserCard = (i: number) =>
    `<article class="card"><img src="/t${i}.jpg" alt=""><h3>${prose(60)}</h3>
     <p><span>2 Feb 2025, 14:0${i}</span></p><a href="/news/story-${i}" aria-label="Story ${i}"></a></article>`;

  it('places the toolbar before a grid of teaser <article>s, whatever its class', () => {
    const grid = `<div class="row"><div class="col">${[1, 2, 3, 4].map(teaserCard).join('')}</div>
      <a href="/news">View all news</a></div>`;
    expect(detectArticle(page({ chars: 2000, head: OG_ARTICLE, after: grid }))?.anchor.id).toBe(
      'p3',
    );
  });

  it('places the toolbar before comments written as <article>s', () => {
    const comment = (i: number) =>
      `<article><p><b>Reader ${i}</b></p><p>${prose(250)}</p></article>`;
    const thread = `<div class="thread"><h2>3 replies</h2>${[1, 2, 3].map(comment).join('')}</div>`;
    expect(detectArticle(page({ chars: 2000, head: OG_ARTICLE, after: thread }))?.anchor.id).toBe(
      'p3',
    );
  });

  it("keeps the story's own <article> whole beside teaser <article>s", () => {
    const doc = new DOMParser().parseFromString(
      `<body><main><div class="row"><article><h1>Title</h1>${`<p>${prose(500)}</p>`.repeat(3)}
       <p id="end">${prose(200)}</p></article></div>
       <div class="row">${[1, 2].map(teaserCard).join('')}</div></main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('end');
  });

  it('places the toolbar before a block whose only text is for screen readers', () => {
    for (const name of ['visually-hidden', 'sr-only', 'screen-reader-text']) {
      const after = `<section class="group"><div class="${name}">Article content</div></section>`;
      expect(detectArticle(page({ chars: 2000, head: OG_ARTICLE, after }))?.anchor.id).toBe('p3');
    }
  });

  /** The legal prose of a cookie notice: long, and full of commas. */
  const consentProse = Array.from(
    { length: 12 },
    () => 'We and our partners store, read and process data on your device, ',
  ).join('');

  it('places the toolbar before a dialog after the story, however much prose it holds', () => {
    for (const dialog of [
      `<div class="modal"><p>${consentProse}</p><button>OK</button></div>`,
      `<div role="dialog"><p>${consentProse}</p><button>OK</button></div>`,
    ]) {
      const doc = page({ chars: 2000, head: OG_ARTICLE, after: dialog });
      expect(detectArticle(doc)?.anchor.id).toBe('p3');
    }
  });

  it('reads the story, not a cookie notice with more prose than it', () => {
    const doc = new DOMParser().parseFromString(
      `<html><head>${OG_ARTICLE}</head><body><article><h1>Harbour</h1>
        <p id="story-end">${prose(700)}</p></article>
        <div id="cmp-modal"><div class="notice">${`<p>${consentProse}</p>`.repeat(3)}</div></div>
        </body></html>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('story-end');
  });

  it("places the toolbar after the story's text, not among the controls of a player after it", () => {
    const controls = ['Play', 'Mute', '00:00', 'Fullscreen'].map((label) => `<div>${label}</div>`);
    const player = `<h3>Related video: the harbour at dawn</h3><div class="video-block">
      <div class="player"><video src="clip.mp4"></video><div class="controls">${controls.join('')}</div></div></div>`;
    expect(detectArticle(page({ chars: 2000, head: OG_ARTICLE, after: player }))?.anchor.id).toBe(
      'p3',
    );
  });

  /** A page whose <main> holds a header, the story's <article>, then `after`. */
  const storyInMain = (after: string) =>
    new JSDOM(
      `<html><head>${OG_ARTICLE}</head><body><main><section class="zone"><h1>A long story</h1>
        <p>${prose(150)}</p></section><article>${`<p>${prose(400)}</p>`.repeat(3)}
        <p id="end">${prose(400)}</p></article>${after}</main></body></html>`,
      { url: 'https://news.example/2024/05/a-long-story' },
    ).window.document;

  it("places the toolbar after the story's own <article>, not after a notice past it in the body", () => {
    const notice = `<section class="notice"><p>Reading restricted</p>
      <p>Your subscription does not allow you to read this article.</p>
      <p>For more information, please contact our sales department.</p></section>`;
    expect(detectArticle(storyInMain(notice))?.anchor.id).toBe('end');
  });

  it('places the toolbar after the text past an <article> that holds less than half of the body', () => {
    const rest = `<div class="rest">${`<p>${prose(600)}</p>`.repeat(3)}<p id="rest-end">${prose(300)}</p></div>`;
    expect(detectArticle(storyInMain(rest))?.anchor.id).toBe('rest-end');
  });

  it("keeps a block of the story's own paragraphs that also holds a player", () => {
    const after = `<div class="clip"><video src="clip.mp4"></video><p id="end">${prose(200)}</p></div>`;
    expect(detectArticle(page({ chars: 2000, head: OG_ARTICLE, after }))?.anchor.id).toBe('end');
  });

  it("places the toolbar before a post's line of metadata (filed under, tags)", () => {
    const after =
      '<div class="entry-meta">Posted by the desk on 21/02/2021. Filed under World. Follow the replies.</div>';
    expect(detectArticle(page({ chars: 2000, head: OG_ARTICLE, after }))?.anchor.id).toBe('p3');
  });

  it('places the toolbar after text written between <br>s at the end of the body', () => {
    const lines = Array.from({ length: 6 }, () => prose(200)).join('<br><br>');
    const doc = new DOMParser().parseFromString(
      `<body><div id="post">${lines}<br><br>Signed, the author.<div style="clear:both"></div></div>
       <div class="sidebar"><p>${prose(100)}</p></div></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('post');
  });

  describe('on a page laid out in a table', () => {
    /** A story in the content cell of a layout table, beside a cell of links; `cell` is its markup. */
    const tablePage = (cell: string) =>
      new DOMParser().parseFromString(
        `<body><table id="layout"><tr><td class="nav"><a href="/a">Archive</a> <a href="/b">About</a></td>
         <td class="content" id="story">${cell}</td></tr></table></body>`,
        'text/html',
      );

    it('places the toolbar after the last paragraph inside the content cell', () => {
      const paragraphs = Array.from({ length: 5 }, (_, i) => `<p id="p${i}">${prose(300)}</p>`);
      const doc = tablePage(`<h1>A story</h1>${paragraphs.join('')}`);
      expect(detectArticle(doc)?.anchor.id).toBe('p4');
    });

    it('never makes the toolbar a cell of the row: after the table when the cell ends in its own text', () => {
      const lines = Array.from({ length: 6 }, () => prose(200)).join('<br><br>');
      const doc = tablePage(`<font>${lines}</font>`);
      const anchor = detectArticle(doc)?.anchor;
      expect(anchor).toBeDefined();
      expect(['TR', 'TBODY', 'THEAD', 'TFOOT', 'TABLE']).not.toContain(
        anchor!.parentElement!.tagName,
      );
    });
  });

  /** A page of the project's own fixtures (the e2e suite serves them). */
  const fixture = (name: string) =>
    new DOMParser().parseFromString(
      readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures', name), 'utf8'),
      'text/html',
    );

  it('answers not an article for the fixture front page (teaser <article>s linking to stories)', () => {
    expect(detectArticle(fixture('front-page.html'))).toBeNull();
  });

  it('places the toolbar in the fixture article after the last body paragraph', () => {
    const doc = fixture('demo-article.html');
    const lastParagraph = doc.querySelector('[itemprop="articleBody"] > p:last-child');
    expect(lastParagraph).not.toBeNull();
    expect(detectArticle(doc)?.anchor).toBe(lastParagraph);
  });

  it('counts linked headings whose fragment names no element as teasers', () => {
    const teasers = Array.from(
      { length: 6 },
      (_, i) => `<div><h3><a href="#story-${i}">Story ${i}</a></h3><p>${prose(200)}</p></div>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<body><main>${teasers}</main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).toBeNull();
  });

  it('reads permalinked headings (fragments naming the heading) as sections, not teasers', () => {
    const sections = Array.from(
      { length: 6 },
      (_, i) => `<h2 id="s${i}"><a href="#s${i}">Part ${i}</a></h2><p>${prose(200)}</p>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<body><div id="post">${sections}</div></body>`,
      'text/html',
    );
    expect(detectArticle(doc)).not.toBeNull();
  });

  it('places the toolbar after a text-only <div> whose class reads as furniture (Readability keeps it as a <p>)', () => {
    const after =
      '<div class="video"><div class="videoTitle">Watch: the harbour at night</div><div class="videoMeta" id="end">8:09</div></div>';
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  it('places the toolbar after a closing paragraph in a <div> of its own whose sentence ends in a link', () => {
    const after = `<div class="paragraph"><p id="end">${prose(130)} Then read our <a href="/guide">guide to the best coats for the coast.</a></p></div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  it('places the toolbar before a <div> of one paragraph that is mostly a link', () => {
    const after = `<div class="paragraph"><p>Related: <a href="/other">${prose(120)}</a></p></div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('p3');
  });

  // Japanese prose is written with its own comma (、): a wrapper holding a story in it, and lists
  // of links to other stories, is the story's, not a list of links.
  it('places the toolbar after a Japanese story whose wrapper also holds lists of links', () => {
    const text = '肉をくわえたイヌが、橋を渡っていました。ふと下を見ると、川の中にも、';
    const block = (id = '') =>
      `<div class="block"${id}>${text.repeat(3)}<br>${text.repeat(3)}</div>`;
    // A teaser's snippet: a sentence cut short, with no comma.
    const snippet = text.split('、')[0];
    const teaser = (i: number) =>
      `<li><a href="/n/${i}">${snippet}</a><p><a href="/n/${i}">${snippet}${snippet}</a></p></li>`;
    const more = `<div class="more"><h2>${text.slice(0, 6)}</h2><ul>${[1, 2, 3, 4, 5, 6, 7, 8].map(teaser).join('')}</ul></div>`;
    const doc = new DOMParser().parseFromString(
      `<html><body><main><div class="area"><div class="wrapper"><div class="entry"><h1>${text.slice(0, 10)}</h1>
        ${block()}${block()}${block()}${block(' id="end"')}${more.repeat(3)}</div></div></div></main></body></html>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('end');
  });

  it('places the toolbar after a short closing paragraph', () => {
    const detection = detectArticle(
      page({ chars: 2000, after: '<p id="end">Reporting by A. N. Other.</p>' }),
    );
    expect(detection?.anchor.id).toBe('end');
  });

  // A box of links to more on the topic, then the credits: the prose ended before the box.
  const moreOnTheTopic = `<div class="box"><div class="teaser"><a href="/a">${prose(200)}</a></div><div class="teaser"><a href="/b">${prose(200)}</a></div></div>`;

  it('places the toolbar after the last paragraph, not after a short credit line past a box it leaves out', () => {
    const after = `${moreOnTheTopic}<p>Reporting by A. N. Other.</p>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('p3');
  });

  it('places the toolbar after the last paragraph, not after credits in two short lines past such a box', () => {
    const after = `${moreOnTheTopic}<div>Reporting: A. N. Other</div><div>On air: Radio Alder Bay, 10:00</div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('p3');
  });

  it('places the toolbar after the story, not after credits that are parts of the body past such a box', () => {
    const part = (html: string) => `<div class="module">${html}</div>`;
    const story = [0, 1, 2, 3].map((i) => `<p id="s${i}">${prose(500)}</p>`).join('');
    const doc = new DOMParser().parseFromString(
      `<html><body><main>${part(`<h1>Title</h1>${story}`)}${part(moreOnTheTopic)}${part('<p>Reporting: A. N. Other</p>')}${part('<p>This story on air: Radio Alder Bay, news at ten</p>')}</main></body></html>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('s3');
  });

  // A story's close set apart from its scored part (deep in wrappers of another class, after an
  // inline teaser), then a box and credits that join the body as clean paragraphs.
  it('places the toolbar after the story’s close past a teaser, not after credits that are parts of the body', () => {
    const part = (html: string) => `<div class="module">${html}</div>`;
    const story = [0, 1, 2, 3].map(() => `<p>${prose(500)}</p>`).join('');
    const close = `<div><div><div><div><div><p>${prose(150)}</p><p id="end">${prose(150)}</p></div></div></div></div></div>`;
    const doc = new DOMParser().parseFromString(
      `<html><body><main>${part(`<h1>Title</h1>${story}`)}${part(moreOnTheTopic)}<div class="module-continued">${close}</div>${part(moreOnTheTopic)}${part('<p>Reporting: A. N. Other.</p>')}${part('<p>This story was on air on Radio Alder Bay.</p>')}</main></body></html>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('end');
  });

  // Boxes beside the story that a site sets after its last paragraph: about its author, or facts
  // on the topic. The story's prose ended before them.
  const sideBoxCases: { name: string; after: string }[] = [
    {
      name: 'an author’s box',
      after: `<div class="author-box"><h2>About the author</h2><p>${prose(300)}</p></div>`,
    },
    {
      name: 'an author’s box without a heading',
      after: `<div class="authorprofile"><p>${prose(150)}</p><ul class="links"></ul></div>`,
    },
    {
      name: 'a fact box',
      after: `<div class="infobox"><h3>Background</h3><p>${prose(600)}</p></div>`,
    },
    {
      name: 'a fact box, then the credits',
      after: `<div class="module module--factbox"><h3>Background</h3><p>${prose(600)}</p></div><div class="credits"><p>Editing: A. N. Other</p></div>`,
    },
  ];
  sideBoxCases.forEach(({ name, after }) => {
    it(`places the toolbar after the last paragraph, before ${name}`, () => {
      expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('p3');
    });
  });

  it('places the toolbar after a closing paragraph that names the author', () => {
    const after = '<p class="article-author" id="end">By Jane Doe, Alder Bay</p>';
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  it('keeps a long box named for the author: a story, not a note on its writer', () => {
    const after = `<div class="author-box" id="end">${prose(1200)}</div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });

  const keptLineCases: { name: string; before: string }[] = [
    { name: 'a long closing paragraph past a box of links', before: moreOnTheTopic },
    { name: 'an advertisement’s label', before: '<div class="ad">Advertisement</div>' },
    {
      name: 'a newsletter box of prose',
      before: `<div class="newsletter"><p>${prose(300)}</p></div>`,
    },
    {
      name: 'a box whose links lead to places in the page',
      before: `<div class="contents"><a href="#p0">${prose(150)}</a> <a href="#p1">${prose(150)}</a></div>`,
    },
    {
      name: 'a dropped plea to subscribe',
      before: '<p>Sign up for our newsletter: <a href="/newsletter">subscribe</a>.</p>',
    },
  ];
  keptLineCases.forEach(({ name, before }) => {
    it(`places the toolbar after a closing line past ${name}`, () => {
      const line = name.startsWith('a long') ? prose(500) : 'He was 84.';
      const after = `${before}<p id="end">${line}</p>`;
      expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
    });
  });

  const related = `<div class="related-stories"><p>${prose(300)}</p></div>`;
  const shareRow =
    '<div class="share-row"><a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/share">X</a> <a href="mailto:?body=x">Email</a></div>';
  // Closing lines that are no label over what follows: the story's own, so the toolbar follows them.
  const closingLineCases: { name: string; tag?: string; line: string; after: string }[] = [
    { name: 'a short line with nothing after it', line: 'Jane Doe, Alder Bay', after: '' },
    {
      name: 'a short line before an empty advertisement',
      line: 'Jane Doe, Alder Bay',
      after: '<div class="ad"></div>',
    },
    {
      name: 'a short line before an advertisement’s label',
      line: 'Jane Doe, Alder Bay',
      after: '<div class="ad">Advertisement</div>',
    },
    {
      name: 'a short line before an advertisement’s script',
      line: 'Jane Doe, Alder Bay',
      after:
        '<script>window.ads = ["slot-1"];</script><div class="ad"><script>load("slot-1");</script></div>',
    },
    {
      name: 'a block whose own text is a sentence before related stories',
      line: `He was 84.${related}`,
      after: '',
    },
    { name: 'a short sentence before related stories', line: 'He was 84.', after: related },
    {
      name: 'a quotation before a share row',
      line: '“We will be back next year.”',
      after: shareRow,
    },
    { name: 'a question in Arabic before related stories', line: 'هل ينجح\u061f', after: related },
    { name: 'an end mark before related stories', line: 'Back next week ■', after: related },
    {
      name: 'a short paragraph with no stop before related stories',
      tag: 'p',
      line: 'He was 84',
      after: related,
    },
  ];
  closingLineCases.forEach(({ name, tag = 'div', line, after }) => {
    it(`places the toolbar after ${name}`, () => {
      const detection = detectArticle(
        page({ chars: 2000, after: `<${tag} id="end">${line}</${tag}>${after}` }),
      );
      expect(detection?.anchor.id).toBe('end');
    });
  });

  it('places the toolbar before a label over a short row of topic links', () => {
    const topics = ['harbour', 'ferries', 'alder-bay']
      .map((topic) => `<a href="/topic/${topic}">${topic}</a>`)
      .join(' ');
    const after = `<div class="label">Read more on</div><div class="topics">${topics}</div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('p3');
  });

  it('places the toolbar after the story when its own blocks are named like furniture (sidebar)', () => {
    // Readability drops blocks named `sidebar`; here the story's own blocks are, between ads.
    const sentences = 'Rain fell, the wind rose, boats rocked, nets tore. '.repeat(8);
    const block = (i: number) =>
      `<div class="sidebar-grid"><p>${sentences}</p><p id="s${i}">${sentences}</p></div><div class="ad">Advertisement</div>`;
    const doc = new DOMParser().parseFromString(
      `<body><main><article><h1>Title</h1><div class="article__content">${[0, 1, 2].map(block).join('')}</div>
       <footer><h3>More from the author</h3><a href="/x">${prose(200)}</a> <a href="/y">${prose(200)}</a></footer></article></main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('s2');
  });

  it('keeps readers’ comments out of a story whose own blocks are named like furniture', () => {
    const sentences = 'Rain fell, the wind rose, boats rocked, nets tore. '.repeat(8);
    const block = (i: number) =>
      `<div class="sidebar-grid"><p>${sentences}</p><p id="s${i}">${sentences}</p></div>`;
    const comment = `<div class="comment-body">${prose(300)}</div>`;
    const doc = new DOMParser().parseFromString(
      `<body><main><article><h1>Title</h1><div class="article__content">${[0, 1, 2].map(block).join('')}
       <div class="comments">${comment.repeat(3)}</div></div></article></main></body>`,
      'text/html',
    );
    expect(detectArticle(doc)?.anchor.id).toBe('s2');
  });

  it('places the toolbar after a block of the story’s own text past a share row inside it', () => {
    const after = `<div id="end">${prose(400)}<div class="share-row"><a href="#">Share</a></div></div>`;
    expect(detectArticle(page({ chars: 2000, after }))?.anchor.id).toBe('end');
  });
});

describe('detectArticle on a page of thousands of nested wrappers', () => {
  // 3,000 levels take jsdom 2.5 to 4.5 s to build and walk: near the default 5 s on a busy machine.
  it(
    'ends its search for the body end a bounded depth down (time, stack)',
    { timeout: 20_000 },
    () => {
      const doc = page({ chars: 3000, head: OG_ARTICLE });
      const body = doc.getElementById('body')!;
      let inner = body;
      for (let i = 0; i < 3_000; i++) inner = inner.appendChild(doc.createElement('div'));
      inner.append(...body.querySelectorAll('p'));
      const anchor = detectArticle(doc)!.anchor;
      let depth = 0;
      for (let el: Element | null = anchor; el && el !== body; el = el.parentElement) depth++;
      expect(body.contains(anchor)).toBe(true);
      expect(depth).toBeLessThanOrEqual(MAX_END_DEPTH + 1);
    },
  );
});

/**
 * Targets on the labelled real pages: the shared corpus (see its README) and the repository's own
 * (test/corpus: more non-articles, and live pages of new sites). Measured on both together (274 +
 * 788 pages): recall 0.976 (733 of 751), false toolbars 0.055 (17 of 311 non-articles), placed
 * right 0.880 (600 of 682; on 10 no placement can score, as the saved body text leaves out page
 * text inside the body's last 120 characters). Each is set so that one page more missed, falsely
 * shown or misplaced fails.
 */
const MIN_RECALL = 0.975;
const MAX_FALSE_POSITIVE_RATE = 0.055;
const MIN_PLACED_RIGHT = 0.879;

/** The shared corpus lives beside the repository (../shared/corpus/pages from the repo root). */
const testDir = dirname(fileURLToPath(import.meta.url));
const corpusDirs = [
  resolve(testDir, '../../../shared/corpus/pages'),
  resolve(testDir, '../corpus/pages'),
];
const sharedLabels = listCorpus(corpusDirs[0]!);
const pages = sharedLabels
  ? corpusDirs.flatMap((dir) => (listCorpus(dir) ?? []).map((label) => ({ dir, label })))
  : undefined;

// Elsewhere a clone without ../shared skips the targets; CI must not pass without measuring them.
it.runIf(process.env.CI)('finds the shared corpus beside the repository in CI', () => {
  expect(sharedLabels?.length ?? 0, `no labelled corpus in ${corpusDirs[0]}`).toBeGreaterThan(0);
});

describe.skipIf(!pages)('detectArticle on the page corpora', () => {
  it('meets the recall, false-positive and placement targets', async () => {
    let articles = 0;
    let found = 0;
    let others = 0;
    let falsePositives = 0;
    let withBody = 0;
    let placedRight = 0;
    const wrong: string[] = [];
    for (const { dir, label } of pages ?? []) {
      const doc = parseCorpusPage(dir, label);
      const detection = detectArticle(doc);
      if (label.isArticle) {
        articles++;
        if (detection) found++;
        else wrong.push(`missed ${label.id}`);
        if (label.bodyEnd) {
          withBody++;
          if (
            detection &&
            isPlacedRight(textAroundAnchor(detection.anchor).before, label.bodyEnd)
          ) {
            placedRight++;
          } else {
            wrong.push(`misplaced ${label.id}`);
          }
        }
      } else {
        others++;
        if (detection) {
          falsePositives++;
          wrong.push(`false positive ${label.id}`);
        }
      }
      // An open jsdom window keeps its whole page, and a closed one too until the event loop
      // turns: without the wait, 793 pages held over 4 GB at the end of one synchronous loop.
      doc.defaultView?.close();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const figures = {
      recall: found / articles,
      falsePositiveRate: falsePositives / others,
      placedRight: placedRight / withBody,
    };
    console.info('corpus figures', figures, wrong);
    expect(figures.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
    expect(figures.placedRight).toBeGreaterThanOrEqual(MIN_PLACED_RIGHT);
    // A bound on a hang, not a speed target: 588 pages parsed in jsdom take minutes on a busy
    // machine.
  }, 900_000);
});

if (!pages) {
  console.warn(`Page corpus not found at ${corpusDirs[0]}: corpus targets not checked.`);
}
