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

  it('lets the toolbar follow an Arabic page that tags only its body', () => {
    const doc = page('<head></head><body lang="ar"><article>نص</article></body>');
    expect(resolveLocale([pageLanguage(doc), 'en-US'])).toBe('ar');
  });
});
