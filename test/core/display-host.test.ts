import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayHost } from '../../src/core/display-host';

/** The host the URL parser makes of `name`: what Moodmark stores and matches (IDN in punycode). */
const asciiHost = (name: string) => new URL(`https://${name}/`).hostname;

describe('displayHost', () => {
  it.each([
    ['bücher.de', 'Latin with an umlaut'],
    ['news.bücher.de', 'a decoded label among ASCII ones'],
    ['пример.рф', 'Cyrillic, top-level domain too'],
    ['مثال.إختبار', 'Arabic'],
    ['שלום.co.il', 'Hebrew'],
    ['ελ.gr', 'Greek'],
    ['भारत.in', 'Devanagari, with its vowel signs'],
    ['ไทย.th', 'Thai'],
    ['例子.中国', 'Chinese'],
    ['お名前.jp', 'Japanese: kanji and hiragana together'],
    ['ソニー.jp', 'Japanese: katakana and its long vowel mark'],
    ['한국.kr', 'Korean'],
    ['bücher-2.de', 'ASCII digits and hyphens beside any script'],
    ['१२३.in', "digits of the label's own script only"],
    ['col·legi.cat', 'Catalan, its middle dot between two l (l·l)'],
  ])('shows %s (%s) decoded', (name) => {
    const stored = asciiHost(name);
    expect(stored, 'the test stores punycode').toMatch(/xn--/);
    expect(displayHost(stored)).toBe(name);
  });

  it.each([['example.com'], ['localhost'], ['127.0.0.1'], ['[2001:db8::1]'], ['xn--'], ['']])(
    'leaves %j as it is',
    (host) => {
      expect(displayHost(host)).toBe(host);
    },
  );

  it.each([
    ['xn--99999999999.com', 'too large to decode (RangeError in the decoder)'],
    ['xn--ib9b.com', 'a lone surrogate'],
    ['xn--paypal-.com', 'plain ASCII "paypal" in disguise'],
    ['xn--googlecom-bk3h.evil', 'an ideographic full stop, which would read as google.com'],
    ['xn--abcd-wd7a.com', 'a right-to-left override'],
    ['xn--ber-ska.de', 'an upper-case Ü, which no browser puts in a host'],
    ['xn--uber-vwc.de', 'u and a combining diaeresis (not NFC): another spelling of über'],
  ])('shows invalid %s (%s) as punycode, never throwing', (host) => {
    expect(displayHost(host)).toBe(host);
  });

  it.each([
    ['pаypal.com', 'Latin with a Cyrillic а'],
    ['abе.com', 'Latin with a Cyrillic е'],
    ['sonyソニー.jp', 'Latin with katakana'],
    ['१23.in', 'a Devanagari digit one before ASCII digits, read as 123'],
    ['৪4.com', 'a Bengali digit four, which looks like an 8, beside an ASCII 4'],
    ['๑2.th', 'a Thai digit one before an ASCII 2'],
    ['a·b.cat', 'a middle dot not between two l, a dot to the eye'],
  ])('shows %s (%s), whose scripts or digits mix, as punycode', (name) => {
    const stored = asciiHost(name);
    expect(displayHost(stored)).toBe(stored);
  });

  it('decodes each label on its own: an invalid one stays as it is', () => {
    expect(displayHost('xn--bcher-kva.xn--99999999999.de')).toBe('bücher.xn--99999999999.de');
  });

  it('shows a name that the browser reads back as the very same host, whatever it is given', () => {
    const label = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom('a', 'а', 'ü', 'u\u0308', '-', '1', 'ソ', '。', '\u202e'),
      }),
    );
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
        let stored: string;
        try {
          stored = asciiHost(labels.join('.'));
        } catch {
          return;
        }
        const shown = displayHost(stored);
        expect(asciiHost(shown)).toBe(stored);
      }),
    );
  });
});
