const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * "just now", "5 minutes ago", "yesterday", "3 weeks ago"… for a time in the past.
 * Times in the future (a clock that moved back) read as "just now".
 */
export function formatRelativeTime(then: number, now: number, locale?: string): string {
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE_MS) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (elapsed < HOUR_MS) return format.format(-Math.floor(elapsed / MINUTE_MS), 'minute');
  if (elapsed < DAY_MS) return format.format(-Math.floor(elapsed / HOUR_MS), 'hour');
  if (elapsed < WEEK_MS) return format.format(-Math.floor(elapsed / DAY_MS), 'day');
  if (elapsed < 5 * WEEK_MS) return format.format(-Math.floor(elapsed / WEEK_MS), 'week');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(then);
}
