import { resolveLocale, translate } from './i18n';

/** History grouped under day headings: "Today", "Yesterday", then dates, in local time. */

/** The local calendar day of `time` as YYYY-MM-DD: equal for two times on one local day. */
export function localDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * "Today", "Yesterday", or a date ("Mon, Nov 23"; with the year when it is not this year's), in
 * `locale` (a language tag; the words in its supported language, else English).
 */
export function dayLabel(time: number, now: number, locale?: string): string {
  const day = localDay(time);
  const messages = resolveLocale([locale]);
  if (day === localDay(now)) return translate(messages, 'popupToday');
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === localDay(yesterday.getTime())) return translate(messages, 'popupYesterday');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(time);
}

export interface DayGroup<T> {
  /** The local day, YYYY-MM-DD. */
  day: string;
  label: string;
  items: T[];
}

/**
 * Splits `items` (already newest first) into runs of one local day each. Items are never
 * reordered, so a page loaded later continues the last group when it starts on the same day.
 */
export function groupByDay<T extends { updatedAt: number }>(
  items: readonly T[],
  now: number,
  locale?: string,
): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = localDay(item.updatedAt);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, label: dayLabel(item.updatedAt, now, locale), items: [item] });
  }
  return groups;
}
