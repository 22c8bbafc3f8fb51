import { describe, expect, it } from 'vitest';
import { describeThisPage, offeredCorrection } from '../../src/popup/this-page-state';
import { cleanTitle, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '../../src/core/vote';
import type { PageReport } from '../../src/protocol';

const article = 'https://www.news.example/2026/ferry?utm_source=feed&id=7#comments';

describe('describeThisPage', () => {
  const report = (fields: Partial<PageReport>): PageReport => ({
    url: article,
    title: 'Night ferry returns',
    toolbarShown: false,
    ...fields,
  });

  [
    {
      name: 'no tab',
      tab: undefined,
      report: null,
      expected: { kind: 'unavailable', reason: 'unknown' },
    },
    {
      name: 'a tab without an address (no grant)',
      tab: { title: 'x' },
      report: null,
      expected: { kind: 'unavailable', reason: 'unknown' },
    },
    {
      name: "Chrome's own pages",
      tab: { url: 'chrome://extensions/' },
      report: null,
      expected: { kind: 'unavailable', reason: 'browser' },
    },
    {
      name: "Firefox's own pages",
      tab: { url: 'about:addons' },
      report: null,
      expected: { kind: 'unavailable', reason: 'browser' },
    },
    {
      name: 'an extension page',
      tab: { url: 'moz-extension://abc/popup.html' },
      report: null,
      expected: { kind: 'unavailable', reason: 'browser' },
    },
    {
      name: 'view-source',
      tab: { url: 'view-source:https://news.example/' },
      report: null,
      expected: { kind: 'unavailable', reason: 'browser' },
    },
    {
      name: 'a local file',
      tab: { url: 'file:///story.html' },
      report: null,
      expected: { kind: 'unavailable', reason: 'file' },
    },
    {
      name: 'the Chrome Web Store',
      tab: { url: 'https://chromewebstore.google.com/detail/abc' },
      report: null,
      expected: { kind: 'unavailable', reason: 'store' },
    },
    {
      name: 'the old Chrome Web Store',
      tab: { url: 'https://chrome.google.com/webstore/detail/abc' },
      report: null,
      expected: { kind: 'unavailable', reason: 'store' },
    },
    {
      name: "Mozilla's add-ons site",
      tab: { url: 'https://addons.mozilla.org/en-US/firefox/' },
      report: null,
      expected: { kind: 'unavailable', reason: 'store' },
    },
  ].forEach(({ name, tab, report: answer, expected }) => {
    it(`is unavailable on ${name}`, () => {
      expect(describeThisPage(tab, answer)).toEqual(expected);
    });
  });

  ['https://support.mozilla.org/kb/ferry', 'https://accounts.firefox.com/settings'].forEach(
    (url) => {
      it(`is unavailable on ${url}, a page Firefox keeps extensions off, where nothing answered`, () => {
        expect(describeThisPage({ url }, null)).toEqual({ kind: 'unavailable', reason: 'browser' });
      });

      it(`acts on ${url} where the content script answered (Chrome, or Firefox let run there)`, () => {
        expect(describeThisPage({ url }, report({ url })).kind).toBe('page');
      });
    },
  );

  it("acts on the article Firefox's Reader View shows, offering no toolbar correction there", () => {
    const tab = { url: `about:reader?url=${encodeURIComponent(article)}`, title: 'Night ferry' };
    expect(describeThisPage(tab, null)).toEqual({
      kind: 'page',
      ref: { url: article },
      title: 'Night ferry',
      site: 'news.example',
      toolbarShown: null,
      inReaderView: true,
    });
  });

  [
    { name: 'a file', url: 'about:reader?url=file%3A%2F%2F%2Fstory.html', reason: 'file' },
    { name: 'no address', url: 'about:reader', reason: 'browser' },
    {
      name: 'the add-on store',
      url: `about:reader?url=${encodeURIComponent('https://addons.mozilla.org/en-US/')}`,
      reason: 'store',
    },
  ].forEach(({ name, url, reason }) => {
    it(`is unavailable on Reader View of ${name}`, () => {
      expect(describeThisPage({ url }, null)).toEqual({ kind: 'unavailable', reason });
    });
  });

  /** An address of `length` characters on the news site. */
  const addressOf = (length: number, filler = 'a') => {
    const start = 'https://news.example/story?q=';
    return start + filler.repeat(length - start.length);
  };

  [
    { name: 'a tab', tab: { url: addressOf(MAX_URL_LENGTH + 1) }, answer: null },
    {
      name: 'the content script',
      tab: { url: article },
      answer: report({ url: addressOf(MAX_URL_LENGTH + 1) }),
    },
    {
      // Parsed, each raw `é` is six characters (%C3%A9): the key is made from that.
      name: 'a tab, as parsed',
      tab: { url: addressOf(MAX_URL_LENGTH / 2, 'é') },
      answer: null,
    },
    {
      name: 'Reader View',
      tab: { url: `about:reader?url=${encodeURIComponent(addressOf(MAX_URL_LENGTH + 1))}` },
      answer: null,
    },
  ].forEach(({ name, tab, answer }) => {
    it(`is unavailable on an address longer than the background takes, from ${name}`, () => {
      expect(describeThisPage(tab, answer)).toEqual({ kind: 'unavailable', reason: 'too-long' });
    });
  });

  /** The article's address made `length` characters long by a newsletter's tracking parameters. */
  const trackedOf = (length: number) => {
    const start = 'https://www.news.example/2026/ferry?id=7&utm_source=newsletter&_hsenc=';
    return start + 'p'.repeat(length - start.length);
  };
  const kept = 'https://www.news.example/2026/ferry?id=7';

  [
    { name: 'a tab', tab: { url: trackedOf(2500) }, answer: null, inReaderView: false },
    {
      name: 'the content script',
      tab: { url: trackedOf(2500) },
      answer: report({ url: trackedOf(2500), title: 'Night ferry' }),
      inReaderView: false,
    },
    {
      name: 'Reader View',
      tab: { url: `about:reader?url=${encodeURIComponent(trackedOf(4000))}` },
      answer: null,
      inReaderView: true,
    },
  ].forEach(({ name, tab, answer, inReaderView }) => {
    it(`acts on a longer address made so by tracking, as the background keeps it, from ${name}`, () => {
      expect(describeThisPage(tab, answer)).toMatchObject({
        kind: 'page',
        ref: { url: kept },
        site: 'news.example',
        inReaderView,
      });
    });
  });

  it('acts on an address as long as the background takes', () => {
    expect(describeThisPage({ url: addressOf(MAX_URL_LENGTH) }, null).kind).toBe('page');
  });

  it('acts on other pages of a store host that are not the store', () => {
    const page = describeThisPage({ url: 'https://chrome.google.com/intl/en/about/' }, null);
    expect(page.kind).toBe('page');
  });

  it('takes the tab address and title when no content script answers (not detected, not reloaded)', () => {
    expect(describeThisPage({ url: article, title: ' Ferry | News ' }, null)).toEqual({
      kind: 'page',
      ref: { url: article },
      title: 'Ferry | News',
      site: 'news.example',
      toolbarShown: null,
      inReaderView: false,
    });
  });

  it("takes the content script's declared addresses and title: the in-page toolbar's identity", () => {
    const page = describeThisPage(
      { url: article, title: 'Ferry | News' },
      report({ declaredUrls: ['https://news.example/story/ferry'], toolbarShown: true }),
    );
    expect(page).toEqual({
      kind: 'page',
      ref: { url: article, declaredUrls: ['https://news.example/story/ferry'] },
      title: 'Night ferry returns',
      site: 'news.example',
      toolbarShown: true,
      inReaderView: false,
    });
  });

  it('falls back to the tab title, then the address, for a page without a title', () => {
    expect(describeThisPage({ url: article, title: 'Tab' }, report({ title: '' }))).toMatchObject({
      title: 'Tab',
    });
    expect(describeThisPage({ url: 'https://news.example/a' }, null)).toMatchObject({
      title: 'https://news.example/a',
    });
  });

  [
    { name: 'zero-width characters', title: '\u200b\u200c\u200d\ufeff' },
    { name: 'bidi controls', title: '\u202e\u2066\u200f \u2069' },
    { name: 'a soft hyphen and a word joiner', title: '\u00ad\u2060' },
  ].forEach(({ name, title }) => {
    it(`takes a title of ${name} alone, which reads as blank, for none`, () => {
      expect(describeThisPage({ url: article, title: 'Tab' }, report({ title }))).toMatchObject({
        title: 'Tab',
      });
      expect(describeThisPage({ url: article, title }, null)).toMatchObject({ title: article });
    });
  });

  it("cuts a tab's long title as the history keeps it, so a screen reader does not read 10,000 letters", () => {
    const long = `Ferry ${'news '.repeat(2000)}`;
    const page = describeThisPage({ url: article, title: long }, null);
    expect(page).toMatchObject({ title: cleanTitle(long) });
    expect(page.kind === 'page' && page.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  });

  it('shows an undetected page (no toolbar) as a page all the same', () => {
    expect(describeThisPage({ url: article }, report({ toolbarShown: false }))).toMatchObject({
      kind: 'page',
      toolbarShown: false,
    });
  });
});

describe('offeredCorrection', () => {
  const cases: {
    shown: boolean | null;
    correction: 'show' | 'hide' | null;
    siteDisabled: boolean;
    expected: 'show' | 'hide' | null;
  }[] = [
    { shown: true, correction: null, siteDisabled: false, expected: 'hide' },
    { shown: false, correction: null, siteDisabled: false, expected: 'show' },
    { shown: true, correction: 'show', siteDisabled: false, expected: 'hide' },
    { shown: false, correction: 'hide', siteDisabled: false, expected: 'show' },
    { shown: null, correction: null, siteDisabled: false, expected: 'show' },
    { shown: null, correction: 'show', siteDisabled: false, expected: 'hide' },
    { shown: null, correction: 'hide', siteDisabled: false, expected: 'show' },
    { shown: false, correction: null, siteDisabled: true, expected: null },
    { shown: false, correction: 'show', siteDisabled: true, expected: null },
  ];
  cases.forEach(({ shown, correction, siteDisabled, expected }) => {
    it(`offers ${expected} for a toolbar shown=${shown}, correction ${correction}, site off=${siteDisabled}`, () => {
      expect(offeredCorrection(shown, correction, siteDisabled)).toBe(expected);
    });
  });
});
