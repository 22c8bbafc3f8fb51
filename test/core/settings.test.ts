import { describe, expect, it } from 'vitest';
import { REACTIONS } from '../../src/core/reactions';
import {
  changeSettings,
  DEFAULT_SETTINGS,
  orderAllReactions,
  parseSettings,
} from '../../src/core/settings';

describe('parseSettings', () => {
  const defaults = {
    reactions: [...REACTIONS],
    order: [...REACTIONS],
    placement: 'inline',
    theme: 'system',
  };

  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'dark'],
    ['an array', ['like']],
    ['an empty object', {}],
  ])('gives the defaults for %s', (_, stored) => {
    expect(parseSettings(stored)).toEqual(defaults);
  });

  it('keeps valid settings as they are', () => {
    const stored = {
      reactions: ['wow', 'like'],
      order: ['sad', 'wow', 'dislike', 'like', 'love', 'funny', 'angry'],
      placement: 'floating',
      theme: 'dark',
    };
    expect(parseSettings(stored)).toEqual(stored);
  });

  // `order` keeps where the reader put the hidden reactions; `reactions`, which the toolbar
  // reads, stays the word on those shown and their order.
  it.each([
    [
      'nothing (an older version)',
      undefined,
      ['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad'],
    ],
    ['not a list', 'sad', ['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad']],
    [
      'a part, unknown and repeated reactions among it',
      ['sad', 'meh', 'sad', 'wow', 7],
      ['sad', 'wow', 'like', 'dislike', 'love', 'funny', 'angry'],
    ],
    [
      'the shown ones in another order',
      ['like', 'sad', 'wow', 'dislike', 'love', 'funny', 'angry'],
      ['wow', 'sad', 'like', 'dislike', 'love', 'funny', 'angry'],
    ],
  ])('fits the order stored as %s to the reactions shown', (_, order, expected) => {
    expect(parseSettings({ reactions: ['wow', 'like'], order }).order).toEqual(expected);
  });

  it.each([
    [{ reactions: 'like' }, { reactions: defaults.reactions }],
    [{ reactions: [] }, { reactions: defaults.reactions }],
    [{ reactions: ['meh', 42, null] }, { reactions: defaults.reactions }],
    [
      { reactions: ['sad', 'meh', 'sad', 'love'] },
      {
        reactions: ['sad', 'love'],
        order: ['sad', 'love', 'like', 'dislike', 'funny', 'angry', 'wow'],
      },
    ],
    [{ placement: 'sidebar' }, { placement: 'inline' }],
    [{ placement: 7 }, { placement: 'inline' }],
    [{ theme: 'Dark' }, { theme: 'system' }],
    [
      { theme: 'light', placement: 'nope' },
      { theme: 'light', placement: 'inline' },
    ],
  ])('repairs each bad field on its own: %j', (stored, expected) => {
    expect(parseSettings(stored)).toEqual({ ...defaults, ...expected });
  });

  it('ignores unknown fields and never shares the default list', () => {
    const parsed = parseSettings({ extra: true });
    expect(parsed).toEqual(defaults);
    parsed.reactions.pop();
    expect(DEFAULT_SETTINGS.reactions).toHaveLength(REACTIONS.length);
  });
});

describe('changeSettings', () => {
  const defaults = parseSettings(undefined);

  it.each([
    ['nothing stored', undefined, { theme: 'dark' }, { ...defaults, theme: 'dark' }],
    ['a list', ['like'], { theme: 'dark' }, { ...defaults, theme: 'dark' }],
    [
      "a newer version's fields",
      { theme: 'light', size: 'large' },
      { placement: 'floating' },
      { ...defaults, theme: 'light', placement: 'floating', size: 'large' },
    ],
    [
      "a newer version's theme, left alone",
      { theme: 'sepia', reactions: ['wow', 'insightful'] },
      { placement: 'floating' },
      {
        ...defaults,
        theme: 'sepia',
        reactions: ['wow', 'insightful'],
        order: ['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad'],
        placement: 'floating',
      },
    ],
    [
      "a newer version's theme, changed",
      { theme: 'sepia' },
      { theme: 'dark' },
      { ...defaults, theme: 'dark' },
    ],
    [
      'a change it does not accept',
      { theme: 'light' },
      { theme: 'sepia' },
      { ...defaults, theme: 'system' },
    ],
  ])('over %s, writes the change and keeps the rest', (_, stored, change, expected) => {
    expect(changeSettings(stored, change)).toEqual(expected);
  });
});

describe('orderAllReactions', () => {
  it.each([
    [[], [...REACTIONS]],
    [
      ['wow', 'like'],
      ['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad'],
    ],
    [[...REACTIONS].reverse(), [...REACTIONS].reverse()],
  ] as const)('lists %j first, then the rest in default order', (shown, expected) => {
    expect(orderAllReactions(shown)).toEqual(expected);
  });
});
