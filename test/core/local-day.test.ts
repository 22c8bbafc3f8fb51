import { describe, expect, it, vi } from 'vitest';
import { dayLabel, localDay } from '../../src/core/local-day';

const now = new Date(2026, 10, 25, 9, 30).getTime();
const at = (month: number, day: number, hour = 12, year = 2026) =>
  new Date(year, month, day, hour).getTime();

describe('dayLabel', () => {
  it.each([
    [at(10, 25, 0), 'Today'],
    [at(10, 24, 23), 'Yesterday'],
    [at(10, 23), 'Mon, Nov 23'],
    [at(11, 31, 12, 2025), 'Wed, Dec 31, 2025'],
  ])('%s → %s', (time, label) => expect(dayLabel(time, now, 'en-US')).toBe(label));

  it.each([
    ['de-AT', at(10, 25, 0), 'Heute'],
    ['de', at(10, 24, 23), 'Gestern'],
    ['ar', at(10, 25, 0), 'اليوم'],
    ['ar-EG', at(10, 24, 23), 'أمس'],
    ['fr', at(10, 25, 0), 'Today'],
  ])('in %s, %s → %s', (locale, time, label) => expect(dayLabel(time, now, locale)).toBe(label));

  it('builds a date format once per locale and shape, not once per heading', () => {
    const { DateTimeFormat } = Intl;
    const made = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args) {
      return new DateTimeFormat(...args);
    });
    try {
      // Two years of days, each one heading, in a locale no other test here uses.
      const labels = new Set<string>();
      for (let day = 2; day < 730; day++)
        labels.add(dayLabel(now - day * 86_400_000, now, 'de-CH'));
      expect(labels.size).toBe(728);
      expect(made.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      made.mockRestore();
    }
  });
});

describe('localDay', () => {
  it('is the local calendar day, the same from its first minute to its last', () => {
    expect(localDay(at(10, 25, 0))).toBe('2026-11-25');
    expect(localDay(at(10, 25, 23) + 59 * 60_000)).toBe('2026-11-25');
    expect(localDay(at(10, 26, 0))).toBe('2026-11-26');
  });
});
