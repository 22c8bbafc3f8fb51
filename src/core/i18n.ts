import ar from '../../_locales/ar/messages.json';
import de from '../../_locales/de/messages.json';
import en from '../../_locales/en/messages.json';
import type { Reaction } from './reactions';

export { pageLanguage } from './page-language';

/**
 * The message tables of `_locales/` (the browser's own format), bundled so that a content
 * script can follow the page's language: the i18n API's getMessage only knows the browser's.
 */

/** One entry of a `_locales/<locale>/messages.json` file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type MessageKey = keyof typeof en;
export type MessageTable = Record<MessageKey, MessageEntry>;

/** Supported locales; the first is the default (`default_locale` in the manifest). */
export const LOCALES = ['en', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Locales written right to left. */
const RTL_LOCALES: ReadonlySet<Locale> = new Set(['ar']);

export const MESSAGES: Readonly<Record<Locale, MessageTable>> = { en, de, ar };

/** Letters, digits and the rest a placeholder name or `$n` substitution may use. */
const TOKEN = /\$([A-Za-z0-9_@]+)\$|\$([1-9])|\$\$/g;

/**
 * The message `key` in `locale`, with `$NAME$` placeholders and `$1`…`$9` filled from
 * `substitutions` the way the i18n API's getMessage fills them. A key missing from a locale
 * falls back to English; placeholders without a substitution become empty.
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  substitutions: readonly string[] = [],
): string {
  const entry = MESSAGES[locale][key] ?? MESSAGES[DEFAULT_LOCALE][key];
  const fill = (text: string, depth: number): string =>
    text.replace(TOKEN, (token, name: string | undefined, index: string | undefined) => {
      if (token === '$$') return '$';
      if (index) return substitutions[Number(index) - 1] ?? '';
      const placeholder = entry.placeholders?.[name!.toLowerCase()];
      // A placeholder's content may itself name a substitution ($1), never another placeholder.
      return placeholder && depth === 0 ? fill(placeholder.content, 1) : '';
    });
  return fill(entry.message, 0);
}

/** A tag's language, the letters before its first `-` or `_` (or before its end). */
const PRIMARY_LANGUAGE = /^\s*([A-Za-z]+)(?:[-_]|\s*$)/;

/**
 * The first supported locale among language tags in order of preference (`de-AT` → `de`,
 * `ar_EG` → `ar`), or English. Empty and unknown tags are skipped.
 */
export function resolveLocale(tags: readonly (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    // Matched, not split: a page's hostile `lang` of millions of subtags costs nothing to read.
    const language = tag && PRIMARY_LANGUAGE.exec(tag)?.[1]?.toLowerCase();
    const match = LOCALES.find((locale) => locale === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/**
 * The language tag for Intl's dates, times and numbers on an extension page shown in `locale`:
 * the browser's own `uiLanguage` (en-GB, ar-EG, which writes ٢ for 2) when its language is the
 * one shown, else `locale`. Each page uses it for all of its numbers, so they read alike.
 */
export function intlLocaleOf(uiLanguage: string, locale: Locale): string {
  return uiLanguage.split(/[-_]/)[0]?.toLowerCase() === locale
    ? uiLanguage.replace(/_/g, '-')
    : locale;
}

/** The isolate controls: LRI, RLI and FSI open an isolate, PDI closes the last one open. */
const ISOLATE_CONTROLS = /[\u2066-\u2069]/g;

/**
 * `text` isolated (U+2068 … U+2069) for a sentence in any direction, visible or a label (an
 * `aria-label`, a `title`): a host, a page's title or English words in an Arabic sentence keep
 * their order and leave the sentence's alone (`[::1]` does not show as `[1::]`, nor a full stop
 * move). Isolates within `text` are balanced first: a page's title can neither close this one
 * early (a stray PDI, dropped) nor leave one open past its end (closed for it).
 */
export function isolate(text: string): string {
  let open = 0;
  const balanced = text.replace(ISOLATE_CONTROLS, (control) => {
    if (control !== '\u2069') open++;
    else if (open > 0) open--;
    else return '';
    return control;
  });
  return `\u2068${balanced}${'\u2069'.repeat(open)}\u2069`;
}

/** Text direction of a locale, for `dir` attributes. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/** Attributes an element of an extension page takes from `data-i18n-<attribute>="key"`. */
const TRANSLATED_ATTRIBUTES = ['aria-label', 'placeholder', 'title'] as const;

/**
 * Translates an extension page in place: `lang` and `dir` on its root, the text of every
 * element with `data-i18n="key"`, and each attribute named in TRANSLATED_ATTRIBUTES from
 * `data-i18n-<attribute>="key"`. Called once, before the page's script fills in the rest.
 */
export function localizeDocument(doc: Document, locale: Locale): void {
  doc.documentElement.lang = locale;
  doc.documentElement.dir = directionOf(locale);
  for (const element of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = translate(locale, element.dataset.i18n as MessageKey);
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of doc.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) as MessageKey;
      element.setAttribute(attribute, translate(locale, key));
    }
  }
}

const REACTION_KEYS: Readonly<Record<Reaction, MessageKey>> = {
  like: 'reactionLike',
  dislike: 'reactionDislike',
  love: 'reactionLove',
  funny: 'reactionFunny',
  angry: 'reactionAngry',
  sad: 'reactionSad',
  wow: 'reactionWow',
};

/** The reader-facing name of a reaction in `locale`. */
export function reactionName(locale: Locale, reaction: Reaction): string {
  return translate(locale, REACTION_KEYS[reaction]);
}
