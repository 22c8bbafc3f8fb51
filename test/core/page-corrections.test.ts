import { describe, expect, it } from 'vitest';
import {
  correctionCandidates,
  correctionStorageKey,
  listCorrections,
  parseCorrection,
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
    ).toEqual(['https://news.example/story/a', 'https://news.example/a']);
  });
});
