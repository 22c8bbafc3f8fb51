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

  it('reads cookie and consent notices as unlikely, whatever content word they carry', () => {
    expect(isUnlikelyCandidate(element('<div class="cookie-banner__content"></div>'))).toBe(true);
    expect(isUnlikelyCandidate(element('<section class="consent-body"></section>'))).toBe(true);
  });

  it('leaves component prefixes and modal dialogs to the content words (some sites open stories in one)', () => {
    expect(isUnlikelyCandidate(element('<div id="cmp-content" class="cmp-text"></div>'))).toBe(
      false,
    );
    expect(isUnlikelyCandidate(element('<div class="render-target-modal content"></div>'))).toBe(
      false,
    );
  });
});
