import { describe, expect, it } from 'vitest';
import {
  MAX_EXPORT_PAGE,
  MAX_IMPORT_BATCH,
  parseCallMessage,
  parseContentMessage,
  type Vote,
} from '../src/protocol';
import { parseVote } from '../src/core/vote';

const vote: Vote = {
  key: 'https://news.example/a',
  url: 'https://www.news.example/a?x=1',
  title: 'A story',
  site: 'news.example',
  reaction: 'wow',
  createdAt: 1,
  updatedAt: 2,
};

describe('parseCallMessage for the popup calls', () => {
  it.each<[string, unknown]>([
    ['listHistory', { limit: 40, query: 'ferry', reaction: 'sad' }],
    ['listHistory', { limit: 40, after: { updatedAt: 5, key: 'k' } }],
    ['getHistoryStats', {}],
    ['editVote', { key: vote.key, reaction: null }],
    ['editVote', { key: vote.key, reaction: 'love' }],
    ['restoreVote', { vote }],
    ['clearHistory', {}],
    ['exportHistory', { limit: MAX_EXPORT_PAGE }],
    ['exportHistory', { after: vote.key, limit: 1 }],
    ['importHistory', { votes: [vote, null, 'x'] }],
    ['getSiteState', { url: 'https://news.example/a' }],
    ['setSiteDisabled', { url: 'https://news.example/a', disabled: true }],
    ['getCorrection', { url: 'https://news.example/a', declaredUrls: [vote.key] }],
    ['setCorrection', { key: vote.key, correction: null }],
    [
      'setCorrection',
      { key: vote.key, correction: { toolbar: 'show', title: 'A', url: vote.url, setAt: 1 } },
    ],
    ['listCorrections', {}],
  ])('accepts %s %j', (call, input) => {
    expect(parseCallMessage({ call, input })).toEqual({ call, input });
  });

  it.each<[string, unknown]>([
    ['listHistory', { limit: 40, query: 42 }],
    ['listHistory', { limit: 40, reaction: 'meh' }],
    ['getHistoryStats', { extra: 1 }],
    ['editVote', { key: 'javascript:alert(1)', reaction: null }],
    ['editVote', { key: vote.key, reaction: 'meh' }],
    ['restoreVote', { vote: { ...vote, updatedAt: Number.NaN } }],
    ['restoreVote', { vote: { ...vote, key: 'news.example/a' } }],
    ['exportHistory', { limit: MAX_EXPORT_PAGE + 1 }],
    ['exportHistory', { limit: 0 }],
    ['exportHistory', { limit: 10, after: 42 }],
    ['importHistory', { votes: { length: 1 } }],
    ['importHistory', { votes: Array.from({ length: MAX_IMPORT_BATCH + 1 }, () => vote) }],
    ['getSiteState', { url: 'chrome://settings' }],
    ['setSiteDisabled', { url: 'https://news.example/', disabled: 'yes' }],
    ['getCorrection', { url: 'file:///etc/passwd' }],
    ['listCorrections', { all: true }],
    ['setCorrection', { key: vote.key }],
    ['setCorrection', { key: 'javascript:alert(1)', correction: null }],
    [
      'setCorrection',
      { key: vote.key, correction: { toolbar: 'always', title: 'A', url: vote.url, setAt: 1 } },
    ],
    [
      'setCorrection',
      { key: vote.key, correction: { toolbar: 'hide', title: 'A', url: 'data:,x', setAt: 1 } },
    ],
  ])('rejects %s %j', (call, input) => {
    expect(() => parseCallMessage({ call, input })).toThrow();
  });

  it('cuts an overlong search', () => {
    const parsed = parseCallMessage({
      call: 'listHistory',
      input: { limit: 1, query: 'x'.repeat(500) },
    });
    expect((parsed.input as { query: string }).query).toHaveLength(200);
  });
});

describe('parseVote', () => {
  it('recomputes the site and cleans the title', () => {
    expect(parseVote({ ...vote, site: 'evil.example', title: ' A\nstory ' })).toEqual(vote);
  });
  it('gives a key an earlier version wrote otherwise in the form normalizing gives now', () => {
    // Its host stays whole: the background keys it by the Public Suffix List.
    expect(parseVote({ ...vote, key: 'https://news.example/a/?xtor=RSS-1' })).toEqual(vote);
  });
  it('moves a creation after the update back to it, as an earlier version could store it', () => {
    expect(parseVote({ ...vote, createdAt: 3 })).toEqual({ ...vote, createdAt: 2 });
  });
  it.each([
    { updatedAt: 1.5 },
    { updatedAt: -1 },
    { url: 'file:///etc/passwd' },
    { reaction: 'LIKE' },
  ])('rejects %j', (change) => expect(parseVote({ ...vote, ...change })).toBeNull());
});

describe('parseContentMessage', () => {
  it.each<unknown>([
    { notice: 'siteToggled', input: { site: 'news.example', disabled: true } },
    { notice: 'voteChanged', input: { key: vote.key, reaction: null } },
    { notice: 'historyChanged', input: {} },
    { notice: 'correctionChanged', input: { key: vote.key } },
  ])('accepts %j', (message) => expect(parseContentMessage(message)).toEqual(message));

  it.each<unknown>([
    { notice: 'siteToggled', input: { site: 'news.example' } },
    { notice: 'voteChanged', input: { key: vote.key, reaction: 'meh' } },
    { notice: 'correctionChanged', input: { key: 42 } },
    { notice: 'constructor', input: {} },
    { notice: 'voteChanged' },
    'voteChanged',
  ])('rejects %j', (message) => expect(() => parseContentMessage(message)).toThrow());
});
