import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/core/format-count';

describe('formatCount', () => {
  it.each([
    ['en', 48_213, '48,213'],
    ['de', 48_213, '48.213'],
    ['ar', 48_213, '48,213'],
    // The browser's own tag, as dates use it: Egyptian Arabic writes Arabic-Indic digits.
    ['ar-EG', 48_213, '٤٨٬٢١٣'],
    ['en', 7, '7'],
  ])('in %s writes %i as %s', (locale, count, text) => {
    expect(formatCount(count, locale)).toBe(text);
  });

  it('writes English without a locale', () => {
    expect(formatCount(1_200)).toBe('1,200');
  });
});
