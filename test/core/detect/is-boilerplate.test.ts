import { describe, expect, it } from 'vitest';
import { isUnlikelyCandidate } from '../../../src/core/detect/is-boilerplate';

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
