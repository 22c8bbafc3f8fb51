import { describe, expect, it } from 'vitest';
import { parseSiteInput } from '../../src/core/parse-site-input';
import { listedSiteOf } from '../../src/core/same-site';

describe('parseSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['www.example.com/news/today', 'www.example.com'],
    ['https://m.example.co.uk/a?b', 'm.example.co.uk'],
    ['https://WWW.gov.uk/guidance', 'www.gov.uk'],
    ['example.com:8443', 'example.com'],
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
    ['192.168.0.1.', '192.168.0.1'],
    // The URL parser reads these as other addresses (192.168.0.1, 0.0.0.123, 127.0.0.1).
    ['192.168.1', null],
    ['123', null],
    ['0x7f.0.0.1', null],
    ['localhost', 'localhost'],
    ['*.example.com', 'example.com'],
    ['.example.com', 'example.com'],
    ['example.com.', 'example.com'],
    ['Bücher.de', 'xn--bcher-kva.de'],
    ['[::1]', '[::1]'],
    ['http://[2001:db8::1]:8080/', '[2001:db8::1]'],
    ['example.com,foo.com', null],
    ['example..com', null],
    ['*.*.example.com', null],
    ['-example.com', null],
    ['example.com*', null],
    ['', null],
    ['news', null],
    ['exa mple.com', null],
    ['ftp://example.com', null],
    ['javascript:alert(1)', null],
    ['https://', null],
    [`${'a'.repeat(250)}.com`, null],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
    [`${'a'.repeat(64)}.com`, null],
    [`news.${'a'.repeat(64)}.com`, null],
  ])('%j → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // A wildcard for the subdomains written after a scheme, or a browser's match pattern (its
  // `*://` any scheme) pasted whole: the host past the wildcard, as for `*.example.com`.
  it.each([
    ['https://*.example.com/', 'example.com'],
    ['http://*.news.example/world', 'news.example'],
    ['*://*.example.com/*', 'example.com'],
    ['*://example.com/*', 'example.com'],
    ['https://*.*.example.com/', null],
    ['https://*example.com/', null],
    ['*://*/*', null],
  ])('%j, a wildcard after a scheme, → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // An IPv6 address is written bare outside an address bar; the brackets belong to URLs.
  it.each([
    ['2001:db8::1', '[2001:db8::1]'],
    [' 2001:DB8:0:0::1 ', '[2001:db8::1]'],
    ['::1', '[::1]'],
    ['::ffff:127.0.0.1', '[::ffff:7f00:1]'],
    ['2001:db8::1/64', null],
    ['fe80::1%eth0', null],
    ['2001:db8::g', null],
  ])('%j, an IPv6 address without brackets, → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // An intranet's pages (http://wiki/…) get the toolbar too, and the popup can turn it off there;
  // a single name counts when pasted as an address, where it is no word typed by mistake.
  it.each([
    ['http://wiki/news/today', 'wiki'],
    ['HTTPS://Intranet:8443/', 'intranet'],
    ['http://wiki./', 'wiki'],
    ['wiki', null],
    ['wiki/news', null],
    ['http://123/', null],
  ])('%j, a single name, → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // Invisible direction marks come along with text copied from right-to-left pages and chats
  // (LRM, RLM, isolates, embeddings): the reader cannot see them, nor delete them.
  it.each([
    ['\u200Fexample.com', 'example.com'],
    ['example.com\u200E', 'example.com'],
    ['\u2068news.example\u2069', 'news.example'],
    ['\u202Ahttps://www.example.com/a\u202C', 'www.example.com'],
    ['https://example.com\u200F/news', 'example.com'],
    ['\u061Cbücher.de', 'xn--bcher-kva.de'],
    ['\u200F', null],
  ])('%j, with direction marks, → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // An address pasted from an e-mail, a chat or a quote comes with its marks around it (`<…>`,
  // quotes, brackets, a comma after it), and one copied from text may break its path at spaces:
  // the host stands apart from both.
  it.each([
    ['<https://www.example.com/news/today>', 'www.example.com'],
    ['"example.com"', 'example.com'],
    ["'example.com'", 'example.com'],
    ['\u201Cbücher.de\u201D', 'xn--bcher-kva.de'],
    ['\u201Enews.example\u201C', 'news.example'],
    ['\u00ABexample.com\u00BB', 'example.com'],
    ['(https://example.com/wiki/Foo_(bar))', 'example.com'],
    ['example.com,', 'example.com'],
    ['<https://example.com/news>.', 'example.com'],
    ['"http://wiki/a".', 'wiki'],
    ['https://example.com/news/a story about it', 'example.com'],
    ['example.com/search?q=two words', 'example.com'],
    ['<https://example.com/a b>', 'example.com'],
    ['http://[::1]:8080/a b', '[::1]'],
    ['<>', null],
    ['""', null],
    ['"exa mple.com"', null],
    ['example .com/news', null],
    ['example.com /news', null],
    ['https://exa mple.com/news', null],
    ['example.com,foo.com', null],
  ])('%j, pasted with marks or spaces, → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // Copied from Arabic, Chinese or Japanese text, an address brings that text's own commas,
  // stops, question marks and brackets; the URL parser takes them into the host (`example.com،`
  // gave the site `example.xn--com-nwe`, listed and announced as `example.com،`, while
  // example.com kept its toolbar). What is left with one inside a label is no site.
  it.each([
    ['example.com\u060C', 'example.com'],
    ['https://news.example/\u061B', 'news.example'],
    ['example.com\u061F', 'example.com'],
    ['bücher.de\u06D4', 'xn--bcher-kva.de'],
    ['\u00ABexample.com\u00BB\u060C', 'example.com'],
    ['example.com\u3001', 'example.com'],
    ['example.com\uFF0C', 'example.com'],
    ['example.com\uFF01', 'example.com'],
    ['\u300Cexample.com\u300D', 'example.com'],
    ['\u300Ehttps://example.com/a\u300F', 'example.com'],
    ['\uFF08example.com\uFF09', 'example.com'],
    ['\u3010example.com\u3011', 'example.com'],
    ['\u300Aexample.com\u300B', 'example.com'],
    ['exa\u060Cmple.com', null],
    ['example.com\u060Cnews', null],
    ['example.com\u203C', null],
    ['\u00BFexample.com', null],
    // IDNA lets a few marks between letters: Catalan's middle dot, Tibetan's tsheg between
    // syllables, Hebrew's geresh, katakana's middle dot.
    ['col\u00B7legi.cat', 'xn--collegi-xma.cat'],
    ['\u0F56\u0F7C\u0F51\u0F0B\u0F61\u0F72\u0F42.cn', 'xn--nbd4itbt1dwfyc.cn'],
  ])('%j, with the punctuation of other scripts, → %j', (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });

  // A regular expression for the marks at the end would try again from each of them: a run of
  // 100,000 took 15 s.
  it('reads a long paste of marks before its end at once', () => {
    const started = performance.now();
    expect(parseSiteInput(`example.com${'.'.repeat(100_000)}x`)).toBeNull();
    expect(parseSiteInput(`example.com${'"'.repeat(100_000)}`)).toBe('example.com');
    expect(performance.now() - started).toBeLessThan(500);
  });

  // The background names the site of the host typed as the toolbar's own switch does: a site
  // named here would turn off all of gov.uk for `www.gov.uk`, a public suffix left bare.
  it.each([
    ['www.gov.uk', 'www.gov.uk'],
    ['https://m.github.io/a', 'm.github.io'],
    ['www.example.com/news/today', 'example.com'],
    ['https://m.example.co.uk/a?b', 'example.co.uk'],
    ['news.bbc.co.uk', 'news.bbc.co.uk'],
    ['amp.dev', 'amp.dev'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%j is listed as the switch lists its site: %j', (text, listed) => {
    expect(listedSiteOf(parseSiteInput(text)!)).toBe(listed);
  });

  // A reader pastes the address of the page they read; read through Google's AMP cache or viewer,
  // its toolbar and the popup's switch belong to the publisher's site, not to Google's.
  it.each([
    ['https://www.google.com/amp/s/www.news.example/world/big-story', 'www.news.example'],
    ['www.google.co.uk/amp/s/amp.news.example/a/amp?usqp=mq331AQ', 'amp.news.example'],
    ['https://news-example.cdn.ampproject.org/c/s/news.example/world/big-story', 'news.example'],
    ['https://www.google.com/', 'www.google.com'],
    ['https://news-example.cdn.ampproject.org/', 'news-example.cdn.ampproject.org'],
  ])("%j, read through AMP, is the publisher's host: %j", (text, expected) => {
    expect(parseSiteInput(text)).toBe(expected);
  });
});
