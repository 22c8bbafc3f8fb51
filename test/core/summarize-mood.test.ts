import { describe, expect, it } from 'vitest';
import { emptyCounts, summarizeMood } from '../../src/core/summarize-mood';

describe('summarizeMood', () => {
  it.each([
    { counts: {}, total: 0, percents: [] },
    { counts: { love: 1 }, total: 1, percents: [['love', 100]] },
    {
      counts: { like: 1, sad: 1, wow: 1 },
      total: 3,
      percents: [
        ['like', 34],
        ['sad', 33],
        ['wow', 33],
      ],
    },
    {
      counts: { angry: 1, funny: 5 },
      total: 6,
      percents: [
        ['funny', 83],
        ['angry', 17],
      ],
    },
  ])('$counts → $percents', ({ counts, total, percents }) => {
    const summary = summarizeMood({ ...emptyCounts(), ...counts });
    expect(summary.total).toBe(total);
    expect(summary.segments.map((s) => [s.reaction, s.percent])).toEqual(percents);
    if (total > 0) expect(summary.segments.reduce((sum, s) => sum + s.percent, 0)).toBe(100);
  });

  it('describes the chart in words', () => {
    expect(summarizeMood({ ...emptyCounts(), love: 3, wow: 1 }).text).toBe(
      '4 reactions: 3 love (75%), 1 wow (25%)',
    );
    expect(summarizeMood(emptyCounts()).text).toBe('No reactions');
  });

  it('describes the chart in the words of a locale', () => {
    expect(summarizeMood({ ...emptyCounts(), love: 3, wow: 1 }, 'de').text).toBe(
      '4 Reaktionen: 3 × gefällt mir sehr (75\u00A0%), 1 × wow (25\u00A0%)',
    );
    expect(summarizeMood(emptyCounts(), 'ar').text).toBe('لا توجد تفاعلات');
  });

  it.each([
    ['en', '48,213 reactions: 36,179 love (75%), 12,034 wow (25%)'],
    ['de', '48.213 Reaktionen: 36.179 × gefällt mir sehr (75\u00A0%), 12.034 × wow (25\u00A0%)'],
  ] as const)('writes large counts as %s writes numbers', (locale, text) => {
    expect(summarizeMood({ ...emptyCounts(), love: 36_179, wow: 12_034 }, locale).text).toBe(text);
  });

  // Rounded to whole percents, one vote in a thousand is 0% and the rest 100%: neither is true.
  it.each([
    ['en', 'en', '1,001 reactions: 1,000 love (>99%), 1 wow (<1%)'],
    ['de', 'de', '1.001 Reaktionen: 1.000 × gefällt mir sehr (>99\u00A0%), 1 × wow (<1\u00A0%)'],
    ['ar', 'ar-EG', 'عدد التفاعلات: ١٬٠٠١ — أحببته: ١٬٠٠٠ (>٩٩٪\u061C) ومدهش: ١ (<١٪\u061C)'],
  ] as const)('in %s, rounds no reaction to none or all of the votes', (locale, numbers, text) => {
    expect(summarizeMood({ ...emptyCounts(), love: 1_000, wow: 1 }, locale, numbers).text).toBe(
      text,
    );
  });

  it('writes a percent as the language does with the digits it uses', () => {
    const counts = { ...emptyCounts(), love: 3, wow: 1 };
    // Western digits in Arabic take the Western percent sign, kept left to right by marks.
    expect(summarizeMood(counts, 'ar', 'ar').text).toContain('(75\u200E%\u200E)');
    expect(summarizeMood(counts, 'ar', 'ar-MA').text).not.toContain('٪');
    // German parts number and sign by a space no line break falls in.
    expect(summarizeMood(counts, 'de').text).not.toMatch(/\d %/);
  });

  it("writes its numbers as the browser's own tag does, its words in the language", () => {
    const { text } = summarizeMood({ ...emptyCounts(), love: 3, wow: 1 }, 'ar', 'ar-EG');
    expect(text).toBe('عدد التفاعلات: ٤ — أحببته: ٣ (٧٥٪\u061C) ومدهش: ١ (٢٥٪\u061C)');
  });
});
