import { describe, expect, it, vi } from 'vitest';
import {
  isCompanyAddress,
  isLinkTo,
  isListingAddress,
  isWithinSite,
  readPageAddresses,
} from '../../../src/core/detect/page-addresses';

/** A document at `url` whose head holds `head`. */
function pageAt(url: string, head = ''): Document {
  const doc = new DOMParser().parseFromString(
    `<html><head>${head}</head><body></body></html>`,
    'text/html',
  );
  Object.defineProperty(doc, 'URL', { value: url });
  return doc;
}

describe('readPageAddresses', () => {
  it('lists the canonical address, then og:url, then the own one, as article keys', () => {
    const doc = pageAt(
      'https://www.news.example/2024/story?utm_source=feed',
      '<meta property="og:url" content="https://news.example/2024/story/amp">' +
        '<link rel="canonical" href="/2024/story/">',
    );
    expect(readPageAddresses(doc)).toEqual(['https://news.example/2024/story']);
  });

  it("reads a declared address without its scheme that starts with the site's host", () => {
    const doc = pageAt(
      'https://www.news.example/2024/story',
      '<link rel="canonical" href="news.example"><meta property="og:url" content="www.news.example/2024/story">',
    );
    expect(readPageAddresses(doc)).toEqual([
      'https://news.example/',
      'https://news.example/2024/story',
    ]);
  });

  it('skips a malformed declared address', () => {
    const doc = pageAt('https://news.example/a', '<link rel="canonical" href="https://[bad">');
    expect(readPageAddresses(doc)).toEqual(['https://news.example/a']);
  });
});

describe('isListingAddress', () => {
  const cases: [url: string, head: string, expected: boolean][] = [
    ['https://news.example/', '', true],
    ['https://news.example/index.html', '', true],
    ['https://news.example/es/', '', true],
    ['https://news.example/en-gb', '', true],
    ['https://news.example/?utm_source=x', '', true],
    ['https://news.example/?p=123', '', false],
    ['https://news.example/2024/05/story', '', false],
    ['https://news.example/politics', '', false],
    ['https://news.example/search?q=floods', '', true],
    ['https://blog.example/?s=garden', '', true],
    ['https://news.example/suche/', '', true],
    ['https://news.example/tag/climate', '', true],
    ['https://blog.example/category/recipes/page/3', '', true],
    ['https://news.example/author/jane-doe/', '', true],
    ['https://news.example/world/page/2', '', true],
    ['https://news.example/2024/05/the-search-for-the-lost-city', '', false],
    ['https://news.example/2024/05/story?page=2', '', false],
    // On a headline's slug, `s` marks a share (Substack), not a search.
    ['https://letter.example/p/nonsense-on-stilts?s=r', '', false],
    ['https://letter.example/p/notes?s=r', '', true],
    ['https://site.example/blog/', '', true],
    ['https://news.example/en/archive', '', true],
    ['https://news.example/en/news', '', false],
    ['https://site.example/blog/harbour-fire', '', false],
    ['https://news.example/2024/05/fake-news', '', false],
    ['https://news.example/topic/climate-change', '', true],
    ['https://news.example/thema/Ukraine/', '', true],
    ['https://news.example/section/world', '', true],
    ['https://news.example/autor/jane-doe', '', true],
    ['https://news.example/profile/jane-doe', '', true],
    ['https://news.example/by/jane-doe', '', true],
    ['https://news.example/argomenti', '', true],
    // A company's profile is known only once the page is read (isCompanyAddress): stories are
    // filed so too.
    ['https://directory.example/company/harbour-works', '', false],
    // Deeper paths are stories filed below a topic; a word inside a slug is no topic.
    ['https://news.example/topics/climate/2024/05/harbour-floods', '', false],
    ['https://news.example/section/harbour-floods-a-123456', '', false],
    ['https://news.example/themen/fire-closes-the-harbour-for-a-week', '', false],
    ['https://news.example/autor/jane-marie-doe', '', true],
    ['https://news.example/2024/05/the-topic-of-the-day', '', false],
    ['https://news.example/world/sections-of-the-wall-fall', '', false],
    ['https://blog.example/ru/company/harbour-works/blog/712386', '', false],
    ['https://news.example/2024/05/company-fined-over-harbour-fire', '', false],
    // A hash-routed app at the site's root: its route names the page shown.
    ['https://news.example/#!/story/harbour-fire-closes-port', '', false],
    ['https://news.example/#/2024/05/story', '', false],
    ['https://news.example/#!/tag/climate', '', true],
    ['https://news.example/#comments', '', true],
    // The declared address decides: a saved copy, or a home page reached through a long path.
    ['https://example.com/page.html', '<link rel="canonical" href="https://news.example/">', true],
    [
      'https://news.example/',
      '<link rel="canonical" href="https://news.example/2024/story">',
      false,
    ],
  ];
  cases.forEach(([url, head, expected]) => {
    it(`answers ${expected} for ${url} ${head}`, () => {
      const [address] = readPageAddresses(pageAt(url, head));
      expect(isListingAddress(address!)).toBe(expected);
    });
  });
});

describe('isWithinSite', () => {
  const addresses = ['https://news.example/2024/story'];
  const cases: [href: string, expected: boolean][] = [
    ['/2024/other', true],
    ['other-story.html', true],
    ['https://www.news.example/2024/other', true],
    ['//m.news.example/2024/other', true],
    ['https://shop.example/kettle', false],
    ['mailto:desk@news.example', false],
    ['javascript:void(0)', false],
  ];
  cases.forEach(([href, expected]) => {
    it(`answers ${expected} for ${href}`, () => {
      expect(isWithinSite(href, addresses)).toBe(expected);
    });
  });
});

describe('isCompanyAddress', () => {
  it.each([
    ['https://directory.example/company/harbour-works', true],
    ['https://news.example/companies/harbour-works/', true],
    ['https://blog.example/ru/company/harbour-works/blog/712386', false],
    ['https://news.example/2024/05/company-fined-over-harbour-fire', false],
    ['https://gids.example/115755/bedrijf/harbour-works.html', true],
    ['https://verzeichnis.example/firma/harbour-works-gmbh', true],
    ['https://annuaire.example/entreprise/harbour-works', true],
    ['https://guia.example/empresa/harbour-works/', true],
    ['https://elenco.example/azienda/harbour-works', true],
    // Plurals are news sections in these languages (`/wirtschaft/unternehmen/…`): left alone.
    ['https://news.example/wirtschaft/unternehmen/harbour-works-cuts-jobs', false],
    ['https://news.example/empresas/harbour-works-cuts-jobs', false],
  ])('answers %s: %s', (address, expected) => {
    expect(isCompanyAddress([address])).toBe(expected);
  });
});

describe('isLinkTo', () => {
  const addresses = ['https://news.example/2024/05/harbour-fire'];
  [
    { href: 'https://news.example/2024/05/harbour-fire?utm_source=x', isTo: true },
    { href: 'https://www.news.example/2024/05/harbour-fire/', isTo: true },
    { href: 'https://news.example/2024/05/harbour-fire-2', isTo: false },
    { href: '/2024/05/ferry-strike', isTo: false },
  ].forEach(({ href, isTo }) => {
    it(`tells a link to the page from the address it was given, reading none: ${href}`, () => {
      const link = pageAt('https://news.example/2024/05/harbour-fire').createElement('a');
      link.setAttribute('href', href);
      const getAttribute = vi.spyOn(link, 'getAttribute');
      expect(isLinkTo(link, addresses, href)).toBe(isTo);
      expect(isLinkTo(link, addresses)).toBe(isTo);
      expect(getAttribute).toHaveBeenCalledTimes(1);
    });
  });
});
