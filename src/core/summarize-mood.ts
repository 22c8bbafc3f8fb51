import { DEFAULT_LOCALE, reactionName, translate, type Locale } from './i18n';
import { REACTIONS, type Reaction } from './reactions';

/** How many votes each reaction has, e.g. over one period. */
export type ReactionCounts = Record<Reaction, number>;

export interface MoodSegment {
  reaction: Reaction;
  count: number;
  /** Whole percent of the total; the segments' percents add up to exactly 100. */
  percent: number;
}

export interface MoodSummary {
  total: number;
  /** Reactions with at least one vote, most frequent first (ties in toolbar order). */
  segments: MoodSegment[];
  /** The chart in words, for screen readers: "12 reactions: 5 love (42%), …". */
  text: string;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * `count` (or a percent) as `locale` writes numbers, by Intl as the popup's dates and times
 * are: grouped, so that a long history's 48213 reads 48,213 in English and 48.213 in German.
 */
export function formatCount(count: number, locale: Locale = DEFAULT_LOCALE): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(count);
}

/** All seven reactions at zero. */
export function emptyCounts(): ReactionCounts {
  return Object.fromEntries(REACTIONS.map((reaction) => [reaction, 0])) as ReactionCounts;
}

/**
 * Splits `counts` into chart segments, with the chart in words in `locale`. Percents use the
 * largest-remainder method so that a stacked bar drawn from them always fills exactly 100%.
 */
export function summarizeMood(
  counts: ReactionCounts,
  locale: Locale = DEFAULT_LOCALE,
): MoodSummary {
  const total = REACTIONS.reduce((sum, reaction) => sum + counts[reaction], 0);
  if (total === 0) return { total, segments: [], text: translate(locale, 'popupMoodNone') };
  const present = REACTIONS.filter((reaction) => counts[reaction] > 0);
  const exact = present.map((reaction) => (counts[reaction] * 100) / total);
  const percents = exact.map(Math.floor);
  let missing = 100 - percents.reduce((sum, p) => sum + p, 0);
  const byRemainder = present
    .map((_, i) => i)
    .sort((a, b) => exact[b]! - Math.floor(exact[b]!) - (exact[a]! - Math.floor(exact[a]!)));
  for (const i of byRemainder) {
    if (missing-- <= 0) break;
    percents[i]! += 1;
  }
  const segments = present
    .map((reaction, i) => ({ reaction, count: counts[reaction], percent: percents[i]! }))
    .sort(
      (a, b) => b.count - a.count || REACTIONS.indexOf(a.reaction) - REACTIONS.indexOf(b.reaction),
    );
  const parts = segments.map((s) =>
    translate(locale, 'popupMoodPart', [
      formatCount(s.count, locale),
      reactionName(locale, s.reaction),
      formatCount(s.percent, locale),
    ]),
  );
  const list = new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(parts);
  return {
    total,
    segments,
    text: translate(locale, total === 1 ? 'popupMoodSummaryOne' : 'popupMoodSummaryOther', [
      formatCount(total, locale),
      list,
    ]),
  };
}
