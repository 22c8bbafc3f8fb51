import fc from 'fast-check';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { storedArticleKey } from '../../src/core/article-key';
import { createHistoryExport } from '../../src/core/history-export';
import {
  createHistoryFileReader,
  ImportError,
  MAX_CLOCK_SKEW_MS,
  MAX_IMPORT_RECORD_CHARS,
  MAX_IMPORT_STRING_CHARS,
  mergeOutcome,
  parseImportedVotes,
  type ParsedImport,
} from '../../src/core/history-import';
import { MAX_TITLE_LENGTH, MAX_URL_LENGTH, type Vote } from '../../src/protocol';

const now = Date.UTC(2026, 10, 25);
const vote: Vote = {
  key: 'https://news.example/a',
  url: 'https://www.news.example/a?utm_source=x',
  title: 'A story 😮 with "quotes", \\ a backslash, [brackets] and {braces}',
  site: 'news.example',
  reaction: 'wow',
  createdAt: now - 5000,
  updatedAt: now - 1000,
};
const other: Vote = { ...vote, key: 'https://b.example/x', site: 'b.example', reaction: 'sad' };
const file = (votes: unknown[], extra: object = {}) =>
  JSON.stringify({ format: 'moodmark-history', version: 1, exportedAt: now, votes, ...extra });

/** Every record of `text` read in pieces of `size` characters (the whole text by default). */
function readRecords(text: string, size = text.length || 1): unknown[] {
  const reader = createHistoryFileReader();
  const records: unknown[] = [];
  for (let i = 0; i < text.length; i += size) records.push(...reader.push(text.slice(i, i + size)));
  reader.end();
  return records;
}

const parse = (text: string, size?: number): ParsedImport =>
  parseImportedVotes(readRecords(text, size), now);

describe('createHistoryFileReader', () => {
  it('reads an export written in pages losslessly', () => {
    const writer = createHistoryExport('json', now);
    const text = writer.head + writer.page([vote]) + writer.page([other]) + writer.tail;
    expect(parse(text)).toEqual({
      votes: [vote, other],
      rejected: 0,
      futureDated: 0,
      refused: 0,
      duplicates: 0,
    });
  });

  it.each([
    [
      'version 1 as first released (indented by one space)',
      JSON.stringify(
        { format: 'moodmark-history', version: 1, exportedAt: now, votes: [vote, other] },
        null,
        1,
      ),
    ],
    ['compact, with a byte-order mark', `\uFEFF${file([vote, other])}`],
    ['with the header after the votes list keys', file([vote, other], { note: { a: [1, '}'] } })],
  ])('reads %s', (_, text) => {
    expect(readRecords(text)).toEqual([vote, other]);
  });

  it('reads the same records however the file is cut into pieces', () => {
    const text = JSON.stringify(
      { format: 'moodmark-history', version: 1, exportedAt: now, votes: [vote, 7, null, other] },
      null,
      1,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (size) => {
        expect(readRecords(text, size)).toEqual([vote, 7, null, other]);
      }),
    );
  });

  it('hands records over as they complete, holding back only a partial one', () => {
    const text = file([vote, other]);
    const cut = text.indexOf('"key"', text.indexOf('"key"') + 1);
    const reader = createHistoryFileReader();
    expect(reader.push(text.slice(0, cut))).toEqual([vote]);
    expect(reader.push(text.slice(cut))).toEqual([other]);
    reader.end();
  });

  it.each<[string, string]>([
    ['bad JSON', '{"format": "moodmark-history", '],
    ['a truncated vote', file([vote]).slice(0, -10)],
    ['a broken vote', file([vote]).replace('"title":', '"title"')],
    ['text after the end', `${file([])} {}`],
    ['another format', JSON.stringify({ format: 'other', version: 1, votes: [] })],
    ['no format before the votes', JSON.stringify({ votes: [vote], format: 'moodmark-history' })],
    ['a newer version', file([], { version: 2 })],
    ['no votes list', file([], { votes: {} })],
    ['no votes at all', JSON.stringify({ format: 'moodmark-history', version: 1 })],
    ['two votes lists', file([vote]).replace(/}\s*$/, ',"votes":[]}')],
    ['a top-level array', JSON.stringify([vote])],
    ['an empty file', ''],
    [
      'a __proto__ key',
      `{"format":"moodmark-history","version":1,"__proto__":{"polluted":true},"votes":[]}`,
    ],
    [
      'a nested __proto__ key',
      `{"format":"moodmark-history","version":1,"votes":[{"a":{"__proto__":{"x":1}}}]}`,
    ],
    ['a constructor key', file([{ ...vote, constructor: { prototype: {} } }])],
    ['a huge string', file([{ ...vote, title: 'x'.repeat(MAX_IMPORT_STRING_CHARS + 1) }])],
    [
      'a huge record',
      file([{ ...vote, extra: Array.from({ length: MAX_IMPORT_RECORD_CHARS / 2 }, () => 1) }]),
    ],
  ])('refuses a file with %s', (_, text) => {
    for (const size of [text.length || 1, 7]) {
      expect(() => readRecords(text, size)).toThrow(ImportError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each<[string, string, string | number]>([
    ['{"format": "moodmark-history", ', 'truncated', ''],
    ['{"format": "moodmark-history",]', 'not-json', 1],
    ['reaction,title,url\r\n', 'not-export', ''],
    [JSON.stringify({ format: 'moodmark-history', version: 1 }), 'not-export', ''],
    [file([], { version: 2 }), 'version', '2'],
    // Its head only, and no half of a character.
    [file([], { version: `v${'😮'.repeat(30)}` }), 'version', `v${'😮'.repeat(9)}`],
    // An object that String() cannot make text of, which threw a TypeError.
    [file([], { version: { toString: 1 } }), 'version', '{"toString":1}'],
    [file([{ ...vote, constructor: {} }]), 'hostile-key', 'constructor'],
    [
      file([{ ...vote, title: 'x'.repeat(MAX_IMPORT_STRING_CHARS + 1) }]),
      'too-long',
      MAX_IMPORT_STRING_CHARS,
    ],
  ])('names the reason it refuses a file, for the popup to word: %#', (text, reason, detail) => {
    let refusal: unknown;
    try {
      readRecords(text);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ImportError);
    expect(refusal).toMatchObject({ reason, detail });
  });

  it.each<[string, (text: string) => string, number]>([
    // The classic slip of an edit by hand: a comma left after the last vote deleted.
    [
      'a comma left after the last vote',
      (text) => text.replace(/,\n[^\n]*\n\]\}\n$/, ',\n]}\n'),
      4,
    ],
    ['a vote with a quote not escaped', (text) => text.replace('"title":"B', '"title":"B"'), 3],
    [
      'a vote without its comma',
      (text) => text.replace('},\n{"key":"https://b', '}\n{"key":"https://b'),
      3,
    ],
    ['text after the end', (text) => `${text}\n\n{}`, 8],
    ['a broken header value', (text) => text.replace('"exportedAt":', '"exportedAt":+'), 1],
  ])('tells on which line a file edited by hand stops being JSON: %s', (_, edit, line) => {
    const writer = createHistoryExport('json', now);
    const third = { ...other, key: 'https://c.example/x', site: 'c.example' };
    const text = edit(
      writer.head +
        writer.page([vote]) +
        writer.page([{ ...other, title: 'B' }, third]) +
        writer.tail,
    );
    for (const size of [text.length, 1, 5, 64]) {
      let refusal: unknown;
      try {
        readRecords(text, size);
      } catch (error) {
        refusal = error;
      }
      expect(refusal, `${size}`).toMatchObject({ reason: 'not-json', detail: line });
    }
  });

  it('tells a file cut off anywhere (a download or copy that stopped) from one that is not JSON', () => {
    const whole = file([vote, other]);
    for (let length = 1; length < whole.length; length++) {
      expect(() => readRecords(whole.slice(0, length)), whole.slice(0, length)).toThrow(
        expect.objectContaining({ reason: 'truncated' }),
      );
    }
  });

  it('refuses a huge header value as it streams, before it ends', () => {
    const reader = createHistoryFileReader();
    reader.push('{"format":"moodmark-history","version":1,"note":[');
    expect(() => reader.push('1,'.repeat(MAX_IMPORT_RECORD_CHARS))).toThrow(/record longer/);
  });
});

describe('createHistoryFileReader given a hostile header', () => {
  /** Header fields of a file no export wrote: a million of them would be 75 MB held. */
  const FIELDS = 300_000;
  const PIECE_FIELDS = 10_000;
  /** Heap the reader may hold once they are read: far below their 20-odd MB. */
  const MAX_HELD_BYTES = 5_000_000;

  it('holds none of its fields but the format and version, however many there are', () => {
    // The collector, to weigh what is held rather than garbage not yet collected.
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as () => void;
    collect();
    const before = process.memoryUsage().heapUsed;
    const reader = createHistoryFileReader();
    reader.push('{"format":"moodmark-history","version":1');
    for (let piece = 0; piece < FIELDS / PIECE_FIELDS; piece++) {
      const fields = Array.from({ length: PIECE_FIELDS }, (_, i) => `,"f${piece}_${i}":0`);
      reader.push(fields.join(''));
    }
    collect();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(MAX_HELD_BYTES);
    expect(reader.push(`,"votes":[${JSON.stringify(vote)}]}`)).toEqual([vote]);
    reader.end();
  });
});

describe('parseImportedVotes', () => {
  it.each<[string, unknown]>([
    ['a reaction not in the list', { reaction: 'meh' }],
    ['a javascript: url', { url: 'javascript:alert(1)' }],
    ['a key that is not an address', { key: 'news.example/a' }],
    ['a file: key', { key: 'file:///etc/passwd' }],
    ['an overlong url', { url: `https://news.example/${'a'.repeat(MAX_URL_LENGTH)}` }],
    ['a time that is not a number', { updatedAt: '2026-01-01' }],
    ['a time in the far future', { updatedAt: now + 10 * 86_400_000 }],
    ['a missing title', { title: undefined }],
  ])('rejects a record with %s, keeping the others', (_, change) => {
    const bad = { ...vote, key: 'https://news.example/b', ...(change as object) };
    const result = parse(file([vote, bad, 'not an object', null]));
    expect(result.votes).toEqual([vote]);
    expect(result.rejected).toBe(3);
  });

  it('tells which rejected records were dated more than a day ahead', () => {
    const ahead = { ...other, updatedAt: now + MAX_CLOCK_SKEW_MS + 1 };
    const result = parse(file([vote, ahead, { ...other, reaction: 'meh' }]));
    expect(result).toMatchObject({ votes: [vote], rejected: 2, futureDated: 1 });
    expect(parse(file([{ ...other, updatedAt: now + MAX_CLOCK_SKEW_MS }]))).toMatchObject({
      rejected: 0,
      futureDated: 0,
    });
  });

  it('moves a key an earlier version wrote otherwise to the form normalizing gives now', () => {
    // Its host stays whole: the background keys it by the Public Suffix List.
    const result = parse(file([{ ...vote, key: 'https://news.example/a/?xtor=RSS-1' }]));
    expect(result.votes).toEqual([{ ...vote, key: 'https://news.example/a' }]);
    expect(result.rejected).toBe(0);
  });

  describe("given the background's key rule (storedArticleKey)", () => {
    const parseKeyedToday = (votes: unknown[]) =>
      parseImportedVotes(readRecords(file(votes)), now, undefined, storedArticleKey);
    const section = 'https://news.example/news';
    const story = `${section}/harbour-fire`;

    // A backup from before the update that moved stored votes off shared addresses (version 18).
    it("moves a vote an earlier version filed under its page's section to the page's key", () => {
      const filedUnderSection = { ...vote, key: section, url: `${story}?utm_source=x` };
      const result = parseKeyedToday([filedUnderSection]);
      expect(result.votes).toEqual([{ ...filedUnderSection, key: story }]);
      expect(result.rejected).toBe(0);
    });

    it("keeps the newer of a vote under an earlier version's key and one under today's", () => {
      const older = { ...vote, key: section, url: story, updatedAt: now - 9000 };
      const newer = { ...vote, key: story, url: story, reaction: 'sad' };
      const result = parseKeyedToday([older, newer]);
      expect(result.votes).toEqual([newer]);
      expect(result.duplicates).toBe(1);
    });

    it("keeps a vote under the address its page declared, as today's rules take it", () => {
      const amp = {
        ...vote,
        key: 'https://news.example/world/story',
        url: 'https://news.example/amp/world/story',
      };
      expect(parseKeyedToday([amp]).votes).toEqual([amp]);
    });
  });

  it("imports 0.1.0's export without the credentials its links, and titles named by them, kept", () => {
    const url = 'https://reader:s3cret@news.example/a';
    const result = parse(
      file([
        { ...vote, url },
        { ...other, url: `${url}?p=2`, title: `${url}?p=2` },
      ]),
    );
    expect(result.votes).toEqual([
      { ...vote, url: 'https://news.example/a' },
      { ...other, url: 'https://news.example/a?p=2', title: 'https://news.example/a?p=2' },
    ]);
    expect(result.rejected).toBe(0);
  });

  it('keeps a vote an earlier version exported created after it was updated, created then', () => {
    const result = parse(file([{ ...vote, createdAt: vote.updatedAt + 5000 }]));
    expect(result.votes).toEqual([{ ...vote, createdAt: vote.updatedAt }]);
    expect(result.rejected).toBe(0);
  });

  it('keeps a vote created while the clock ran days ahead and changed since, created then', () => {
    const aheadAtCreation = { ...vote, createdAt: now + 30 * 86_400_000 };
    const result = parse(file([aheadAtCreation]));
    expect(result.votes).toEqual([{ ...vote, createdAt: vote.updatedAt }]);
    expect(result.rejected).toBe(0);
  });

  it.each([
    ['tabs and line breaks', '\thttps://www.news.example/a\n?utm_source=x\r\n'],
    ['a line separator and an override', 'https://www.news.example/a\u2028\u202e?utm_source=x'],
    ['an upper-case scheme and host', 'HTTPS://WWW.News.Example/a?utm_source=x'],
  ])('stores a link with %s as the browser reads it', (_, url) => {
    // A crafted file's link would be stored as written: its controls exported raw into the CSV,
    // a row broken over lines and its cell taken for a formula.
    const [parsed] = parse(file([{ ...vote, url }])).votes;
    expect(parsed!.url).toBe(new URL(url).href);
    expect(parsed!.url).toMatch(/^https:\/\/www\.news\.example\/a[^\s\u2028\u202e]*$/);
  });

  it('caps titles and recomputes the site from the key', () => {
    const [parsed] = parse(
      file([{ ...vote, title: 'x'.repeat(MAX_TITLE_LENGTH + 10), site: 'evil.example' }]),
    ).votes;
    expect(parsed!.title).toHaveLength(MAX_TITLE_LENGTH);
    expect(parsed!.site).toBe('news.example');
  });

  it('keeps the newest copy of a repeated article', () => {
    const result = parse(file([vote, { ...vote, reaction: 'sad', updatedAt: now }]));
    expect(result.votes.map((v) => v.reaction)).toEqual(['sad']);
    expect(result.duplicates).toBe(1);
  });

  it('keeps the newest copy of a repeated article that the caller accepts', () => {
    const refusedCopy = { ...vote, reaction: 'sad', updatedAt: now, url: 'https://b.example/' };
    const records = readRecords(file([vote, refusedCopy]));
    expect(parseImportedVotes(records, now, (copy) => copy.url !== refusedCopy.url)).toEqual({
      votes: [vote],
      rejected: 1,
      futureDated: 0,
      refused: 1,
      duplicates: 0,
    });
  });
});

describe('mergeOutcome', () => {
  it.each([
    [undefined, 'added'],
    [{ ...vote, updatedAt: vote.updatedAt - 1 }, 'updated'],
    [vote, 'unchanged'],
    [{ ...vote, updatedAt: vote.updatedAt + 1 }, 'unchanged'],
  ] as const)('over %j → %s', (existing, outcome) => {
    expect(mergeOutcome(existing, vote)).toBe(outcome);
  });
});
