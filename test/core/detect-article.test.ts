import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  detectArticle,
  MIN_ARTICLE_CHARS,
  MIN_ARTICLE_CHARS_WITH_METADATA,
  MIN_TEASERS_IN_LIST,
} from '../../src/core/detect-article';
import { listCorpus, parseCorpusPage } from '../support/corpus';
import { isPlacedRight, textAroundAnchor } from '../support/placement';

/** Text of exactly `chars` characters, in sentences. */
function prose(chars: number): string {
  const sentence = 'Rain fell on the old harbour town all through the night. ';
  return sentence
    .repeat(Math.ceil(chars / sentence.length))
    .slice(0, chars)
    .trim()
    .padEnd(chars, 'x');
}

/** A page whose body is `paragraphs` paragraphs sharing `chars` characters, in `wrapper`. */
function page(options: {
  chars: number;
  head?: string;
  wrapper?: 'div' | 'article';
  after?: string;
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
  return new DOMParser().parseFromString(html, 'text/html');
}

const OG_ARTICLE = '<meta property="og:type" content="article">';
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
      name: 'og:type=article at MIN_ARTICLE_CHARS_WITH_METADATA',
      doc: () => page({ chars: MIN_ARTICLE_CHARS_WITH_METADATA + 8, head: OG_ARTICLE }),
      isArticle: true,
    },
    {
      name: 'og:type=article below MIN_ARTICLE_CHARS_WITH_METADATA',
      doc: () => page({ chars: MIN_ARTICLE_CHARS_WITH_METADATA - 40, head: OG_ARTICLE }),
      isArticle: false,
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
      name: 'a video page (og:type=video.other)',
      doc: () => page({ chars: 3000, head: '<meta property="og:type" content="video.other">' }),
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
  ];
  endCases.forEach(({ name, after }) => {
    it(`places the toolbar after the last paragraph, before ${name}`, () => {
      const detection = detectArticle(page({ chars: 2000, head: OG_ARTICLE, after }));
      expect(detection?.anchor.id).toBe('p3');
    });
  });

  it('places the toolbar after a short closing paragraph', () => {
    const detection = detectArticle(
      page({ chars: 2000, after: '<p id="end">Reporting by A. N. Other.</p>' }),
    );
    expect(detection?.anchor.id).toBe('end');
  });
});

/** Targets on the shared corpus of labelled real pages (see its README). */
const MIN_RECALL = 0.95;
const MAX_FALSE_POSITIVE_RATE = 0.05;
const MIN_PLACED_RIGHT = 0.95;

/** The corpus lives beside the repository: ../shared/corpus/pages from the repo root. */
const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/pages');
const labels = listCorpus(corpusDir);

describe.skipIf(!labels)('detectArticle on the page corpus', () => {
  it('meets the recall, false-positive and placement targets', () => {
    let articles = 0;
    let found = 0;
    let others = 0;
    let falsePositives = 0;
    let withBody = 0;
    let placedRight = 0;
    const wrong: string[] = [];
    for (const label of labels ?? []) {
      const detection = detectArticle(parseCorpusPage(corpusDir, label));
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
  }, 60_000);
});

if (!labels) {
  console.warn(`Page corpus not found at ${corpusDir}: corpus targets not checked.`);
}
