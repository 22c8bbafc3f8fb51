import { describe, expect, it, vi } from 'vitest';
import {
  cleanTitle,
  keptPageUrl,
  MAX_PAGE_URL_INPUT,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  parseVote,
  readLanguageTag,
  readStoredVote,
} from '../../src/core/vote';

describe('cleanTitle', () => {
  it.each([
    { name: 'a space', title: `${'a'.repeat(MAX_TITLE_LENGTH - 1)} next words` },
    { name: 'a space after emoji', title: `${'😮'.repeat(MAX_TITLE_LENGTH - 1)} next` },
    { name: 'a tab and line break', title: `${'a'.repeat(MAX_TITLE_LENGTH - 1)}\t\nnext` },
  ])('never ends a title cut at the limit with $name', ({ title }) => {
    const stored = cleanTitle(title);
    expect(stored).toBe(stored.trim());
    expect(Array.from(stored)).toHaveLength(MAX_TITLE_LENGTH - 1);
    // What an import of its export does to the title: nothing.
    expect(cleanTitle(stored)).toBe(stored);
  });
});

describe('parseVote', () => {
  it('imports a title cut at the limit as it was exported', () => {
    const stored = cleanTitle(`${'a'.repeat(MAX_TITLE_LENGTH - 1)} next words`);
    const exported = {
      key: 'https://news.example/story',
      url: 'https://news.example/story',
      title: stored,
      site: 'news.example',
      reaction: 'wow',
      createdAt: 1,
      updatedAt: 2,
    };
    expect(parseVote(exported)?.title).toBe(stored);
  });

  it('names a vote without a title by its address, no longer than a title, as a write does', () => {
    const url = `https://news.example/${'a'.repeat(MAX_TITLE_LENGTH * 2)}`;
    const imported = { key: url, url, title: ' ', reaction: 'wow', createdAt: 1, updatedAt: 2 };
    const title = parseVote(imported)?.title;
    expect(title).toBe(cleanTitle(url));
    expect(Array.from(title ?? '')).toHaveLength(MAX_TITLE_LENGTH);
    // What an import of its export does to the title: nothing.
    expect(parseVote({ ...imported, title })?.title).toBe(title);
  });

  // Only the background's Public Suffix List tells a variant label from a user's host.
  it.each([
    ['https://m.github.io/a?utm_source=x', 'https://m.github.io/a'],
    ['https://www.github.io/a', 'https://www.github.io/a'],
    ['https://www.news.example./a', 'https://www.news.example/a'],
  ])("keeps the key's host whole: %s → %s", (key, expected) => {
    const given = { key, url: key, title: 'Story', reaction: 'wow', createdAt: 1, updatedAt: 2 };
    expect(parseVote(given)?.key).toBe(expected);
  });

  it.each([
    { createdAt: 1, updatedAt: 8.64e15 + 1 },
    { createdAt: 8.64e15 + 1, updatedAt: 8.64e15 + 2 },
  ])(
    'refuses a time past the latest a Date holds: created $createdAt, updated $updatedAt',
    (times) => {
      const url = 'https://news.example/story';
      const given = { key: url, url, title: 'Story', reaction: 'wow', ...times };
      expect(parseVote(given)).toBeNull();
      expect(parseVote({ ...given, createdAt: 8.64e15, updatedAt: 8.64e15 })).not.toBeNull();
    },
  );

  describe("a vote exported by 0.1.0, whose link kept the page's credentials", () => {
    const exported = {
      key: 'https://news.example/story',
      url: 'https://reader:s3cret@news.example/story?page=2',
      title: 'Harbour lights',
      reaction: 'wow',
      createdAt: 1,
      updatedAt: 2,
    };

    it('imports the link without them, keeping its title', () => {
      expect(parseVote(exported)).toMatchObject({
        url: 'https://news.example/story?page=2',
        title: 'Harbour lights',
      });
    });

    it.each([
      { name: 'a user name', url: 'https://reader@news.example/story' },
      { name: 'a password', url: 'https://:s3cret@news.example/story' },
    ])('imports the link without $name alone', ({ url }) => {
      expect(parseVote({ ...exported, url })?.url).toBe('https://news.example/story');
    });

    it('names a page without a title by the link without them, as 0.1.0 named it by the link', () => {
      expect(parseVote({ ...exported, title: exported.url })).toMatchObject({
        url: 'https://news.example/story?page=2',
        title: 'https://news.example/story?page=2',
      });
      const long = `https://reader:s3cret@news.example/${'a'.repeat(MAX_TITLE_LENGTH * 2)}`;
      const cut = parseVote({ ...exported, url: long, title: cleanTitle(long) });
      expect(cut?.title).toBe(cleanTitle(long.replace('reader:s3cret@', '')));
    });

    it('imports its own export back as it was', () => {
      const imported = parseVote({ ...exported, title: exported.url })!;
      expect(parseVote(imported)).toEqual(imported);
    });
  });
});

describe('keptPageUrl', () => {
  const story = 'https://www.news.example/2026/ferry?id=7';
  /** `story` made `length` characters long by a newsletter's tracking token. */
  const tracked = (length: number) => {
    const start = `${story}&utm_source=newsletter&_hsenc=`;
    return start + 'p2ANqtz'.repeat(length).slice(0, length - start.length);
  };
  /** `story` made `length` characters long by a parameter that names the article. */
  const named = (length: number) => `${story}&q=${'a'.repeat(length - story.length - 3)}`;

  it.each([
    {
      name: 'an address that fits, as written',
      url: `${story}&utm_source=x#c`,
      kept: `${story}&utm_source=x#c`,
    },
    {
      name: 'an address as long as it may be',
      url: named(MAX_URL_LENGTH),
      kept: named(MAX_URL_LENGTH),
    },
    { name: 'a longer one, made so by tracking', url: tracked(2500), kept: story },
    {
      name: 'a longer one, with credentials and an anchor',
      url: `https://reader:secret@${tracked(4000).slice(8)}#comments`,
      kept: story,
    },
    { name: 'one as long as a call may carry', url: tracked(MAX_PAGE_URL_INPUT), kept: story },
    { name: 'one longer than that', url: tracked(MAX_PAGE_URL_INPUT + 1), kept: null },
    { name: 'one too long without its tracking', url: named(MAX_URL_LENGTH + 1), kept: null },
    {
      name: 'one too long without its tracking, as parsed',
      url: `${story}&q=${'é'.repeat(400)}&fbclid=${'x'.repeat(3000)}`,
      kept: null,
    },
    { name: 'no web address', url: `javascript:${'a'.repeat(3000)}`, kept: null },
    { name: 'no text', url: 7, kept: null },
  ])('$name → $kept', ({ url, kept }) => {
    expect(keptPageUrl(url)).toBe(kept);
  });

  it('measures an address as parsed, where each raw é is six characters', () => {
    const raw = `${story}&q=${'é'.repeat(350)}`;
    expect(raw.length).toBeLessThan(MAX_URL_LENGTH);
    expect(keptPageUrl(raw)).toBeNull();
  });
});

describe('readStoredVote', () => {
  const key = 'https://news.example/a';
  const stored = {
    key,
    url: 'https://www.news.example/a?ref=1',
    title: 'Story',
    site: 'news.example',
    reaction: 'wow',
    createdAt: 5,
    updatedAt: 7,
  };
  [
    { damage: {}, reads: stored },
    { damage: { reaction: 'meh' }, reads: null },
    { damage: { updatedAt: '7' }, reads: null },
    { damage: { updatedAt: 1.5 }, reads: null },
    { damage: { key: 7 }, reads: null },
    { damage: { title: null }, reads: { ...stored, title: stored.url } },
    { damage: { url: 7, title: undefined }, reads: { ...stored, url: key, title: key } },
    { damage: { site: null }, reads: stored },
    {
      damage: { key: 'no address', site: null },
      reads: { ...stored, key: 'no address', site: '' },
    },
    { damage: { createdAt: NaN }, reads: { ...stored, createdAt: 7 } },
    // Past the latest time a Date holds, yet whole and below Number.MAX_SAFE_INTEGER.
    { damage: { updatedAt: 8.64e15 + 1 }, reads: null },
    { damage: { createdAt: 8.64e15 + 1 }, reads: { ...stored, createdAt: 7 } },
    { damage: { updatedAt: 8.64e15 }, reads: { ...stored, updatedAt: 8.64e15 } },
  ].forEach(({ damage, reads }) => {
    it(`reads a record stored with ${JSON.stringify(damage)} as ${reads ? 'a vote' : 'none'}`, () => {
      expect(readStoredVote({ ...stored, ...damage })).toEqual(reads);
    });
  });

  it('reads no vote from what is no record', () => {
    for (const value of [null, undefined, 'vote', 7]) expect(readStoredVote(value)).toBeNull();
  });
});

describe('readLanguageTag', () => {
  it.each([
    ['de', 'de'],
    ['DE-at', 'de-AT'],
    [' zh-hant-tw ', 'zh-Hant-TW'],
    // A common misspelling, which browsers read as the tag.
    ['en_US', 'en-US'],
  ])('keeps %j as %j', (given, kept) => {
    expect(readLanguageTag(given)).toBe(kept);
  });

  it('keeps a tag it reads again as it is: its canonical form is no longer than it takes', () => {
    // 32 characters, whose canonical form (islamicc spelled islamic-civil) runs to 37.
    for (const given of ['de', 'zh-hant-tw-u-ca-islamicc-nu-latn', 'sr-latn-rs-u-ca-islamicc']) {
      const kept = readLanguageTag(given);
      expect(readLanguageTag(kept)).toBe(kept);
    }
  });

  it('reads a tag it has read before without asking Intl again: a history holds few languages', () => {
    const canonicalize = vi.spyOn(Intl, 'getCanonicalLocales');
    try {
      for (let i = 0; i < 1_000; i++) {
        expect(readLanguageTag('pt-br')).toBe('pt-BR');
        expect(readLanguageTag('xx-not a tag')).toBeUndefined();
      }
      expect(canonicalize.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      canonicalize.mockRestore();
    }
  });

  it('still reads every tag right after more distinct tags than it remembers', () => {
    const tags = Array.from({ length: 2_000 }, (_, i) => `de-x-n${i}`);
    for (const tag of tags) expect(readLanguageTag(tag.toUpperCase())).toBe(tag);
    expect(readLanguageTag('DE-at')).toBe('de-AT');
  });

  it.each([[''], ['und'], ['not a tag'], ['<b>'], [`de-${'x'.repeat(40)}`], [7], [null]])(
    'keeps no language for %j',
    (given) => {
      expect(readLanguageTag(given)).toBeUndefined();
    },
  );
});

describe("a vote's title language", () => {
  const exported = {
    key: 'https://news.example/story',
    url: 'https://news.example/story',
    title: 'Eine Geschichte',
    site: 'news.example',
    reaction: 'wow',
    createdAt: 1,
    updatedAt: 2,
  };

  it('is imported and read from storage as a well-formed tag', () => {
    expect(parseVote({ ...exported, lang: 'de-de' })?.lang).toBe('de-DE');
    expect(readStoredVote({ ...exported, lang: 'de' })?.lang).toBe('de');
  });

  it('is left out, the vote kept, where a file or a damaged record holds no tag', () => {
    for (const lang of ['', 'x'.repeat(100), 3, { de: 1 }]) {
      expect(parseVote({ ...exported, lang })).not.toHaveProperty('lang');
      expect(readStoredVote({ ...exported, lang })).not.toHaveProperty('lang');
      expect(parseVote({ ...exported, lang })?.title).toBe('Eine Geschichte');
    }
  });
});
