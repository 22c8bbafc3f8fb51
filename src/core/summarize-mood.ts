import { formatCount, formatPercentage } from './format-count';
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

/** All seven reactions at zero. */
export function emptyCounts(): ReactionCounts {
  return Object.fromEntries(REACTIONS.map((reaction) => [reaction, 0])) as ReactionCounts;
}

/**
 * Splits `counts` into chart segments, with the chart in words in `locale`, its numbers as
 * `numberLocale` writes them (a language tag for Intl: the browser's own, `ar-EG`; by default
 * `locale`). Percents use the largest-remainder method so that a stacked bar drawn from them
 * always fills exactly 100%.
 */
export function summarizeMood(
  counts: ReactionCounts,
  locale: Locale = DEFAULT_LOCALE,
  numberLocale: string = locale,
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
      formatCount(s.count, numberLocale),
      reactionName(locale, s.reaction),
      formatPercent(s, total, numberLocale),
    ]),
  );
  const list = new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(parts);
  return {
    total,
    segments,
    text: translate(locale, total === 1 ? 'popupMoodSummaryOne' : 'popupMoodSummaryOther', [
      formatCount(total, numberLocale),
      list,
    ]),
  };
}

/**
 * A segment's percent for reading, as `numberLocale` writes percents: "<1%" for a reaction that
 * rounds to 0 and ">99%" for one that rounds to 100 beside others, since neither is true.
 */
export function formatPercent(segment: MoodSegment, total: number, numberLocale: string): string {
  if (segment.percent === 0) return `<${formatPercentage(1, numberLocale)}`;
  if (segment.percent === 100 && segment.count < total) {
    return `>${formatPercentage(99, numberLocale)}`;
  }
  return formatPercentage(segment.percent, numberLocale);
}
