import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOfPage } from '../../src/core/article-url';
import {
  isPublicSuffix,
  isSameSite,
  isVoteOnOneSite,
  listedSiteOf,
  normalizeArticleUrlByList,
  registrableDomain,
  trustedHostOfPage,
} from '../../src/core/same-site';
import { coveringSites, isCoveredBy } from '../../src/core/site-list';

describe('isPublicSuffix', () => {
  // Each would turn off every site under it, as the options page's field would have listed it.
  it.each(['com', 'co.uk', 'CO.UK', 'gov.uk', 'github.io', 'blogspot.com', 'xn--p1ai'])(
    '%s is a public suffix',
    (host) => expect(isPublicSuffix(host)).toBe(true),
  );

  it.each([
    'example.com',
    'www.gov.uk',
    'alice.github.io',
    'localhost',
    'intranet',
    '127.0.0.1',
    '[::1]',
  ])('%s is not', (host) => expect(isPublicSuffix(host)).toBe(false));
});

describe('registrableDomain', () => {
  it.each([
    ['www.news.example', 'news.example'],
    ['edition.news.co.uk', 'news.co.uk'],
    ['alice.github.io', 'alice.github.io'],
    ['Alice.GitHub.io', 'alice.github.io'],
    ['127.0.0.1', null],
    ['localhost', null],
  ])('%s belongs to %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('isSameSite', () => {
  it.each([
    ['news.example', 'www.news.example', true],
    ['news.example', 'amp.news.example', true],
    ['edition.news.example', 'news.example', true],
    ['news.bbc.co.uk', 'www.bbc.co.uk', true],
    ['news.example', 'othernews.example', false],
    ['news.example', 'news.example.evil', false],
    // A suffix match took these for one site: the Public Suffix List knows better.
    ['bbc.co.uk', 'evil.co.uk', false],
    ['co.uk', 'bbc.co.uk', false],
    ['alice.github.io', 'github.io', false],
    ['alice.github.io', 'bob.github.io', false],
    ['alice.blogspot.com', 'blogspot.com', false],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '10.0.0.1', false],
    ['localhost', 'app.localhost', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(isSameSite(a, b)).toBe(expected);
    expect(isSameSite(b, a)).toBe(expected);
  });

  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
  const suffix = fc.constantFrom('com', 'co.uk', 'example', 'github.io', 'blogspot.com', 'de');
  const host = fc
    .tuple(fc.array(label, { maxLength: 3 }), label, suffix)
    .map(([subdomains, name, tld]) => [...subdomains, name, tld].join('.'));

  it('is reflexive and symmetric', () => {
    fc.assert(
      fc.property(host, host, (a, b) => {
        expect(isSameSite(a, a)).toBe(true);
        expect(isSameSite(a, b)).toBe(isSameSite(b, a));
      }),
    );
  });

  // From a few names, so that hosts of one site come up often.
  const nearbyHost = fc
    .tuple(
      fc.subarray(['www', 'edition', 'amp']),
      fc.constantFrom('news', 'wire'),
      fc.constantFrom('com', 'co.uk', 'github.io'),
    )
    .map(([subdomains, name, tld]) => [...subdomains, name, tld].join('.'));

  it('is transitive', () => {
    fc.assert(
      fc.property(nearbyHost, nearbyHost, nearbyHost, (a, b, c) => {
        fc.pre(isSameSite(a, b) && isSameSite(b, c));
        expect(isSameSite(a, c)).toBe(true);
      }),
    );
  });

  it('joins any subdomains of one registrable name, and never two names under a public suffix', () => {
    fc.assert(
      fc.property(
        fc.array(label, { maxLength: 3 }),
        fc.array(label, { maxLength: 3 }),
        label,
        label,
        suffix,
        (subA, subB, name, other, tld) => {
          const site = `${name}.${tld}`;
          // Some names make a suffix of the list's private part (it.com, us.com): no site of their own.
          fc.pre(registrableDomain(site) === site);
          expect(isSameSite([...subA, site].join('.'), [...subB, site].join('.'))).toBe(true);
          fc.pre(other !== name);
          expect(isSameSite([...subA, site].join('.'), `${other}.${tld}`)).toBe(false);
        },
      ),
    );
  });

  it('never joins a host with its public suffix', () => {
    fc.assert(
      fc.property(label, suffix, (name, tld) => {
        expect(isSameSite(`${name}.${tld}`, tld)).toBe(false);
      }),
    );
  });
});

describe('isVoteOnOneSite', () => {
  it.each([
    ['https://news.example/a', 'https://www.news.example/a?x=1', true],
    ['https://news.example/a', 'https://edition.news.example/a', true],
    ['https://news.example/a', 'https://evil.example/a', false],
    ['https://alice.github.io/a', 'https://bob.github.io/a', false],
    ['https://news.example/a', 'https://news-example.cdn.ampproject.org/c/s/news.example/a', true],
    ['https://news.example/a', 'https://evil-example.cdn.ampproject.org/c/s/evil.example/a', false],
    // A cache's page that rewrote its path to name another site is still its own label's.
    ['https://news.example/a', 'https://evil-example.cdn.ampproject.org/c/s/news.example/a', false],
    ['https://news.example/a', 'https://www.google.com/amp/s/www.news.example/a', true],
    ['https://news.example/a', 'https://www.google.co.uk/amp/s/news.example/a', true],
    ['https://news.example/a', 'https://www.bing.com/amp/s/news.example/a', true],
    ['https://news.example/a', 'https://news-example.translate.goog/a?_x_tr_sl=auto', true],
    ['https://news.example/a', 'https://evil-example.translate.goog/a?_x_tr_sl=auto', false],
    // Hosts of the viewer's form under a suffix anyone registers at: not Google's.
    ['https://news.example/a', 'https://www.google.co.nl/amp/s/news.example/a', false],
    ['https://news.example/a', 'https://www.google.com.be/amp/s/news.example/a', false],
    [
      'https://news.example/a',
      'https://news-example.cdn.ampproject.org/c/s/www.google.com.de/amp/s/news.example/a',
      false,
    ],
    // A variant label stays where only a public suffix would remain: the key keeps it too.
    ['https://www.gov.uk/a', 'https://www.gov.uk/a', true],
    ['https://m.github.io/a', 'https://m.github.io/a', true],
    ['https://m.github.io/a', 'https://www.m.github.io/a', true],
    // A key on the suffix itself is no site's, and `www.github.io` is another user's.
    ['https://gov.uk/a', 'https://www.gov.uk/a', false],
    ['https://github.io/a', 'https://m.github.io/a', false],
    ['https://m.github.io/a', 'https://www.github.io/a', false],
    ['https://gov.uk/a', 'https://www.ons.gov.uk/a', false],
    ['https://github.io/a', 'https://alice.github.io/a', false],
  ])('key %s, url %s: %s', (key, url, expected) => {
    expect(isVoteOnOneSite({ key, url })).toBe(expected);
  });
});

describe('normalizeArticleUrlByList', () => {
  it.each([
    ['https://www.news.example/a?utm_source=x', 'https://news.example/a'],
    ['https://www.m.news.example/a', 'https://news.example/a'],
    ['https://www.bbc.co.uk/news/1', 'https://bbc.co.uk/news/1'],
    // Each label below a host service's suffix is a user's site, whatever its name.
    ['https://m.github.io/a', 'https://m.github.io/a'],
    ['https://www.github.io/a', 'https://www.github.io/a'],
    ['https://www.m.github.io/a', 'https://m.github.io/a'],
    ['https://amp.blogspot.com/a', 'https://amp.blogspot.com/a'],
    ['https://mobile.netlify.app/a', 'https://mobile.netlify.app/a'],
    ['https://www.gov.uk/a', 'https://www.gov.uk/a'],
    ['https://m-github-io.translate.goog/a?_x_tr_sl=auto', 'https://m.github.io/a'],
    ['https://www.localhost:8080/a', 'https://www.localhost:8080/a'],
    ['not an address', null],
  ])('%s → %s', (address, expected) => {
    expect(normalizeArticleUrlByList(address)).toBe(expected);
  });

  it('is idempotent', () => {
    const host = fc
      .tuple(
        fc.subarray(['www', 'm', 'amp', 'alice']),
        fc.constantFrom('news.example', 'github.io', 'gov.uk', 'blogspot.com', 'co.uk'),
      )
      .map(([labels, suffix]) => [...labels, suffix].join('.'));
    fc.assert(
      fc.property(host, (h) => {
        const key = normalizeArticleUrlByList(`https://${h}/a`)!;
        expect(normalizeArticleUrlByList(key)).toBe(key);
      }),
    );
  });
});

describe('trustedHostOfPage', () => {
  it.each([
    ['https://www.news.example./a', 'www.news.example'],
    ['https://www.google.com/amp/s/news.example/a', 'news.example'],
    ['https://news-example.cdn.ampproject.org/c/s/news.example/a', 'news.example'],
    ['https://news-example.translate.goog/a?_x_tr_sl=auto', 'news.example'],
    // Hosts that only pass for a wrapper: the page is their own, not the site it names.
    ['https://www.google.co.nl/amp/s/news.example/a', 'www.google.co.nl'],
    ['https://www.google.com.be/amp/s/news.example/a', 'www.google.com.be'],
    [
      'https://news-example.cdn.ampproject.org/c/s/www.google.com.de/amp/s/news.example/a',
      'news-example.cdn.ampproject.org',
    ],
  ])('%s → %s', (address, expected) => {
    expect(trustedHostOfPage(address)).toBe(expected);
  });
});

describe('listedSiteOf', () => {
  it.each([
    ['www.news.example', 'news.example'],
    ['m.www.news.example', 'news.example'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['News.Example.', 'news.example'],
    ['amp.dev', 'amp.dev'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    // Without its variant label, what is left is a public suffix: it would cover every site below.
    ['www.gov.uk', 'www.gov.uk'],
    ['m.www.gov.uk', 'www.gov.uk'],
    ['m.github.io', 'm.github.io'],
    ['www.nhs.uk', 'www.nhs.uk'],
    ['www.gov.br', 'www.gov.br'],
  ])('%s → %s', (host, expected) => {
    expect(listedSiteOf(host)).toBe(expected);
  });

  // The background finds a tab's site off by the entries covering listedSiteOf(host); the tab
  // itself, without the Public Suffix List, matches a notice against its whole host.
  const host = fc
    .tuple(
      fc.subarray(['m', 'www', 'edition']),
      fc.constantFrom('news', 'gov', 'github', 'ons'),
      fc.constantFrom('uk', 'co.uk', 'gov.uk', 'io', 'github.io', 'example'),
    )
    .map(([labels, name, tld]) => [...labels, name, tld].join('.'));

  it('names the entry a tab matches exactly when the background covers the tab by it', () => {
    fc.assert(
      fc.property(host, host, (turnedOff, tab) => {
        const listed = listedSiteOf(turnedOff);
        expect(isCoveredBy(hostOfPage(`https://${tab}/a`), listed)).toBe(
          coveringSites(listedSiteOf(tab)).includes(listed),
        );
      }),
    );
  });
});
