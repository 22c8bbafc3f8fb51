import { describe, expect, it } from 'vitest';
import {
  matchesQuery,
  parseQuery,
  searchTerms,
  searchWords,
  termPrefix,
} from '../../src/core/search-terms';

describe('searchWords', () => {
  it.each([
    ['Night ferry: returns!', ['night', 'ferry', 'returns']],
    ['ÉTÉ à Zürich', ['été', 'à', 'zürich']],
    ['news.example', ['news', 'example']],
    ['', []],
  ])('%s → %j', (text, words) => expect(searchWords(text)).toEqual(words));
});

describe('searchTerms', () => {
  it('stores each distinct prefix up to three characters once, with the time', () => {
    expect(searchTerms('Ferry ferries', 'fe.example', 7)).toEqual([
      ['f', 7],
      ['fe', 7],
      ['fer', 7],
      ['e', 7],
      ['ex', 7],
      ['exa', 7],
    ]);
  });
});

describe('termPrefix', () => {
  it.each([
    ['ferry', 'fer'],
    ['fe', 'fe'],
    ['😀😀😀😀', '😀😀😀'],
  ])('%s → %s', (word, prefix) => expect(termPrefix(word)).toBe(prefix));
});

describe('parseQuery', () => {
  it('lowercases, dedupes and puts the longest word first', () => {
    expect(parseQuery('Bay  ferry, bay')).toEqual(['ferry', 'bay']);
  });
  it('caps the number of words', () => {
    expect(parseQuery('a b c d e f g h i j k')).toHaveLength(8);
  });
});

describe('matchesQuery', () => {
  const entry = { title: 'Night ferry returns', site: 'harbour.example' };
  it.each([
    [[], true],
    [['fer'], true],
    [['ferry', 'night'], true],
    [['harb'], true],
    [['erry'], false],
    [['ferry', 'day'], false],
  ])('%j → %s', (words, expected) => expect(matchesQuery(entry, words)).toBe(expected));
});
