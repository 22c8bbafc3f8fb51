import { describe, expect, it } from 'vitest';
import { dayLabel, groupByDay, localDay } from '../../src/core/group-by-day';

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
});

describe('groupByDay', () => {
  it('groups consecutive entries by local day, keeping their order', () => {
    const items = [at(10, 25, 9), at(10, 25, 1), at(10, 24, 22), at(10, 20), at(10, 20, 8)].map(
      (updatedAt) => ({ updatedAt }),
    );
    const groups = groupByDay(items, now, 'en-US');
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ['Today', 2],
      ['Yesterday', 1],
      ['Fri, Nov 20', 2],
    ]);
    expect(groups[0]!.day).toBe(localDay(now));
  });
  it('is empty for no entries', () => expect(groupByDay([], now)).toEqual([]));
});
