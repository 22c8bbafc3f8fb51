import { resolveLocale, translate } from './i18n';

/** The history's day headings: "Today", "Yesterday", then dates, in local time. */

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
  return dateFormat(locale, !sameYear).format(time);
}

// Building an Intl formatter costs far more than using one (a quarter of a millisecond against
// a microsecond): one per locale and shape, kept, for a history with a heading for each day.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  const id = `${locale ?? ''} ${withYear}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
    });
    dateFormats.set(id, format);
  }
  return format;
}
