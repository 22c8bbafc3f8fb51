import { describe, expect, it } from 'vitest';
import { writeHistoryJson } from '../../src/core/history-export';
import {
  ImportError,
  MAX_IMPORT_STRING_CHARS,
  mergeOutcome,
  parseHistoryImport,
} from '../../src/core/history-import';
import { MAX_IMPORT_CHARS, MAX_TITLE_LENGTH, MAX_URL_LENGTH, type Vote } from '../../src/protocol';

const now = Date.UTC(2026, 10, 25);
const vote: Vote = {
  key: 'https://news.example/a',
  url: 'https://www.news.example/a?utm_source=x',
  title: 'A story 😮',
  site: 'news.example',
  reaction: 'wow',
  createdAt: now - 5000,
  updatedAt: now - 1000,
};
const file = (votes: unknown[], extra: object = {}) =>
  JSON.stringify({ format: 'moodmark-history', version: 1, exportedAt: now, votes, ...extra });

describe('parseHistoryImport', () => {
  it('round-trips an export losslessly', () => {
    const votes = [
      vote,
      { ...vote, key: 'https://b.example/x', site: 'b.example', reaction: 'sad' as const },
    ];
    expect(parseHistoryImport(writeHistoryJson(votes, now), now)).toEqual({
      votes,
      rejected: 0,
      duplicates: 0,
    });
  });

  it.each<[string, unknown]>([
    ['a reaction not in the list', { reaction: 'meh' }],
    ['a javascript: url', { url: 'javascript:alert(1)' }],
    ['a key that is not normalized', { key: 'https://www.news.example/a/' }],
    ['a file: key', { key: 'file:///etc/passwd' }],
    ['an overlong url', { url: `https://news.example/${'a'.repeat(MAX_URL_LENGTH)}` }],
    ['a time that is not a number', { updatedAt: '2026-01-01' }],
    ['a time in the far future', { updatedAt: now + 10 * 86_400_000 }],
    ['created after updated', { createdAt: now }],
    ['a missing title', { title: undefined }],
  ])('rejects a record with %s, keeping the others', (_, change) => {
    const bad = { ...vote, key: 'https://news.example/b', ...(change as object) };
    const result = parseHistoryImport(file([vote, bad, 'not an object', null]), now);
    expect(result.votes).toEqual([vote]);
    expect(result.rejected).toBe(3);
  });

  it('caps titles and recomputes the site from the key', () => {
    const [parsed] = parseHistoryImport(
      file([{ ...vote, title: 'x'.repeat(MAX_TITLE_LENGTH + 10), site: 'evil.example' }]),
      now,
    ).votes;
    expect(parsed!.title).toHaveLength(MAX_TITLE_LENGTH);
    expect(parsed!.site).toBe('news.example');
  });

  it('keeps the newest copy of a repeated article', () => {
    const result = parseHistoryImport(
      file([vote, { ...vote, reaction: 'sad', updatedAt: now }]),
      now,
    );
    expect(result.votes.map((v) => v.reaction)).toEqual(['sad']);
    expect(result.duplicates).toBe(1);
  });

  it.each<[string, string]>([
    ['bad JSON', '{"format": "moodmark-history", '],
    ['another format', JSON.stringify({ format: 'other', version: 1, votes: [] })],
    ['a newer version', file([], { version: 2 })],
    ['no votes list', file([], { votes: {} })],
    ['a top-level array', JSON.stringify([vote])],
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
  ])('refuses a file with %s', (_, text) => {
    expect(() => parseHistoryImport(text, now)).toThrow(ImportError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an oversize file before parsing it', () => {
    const text = { length: MAX_IMPORT_CHARS + 1 } as string;
    expect(() => parseHistoryImport(text, now)).toThrow(/larger than 50 MB/);
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
