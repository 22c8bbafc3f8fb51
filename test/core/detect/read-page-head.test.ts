import { describe, expect, it } from 'vitest';
import { readPageHead } from '../../../src/core/detect/read-page-head';
import { MAX_DECLARED_ADDRESSES } from '../../../src/core/vote';

/** A document whose head holds `head`. */
function pageWithHead(head: string): Document {
  return new DOMParser().parseFromString(
    `<html><head>${head}</head><body></body></html>`,
    'text/html',
  );
}

describe('readPageHead', () => {
  it('lists the canonical links, the last first, then og:url', () => {
    const head = readPageHead(
      pageWithHead(
        '<meta property="og:url" content="/og">' +
          '<link rel="canonical" href="/first"><link rel="alternate canonical" href="/second">',
      ),
    );
    expect(head.declaredAddresses).toEqual(['/second', '/first', '/og']);
  });

  it('keeps as many declared addresses as the background reads, however many the head holds', () => {
    const canonicals = Array.from(
      { length: 5 * MAX_DECLARED_ADDRESSES },
      (_, i) => `<link rel="canonical" href="/story-${i}">`,
    );
    const head = readPageHead(
      pageWithHead(`${canonicals.join('')}<meta property="og:url" content="/og">`),
    );
    expect(head.declaredAddresses).toHaveLength(MAX_DECLARED_ADDRESSES);
    expect(head.declaredAddresses[0]).toBe(`/story-${5 * MAX_DECLARED_ADDRESSES - 1}`);
  });

  it('keeps the meta tags and JSON-LD scripts of the head and one wrapper down', () => {
    const head = readPageHead(
      pageWithHead(
        '<meta name="a"><script type="application/ld+json">{}</script><script>x</script>' +
          '<noscript><meta name="b"></noscript>',
      ),
    );
    expect(head.metas.map((meta) => meta.getAttribute('name'))).toEqual(['a', 'b']);
    expect(head.jsonLdScripts).toHaveLength(1);
  });
});
