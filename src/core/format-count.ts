import { DEFAULT_LOCALE } from './i18n';

// Building an Intl formatter costs far more than using one: one per locale, kept.
const numberFormats = new Map<string, Intl.NumberFormat>();
const percentFormats = new Map<string, Intl.NumberFormat>();

/**
 * `count` (or a percent) as `locale` writes numbers, grouped: a long history's 48213 reads
 * 48,213 in English, 48.213 in German, ٤٨٬٢١٣ in Egyptian Arabic. `locale` is a language tag for
 * Intl: the browser's own (`ar-EG`), as the popup's dates and times use, so that one popup writes
 * its numbers one way.
 */
export function formatCount(count: number, locale: string = DEFAULT_LOCALE): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(count);
}

/**
 * A whole `percent` (0 to 100) as `locale` writes it, sign included: the sign a language sets
 * beside its digits (`%` beside Western digits in Arabic too, ٪ beside Arabic-Indic ones), and
 * the space it parts them by, one no line break falls in (German "75 %").
 */
export function formatPercentage(percent: number, locale: string = DEFAULT_LOCALE): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, format);
  }
  return format.format(percent / 100);
}
