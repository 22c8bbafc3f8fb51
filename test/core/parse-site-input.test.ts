import { describe, expect, it } from 'vitest';
import { parseSiteInput } from '../../src/core/parse-site-input';

describe('parseSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['www.example.com/news/today', 'example.com'],
    ['https://m.example.co.uk/a?b', 'example.co.uk'],
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
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
});
