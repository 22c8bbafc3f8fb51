import { describe, expect, it } from 'vitest';
import { coveringSites, isCoveredBy } from '../../src/core/site-list';

describe('coveringSites', () => {
  it.each([
    ['example.com', ['example.com']],
    ['news.example.com', ['news.example.com', 'example.com']],
    ['a.b.example.co.uk', ['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk', 'co.uk']],
    ['localhost', ['localhost']],
    ['127.0.0.1', ['127.0.0.1']],
    ['[2001:db8::1]', ['[2001:db8::1]']],
  ])('%s → %j', (site, expected) => {
    expect(coveringSites(site)).toEqual(expected);
  });
});

describe('isCoveredBy', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['edition.example.com', 'example.com', true],
    ['example.com', 'edition.example.com', false],
    ['badexample.com', 'example.com', false],
    ['10.0.0.1', '0.0.1', false],
  ])('%s within %s: %s', (site, listed, expected) => {
    expect(isCoveredBy(site, listed)).toBe(expected);
  });
});
