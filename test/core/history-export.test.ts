import { describe, expect, it } from 'vitest';
import {
  csvCell,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  writeHistoryCsv,
  writeHistoryJson,
} from '../../src/core/history-export';
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

describe('writeHistoryJson', () => {
  it('writes every field under a format and version', () => {
    const file = JSON.parse(writeHistoryJson([{ ...vote, extra: 1 } as Vote], 42));
    expect(file).toEqual({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: 42,
      votes: [vote],
    });
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

describe('writeHistoryCsv', () => {
  it('writes a header and one quoted row per vote, with ISO times', () => {
    const csv = writeHistoryCsv([vote, { ...vote, title: '=1+1' }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'reaction,title,url,site,created,updated',
      '"angry","Tax ""reform"", explained","https://www.news.example/a?id=1","news.example","2026-01-02T03:04:05.000Z","2026-01-03T00:00:00.000Z"',
      '"angry","\'=1+1","https://www.news.example/a?id=1","news.example","2026-01-02T03:04:05.000Z","2026-01-03T00:00:00.000Z"',
      '',
    ]);
  });
});
