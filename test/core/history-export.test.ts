import { afterEach, describe, expect, it } from 'vitest';
import {
  createHistoryExport,
  csvCell,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportFormat,
} from '../../src/core/history-export';
import { parseImportedVotes } from '../../src/core/history-import';
import type { Vote } from '../../src/protocol';

const vote: Vote = {
  key: 'https://news.example/a',
  url: 'https://www.news.example/a?id=1',
  title: 'Tax "reform", explained',
  site: 'news.example',
  reaction: 'angry',
  createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  updatedAt: Date.UTC(2026, 0, 3),
};

/** The whole file `pages` make, written piece by piece. */
function write(format: ExportFormat, pages: Vote[][], now = 42): string {
  const writer = createHistoryExport(format, now);
  return writer.head + pages.map((votes) => writer.page(votes)).join('') + writer.tail;
}

describe('createHistoryExport (JSON)', () => {
  it('writes every field under a format and version', () => {
    const file = JSON.parse(write('json', [[{ ...vote, extra: 1 } as Vote]]));
    expect(file).toEqual({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: 42,
      votes: [vote],
    });
  });

  it('keeps the language of a vote whose page declared one, so that its import keeps it', () => {
    const german: Vote = {
      ...vote,
      key: 'https://news.example/b',
      url: 'https://news.example/b',
      title: 'Steuerreform, erklärt',
      lang: 'de-AT',
    };
    const file = JSON.parse(write('json', [[german, vote]]));
    expect(file.votes).toEqual([german, vote]);
    expect(parseImportedVotes(file.votes, vote.updatedAt).votes).toEqual([german, vote]);
  });

  it('writes the controls that turn text round as escapes, so a title cannot reorder its line', () => {
    // A page's title may carry them unclosed (a right-to-left override): shown as they are, an
    // editor would lay out the rest of the vote's line backwards (Trojan Source, CVE-2021-42574).
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const turned: Vote = { ...vote, title: `\u202eevil ${controls} مرحبا` };
    const text = write('json', [[turned]]);
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"title":"\\u202eevil \\u202a\\u202b');
    // Arabic text itself is written as it is: only the invisible controls are escaped.
    expect(text).toContain('مرحبا');
    expect(JSON.parse(text).votes).toEqual([turned]);
  });

  it('writes the characters an editor breaks a line at as escapes, so a vote keeps one line', () => {
    // U+2028, U+2029 and NEL are valid raw in JSON, yet editors start a line at each. Titles are
    // cleaned of them, but an address an earlier version imported from a crafted file kept them
    // as it was written: exported, it could show a vote of its making on a line of its own.
    const spoof = '{"key":"https://bank.example/","reaction":"love"}';
    const stored = { ...vote, url: `${vote.url}#\u2028${spoof}\u2029b\u0085c` };
    const text = write('json', [[stored]]);
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(text).toContain('#\\u2028{');
    expect(text).toContain('\\u2029b\\u0085c"');
    expect(JSON.parse(text).votes).toEqual([stored]);
  });

  it.each([
    [[]],
    [[[]]],
    [[[vote], [], [{ ...vote, key: 'https://news.example/b' }]]],
    [[[vote, vote], [vote], [vote, vote, vote]]],
  ])('joins pages %# into one valid list, one vote per line', (pages) => {
    const text = write('json', pages);
    const votes = pages.flat();
    expect(JSON.parse(text).votes).toEqual(votes);
    // The head's line, one line per vote (an empty one for none), the closing line.
    expect(text.split('\n')).toHaveLength(Math.max(votes.length, 1) + 3);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say ""hi"""'],
    ['a,b\nc', '"a,b\nc"'],
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ['+1', '"\'+1"'],
    ['-2', '"\'-2"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\tcmd', '"\'\tcmd"'],
    [1700000000000, '"1700000000000"'],
  ])('%j → %s', (value, cell) => expect(csvCell(value)).toBe(cell));
});

describe('createHistoryExport (CSV)', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    // Assigned undefined, it would be the zone named "undefined".
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("writes times as the reader's clock showed them, in a form spreadsheets read as dates", () => {
    // 3:04 on 2 January in UTC is 16:04 that day in Auckland; midnight on the 3rd is 13:00.
    process.env.TZ = 'Pacific/Auckland';
    const row = write('csv', [[vote]]).split('\r\n')[1];
    expect(row).toMatch(/,"2026-01-02 16:04:05","2026-01-03 13:00:00"$/);
    // In New York, the evening before: the day the history lists it under there.
    process.env.TZ = 'America/New_York';
    const evening = write('csv', [[vote]]).split('\r\n')[1];
    expect(evening).toMatch(/,"2026-01-01 22:04:05","2026-01-02 19:00:00"$/);
  });

  it('writes a header and one quoted row per vote', () => {
    process.env.TZ = 'UTC';
    const csv = write('csv', [[vote], [], [{ ...vote, title: '=1+1' }]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'reaction,title,url,site,created,updated',
      '"angry","Tax ""reform"", explained","https://www.news.example/a?id=1","news.example","2026-01-02 03:04:05","2026-01-03 00:00:00"',
      '"angry","\'=1+1","https://www.news.example/a?id=1","news.example","2026-01-02 03:04:05","2026-01-03 00:00:00"',
      '',
    ]);
  });

  it.each([
    ['an override', '\u202eevil', '\u202eevil\u202c'],
    ['an isolate and an embedding in it', '\u2067a\u202bb', '\u2067a\u202bb\u202c\u2069'],
    ['an embedding an isolate closed', '\u202ba\u2066b\u2069', '\u202ba\u2066b\u2069\u202c'],
    ['controls closed', '\u202ea\u202c \u2068b\u2069', '\u202ea\u202c \u2068b\u2069'],
    ['a stray closer', 'a\u202c\u2069', 'a\u202c\u2069'],
    [
      'an isolate closing the embedding in it',
      '\u2066\u202aa\u2069\u202eb',
      '\u2066\u202aa\u2069\u202eb\u202c',
    ],
  ])('closes the direction controls %s leaves open in its cell', (_case, title, written) => {
    // CSV has no escapes: an override left open would lay out the rest of the row backwards in
    // a text editor (Trojan Source). Closed at the cell's end, the title reads as before.
    process.env.TZ = 'UTC';
    const row = write('csv', [[{ ...vote, title }]]).split('\r\n')[1];
    expect(row).toBe(
      `"angry","${written}","https://www.news.example/a?id=1","news.example",` +
        '"2026-01-02 03:04:05","2026-01-03 00:00:00"',
    );
  });
});
