import { describe, expect, it } from 'vitest';
import { isBoilerplate, isUnlikelyCandidate } from '../../../src/core/detect/is-boilerplate';

function element(html: string): Element {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.body.firstElementChild!;
}

describe('isUnlikelyCandidate', () => {
  it('reads a sidebar as unlikely, unless a content word excuses it (Readability’s rule)', () => {
    expect(isUnlikelyCandidate(element('<div class="sidebar"></div>'))).toBe(true);
    expect(isUnlikelyCandidate(element('<div class="sidebar main-column"></div>'))).toBe(false);
  });
});

describe('isBoilerplate', () => {
  it("reads a post's line of metadata as furniture, not a video's or the page's", () => {
    expect(isBoilerplate(element('<div class="entry-meta"></div>'))).toBe(true);
    expect(isBoilerplate(element('<div class="singlepostmeta"></div>'))).toBe(true);
    expect(isBoilerplate(element('<div class="videoMeta"></div>'))).toBe(false);
    expect(isBoilerplate(element('<div class="metadata-section"></div>'))).toBe(false);
  });
});
