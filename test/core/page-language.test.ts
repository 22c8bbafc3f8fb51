import { describe, expect, it } from 'vitest';
import { pageLanguage, resolveLocale } from '../../src/core/i18n';

const page = (html: string, htmlLang?: string) => {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = html;
  if (htmlLang !== undefined) doc.documentElement.setAttribute('lang', htmlLang);
  return doc;
};

describe('pageLanguage', () => {
  it.each([
    ['<head></head><body><p>Text</p></body>', 'de-AT', 'de-AT'],
    // The body's own tag is nearer the toolbar than the root's.
    ['<head></head><body lang="ar-EG"><p>نص</p></body>', undefined, 'ar-EG'],
    ['<head></head><body lang="ar"><p>نص</p></body>', 'en', 'ar'],
    // HTML's content-language pragma, its first tag, when no element declares one.
    [
      '<head><meta http-equiv="Content-Language" content=" de, en"></head><body></body>',
      undefined,
      'de',
    ],
    ['<head><meta http-equiv="content-language" content="ar"></head><body></body>', 'en', 'en'],
    // lang="" says "unknown": neither the pragma nor a guess applies.
    ['<head><meta http-equiv="content-language" content="de"></head><body></body>', '', undefined],
    ['<head></head><body></body>', undefined, undefined],
  ])('%s (html lang=%j) → %j', (html, htmlLang, expected) => {
    expect(pageLanguage(page(html, htmlLang))).toBe(expected);
  });

  // The toolbar follows the article's text: an English shell around a German or Arabic story.
  it.each([
    ['<body><main><article lang="de"><p id="at">Text</p></article></main></body>', 'en', 'de'],
    ['<body><article lang="ar-EG"><div id="at"><p>نص</p></div></article></body>', 'en', 'ar-EG'],
    ['<body lang="de"><div id="at"><p>Text</p></div></body>', 'en', 'de'],
    ['<body><div id="at"><p>Text</p></div></body>', 'en', 'en'],
    // Unknown where the article says so, whatever the shell declares.
    ['<body><article lang=""><p id="at">Text</p></article></body>', 'en', undefined],
  ])('at the article of %s (html lang=%j) → %j', (html, htmlLang, expected) => {
    const doc = page(`<head></head>${html}`, htmlLang);
    expect(pageLanguage(doc, doc.getElementById('at'))).toBe(expected);
  });

  // A page's `lang` is read on its main thread for each toolbar, as resolveLocale's test says.
  it('reads a hostile 8-million-character article lang by its language alone', () => {
    const doc = page('<head></head><body><article><p id="at">Text</p></article></body>', 'en');
    doc.querySelector('article')!.setAttribute('lang', `de${'-x'.repeat(4_000_000)}`);
    expect(resolveLocale([pageLanguage(doc, doc.getElementById('at')), 'en'])).toBe('de');
  });

  it('lets the toolbar follow an Arabic page that tags only its body', () => {
    const doc = page('<head></head><body lang="ar"><article>نص</article></body>');
    expect(resolveLocale([pageLanguage(doc), 'en-US'])).toBe('ar');
  });
});
