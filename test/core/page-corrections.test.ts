import { describe, expect, it } from 'vitest';
import {
  correctionCandidates,
  correctionStorageKey,
  listCorrections,
  parseCorrection,
  rekeyCorrections,
} from '../../src/core/page-corrections';
import { SETTINGS_KEY } from '../../src/core/settings';

const show = { toolbar: 'show', title: 'Short story', url: 'https://news.example/a', setAt: 2 };
const hide = { toolbar: 'hide', title: 'Section front', url: 'https://news.example/b', setAt: 5 };

describe('parseCorrection', () => {
  [
    { value: show, expected: show },
    { value: hide, expected: hide },
    { value: undefined, expected: null },
    { value: 'show', expected: null },
    { value: { ...show, toolbar: 'maybe' }, expected: null },
    { value: { ...show, title: 3 }, expected: null },
    { value: { ...show, setAt: 'yesterday' }, expected: null },
    { value: { ...show, extra: true }, expected: show },
  ].forEach(({ value, expected }) => {
    it(`reads ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => {
      expect(parseCorrection(value)).toEqual(expected);
    });
  });
});

describe('listCorrections', () => {
  it('lists the corrections among other items, newest first, and skips broken ones', () => {
    const items = {
      [SETTINGS_KEY]: { reactions: ['like'] },
      [correctionStorageKey('https://news.example/a')]: show,
      [correctionStorageKey('https://news.example/b')]: hide,
      [correctionStorageKey('https://news.example/c')]: { toolbar: 'nope' },
    };
    expect(listCorrections(items)).toEqual([
      { key: 'https://news.example/b', ...hide },
      { key: 'https://news.example/a', ...show },
    ]);
  });
});

describe('correctionCandidates', () => {
  it('lists the declared addresses, then the own one, normalized, each once', () => {
    expect(
      correctionCandidates('https://www.news.example/a?utm_source=x', [
        'https://news.example/story/a',
        'not a url',
        'https://news.example/a',
      ]),
    ).toEqual([
      'https://news.example/story/a',
      'https://news.example/a',
      'https://www.news.example/a',
    ]);
  });

  it('lists a page under its whole host and as each variant label goes', () => {
    // The background keeps the labels in front of a public suffix (listedSiteOf): a user's
    // `m.github.io`, `www.gov.uk` (not the suffix `gov.uk`); elsewhere it leaves them off.
    expect(correctionCandidates('https://www.m.github.io/a', [])).toEqual(
      expect.arrayContaining([
        'https://www.m.github.io/a',
        'https://m.github.io/a',
        'https://github.io/a',
      ]),
    );
    expect(correctionCandidates('https://www.gov.uk/x', [])).toContain('https://www.gov.uk/x');
    expect(correctionCandidates('https://WWW.Mobile.News.Example./a', [])).toEqual(
      expect.arrayContaining([
        'https://www.mobile.news.example/a',
        'https://mobile.news.example/a',
        'https://news.example/a',
      ]),
    );
  });

  it("lists a mobile host's page under the host without its mobile label too", () => {
    // The background keys `en.m.wiki.example` as `en.wiki.example` (articleKey).
    expect(correctionCandidates('https://en.m.wiki.example/wiki/Harbour', [])).toEqual([
      'https://en.wiki.example/wiki/Harbour',
      'https://en.m.wiki.example/wiki/Harbour',
    ]);
  });
});

describe('rekeyCorrections', () => {
  // Keys as an earlier version made them: a session in the path (before database version 10).
  const oldKey = 'https://news.example/a;jsessionid=F00';
  const newKey = 'https://news.example/a';

  it('moves a correction stored under a key normalizing no longer gives to the one it gives now', () => {
    const items = { [correctionStorageKey(oldKey)]: show, [SETTINGS_KEY]: { theme: 'dark' } };
    expect(rekeyCorrections(items)).toEqual({
      set: { [correctionStorageKey(newKey)]: show },
      remove: [correctionStorageKey(oldKey)],
    });
  });

  it('keeps the newer of two corrections of one article', () => {
    const older = { ...show, setAt: 1 };
    const newer = { ...hide, setAt: 9 };
    expect(
      rekeyCorrections({
        [correctionStorageKey(oldKey)]: newer,
        [correctionStorageKey(newKey)]: older,
      }),
    ).toEqual({
      set: { [correctionStorageKey(newKey)]: newer },
      remove: [correctionStorageKey(oldKey)],
    });
    expect(
      rekeyCorrections({
        [correctionStorageKey(oldKey)]: older,
        [correctionStorageKey(newKey)]: newer,
      }),
    ).toEqual({ set: {}, remove: [correctionStorageKey(oldKey)] });
  });

  it('changes nothing where every key is as normalizing gives it', () => {
    expect(
      rekeyCorrections({ [correctionStorageKey(newKey)]: show, [SETTINGS_KEY]: {}, other: 1 }),
    ).toEqual({ set: {}, remove: [] });
  });
});
