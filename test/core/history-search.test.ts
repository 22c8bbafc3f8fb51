import { describe, expect, it } from 'vitest';
import { isNarrowed, readHistorySearch } from '../../src/core/history-search';
import { REACTION_EMOJI, REACTIONS } from '../../src/core/reactions';

describe('readHistorySearch', () => {
  it.each(REACTIONS)("reads %s's emoji as its chip", (reaction) => {
    const search = readHistorySearch(REACTION_EMOJI[reaction], undefined);
    expect(search).toEqual({ query: undefined, reaction, matchesNothing: false });
    expect(isNarrowed(search)).toBe(true);
  });

  it.each([
    ['❤', 'love'],
    ['❤\ufe0f', 'love'],
    ['😂\ufe0f', 'funny'],
    ['👍🏽', 'like'],
    ['👎🏿', 'dislike'],
    ['👍\ufe0f', 'like'],
    ['  😠 😠 ', 'angry'],
  ] as const)('reads %j with or without its selector and skin tone', (query, reaction) => {
    expect(readHistorySearch(query, undefined)).toEqual({
      query: undefined,
      reaction,
      matchesNothing: false,
    });
  });

  it('searches the words typed beside an emoji, for any reaction: a title pasted holds them', () => {
    // "I ❤️ NY" pasted is a title, whichever reaction the reader gave it.
    expect(readHistorySearch('I ❤️ NY', undefined)).toEqual({
      query: 'I   NY',
      reaction: undefined,
      matchesNothing: false,
    });
    // Two reactions' emoji in one title match it, not nothing.
    expect(readHistorySearch('Best 👍 and 👎🏽 of 2025', undefined)).toEqual({
      query: 'Best   and   of 2025',
      reaction: undefined,
      matchesNothing: false,
    });
    // The emoji parts words as a space does: "ferry😂bay" is not "ferrybay".
    expect(readHistorySearch('ferry😂bay', undefined).query).toBe('ferry bay');
  });

  it('searches a title with an emoji in it under the chip pressed, whichever emoji', () => {
    expect(readHistorySearch('I ❤️ NY', 'like')).toEqual({
      query: 'I   NY',
      reaction: 'like',
      matchesNothing: false,
    });
  });

  it('keeps the chip pressed, and the same reaction typed beside it', () => {
    expect(readHistorySearch('ferry', 'love')).toEqual({
      query: 'ferry',
      reaction: 'love',
      matchesNothing: false,
    });
    expect(readHistorySearch('❤️ ferry', 'love')).toEqual({
      query: 'ferry',
      reaction: 'love',
      matchesNothing: false,
    });
  });

  it('matches nothing for another reaction than the chip pressed, or two typed', () => {
    expect(readHistorySearch('😂', 'love').matchesNothing).toBe(true);
    expect(readHistorySearch('👍 👎', undefined).matchesNothing).toBe(true);
    expect(isNarrowed(readHistorySearch('😂', 'love'))).toBe(true);
  });

  it.each(['#', '  ,. ', '🎉', '⚽️', '!!! 🙂'])(
    'reads %j, with no word to search and no reaction, as a blank search',
    (query) => {
      const search = readHistorySearch(query, undefined);
      expect(search).toEqual({ query: undefined, reaction: undefined, matchesNothing: false });
      expect(isNarrowed(search)).toBe(false);
    },
  );

  it('does not read an emoji that only starts another (ZWJ sequence) as a reaction', () => {
    // 😮‍💨 face exhaling, ❤️‍🔥 heart on fire, 👩‍❤️‍👨 couple with heart.
    for (const query of ['😮\u200d💨', '❤️\u200d🔥', '👩\u200d❤️\u200d👨']) {
      expect(readHistorySearch(query, undefined).reaction, query).toBeUndefined();
    }
  });

  it('keeps words, addresses and hosts as typed', () => {
    expect(readHistorySearch(' www.bbc.co.uk ', undefined).query).toBe('www.bbc.co.uk');
    expect(readHistorySearch('#brexit', undefined).query).toBe('#brexit');
  });
});
