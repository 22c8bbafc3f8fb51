import { describe, expect, it } from 'vitest';
import { nextFocusIndex } from '../../src/core/roving-focus';

describe('nextFocusIndex', () => {
  [
    { key: 'ArrowRight', index: 0, rtl: false, expected: 1 },
    { key: 'ArrowDown', index: 0, rtl: false, expected: 1 },
    { key: 'ArrowLeft', index: 0, rtl: false, expected: 6 },
    { key: 'ArrowUp', index: 3, rtl: false, expected: 2 },
    { key: 'ArrowRight', index: 6, rtl: false, expected: 0 },
    { key: 'Home', index: 4, rtl: false, expected: 0 },
    { key: 'End', index: 1, rtl: false, expected: 6 },
    { key: 'ArrowRight', index: 2, rtl: true, expected: 1 },
    { key: 'ArrowLeft', index: 2, rtl: true, expected: 3 },
    { key: 'ArrowDown', index: 2, rtl: true, expected: 3 },
    { key: 'Enter', index: 2, rtl: false, expected: undefined },
    { key: 'a', index: 2, rtl: false, expected: undefined },
  ].forEach(({ key, index, rtl, expected }) => {
    it(`${key} from ${index} of 7${rtl ? ' (right to left)' : ''} → ${expected}`, () => {
      expect(nextFocusIndex(key, index, 7, rtl)).toBe(expected);
    });
  });
});
