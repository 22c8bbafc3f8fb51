import { DEFAULT_LOCALE } from './i18n';

// Building an Intl formatter costs far more than using one: one per locale, kept.
const numberFormats = new Map<string, Intl.NumberFormat>();

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
